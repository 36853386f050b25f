/**
 * Template authoring (issue 12, items 1-5): Clone opens an unsaved draft (Cancel leaves nothing, the
 * saved copy is version 1), Save keeps the editor open, a problem's line is one click away, and
 * the version history compares two versions line by line.
 */
import { expect, test } from './fixtures';
import { openScreen } from './support/navigation';
import { saveTemplate } from './support/template-editor';

test('template authoring: clone as a draft, save in place, jump to a problem, diff two versions', async ({
  app,
}) => {
  const { page } = app;
  await openScreen(page, 'Executions', 'Templates');
  const grid = page.getByRole('grid', { name: 'Templates' });
  const editor = page.getByRole('dialog', { name: 'Template editor' });
  const name = editor.getByRole('textbox', { name: 'Name' });
  const content = editor.getByRole('textbox', { name: 'Content' });
  const source = 'Linux: create JIT account';
  const copy = `Copy of ${source}`;

  // Clone from the list opens the copy unsaved; Cancel leaves no template behind.
  await page.getByRole('button', { name: `Actions for ${source}` }).click();
  await page.getByRole('menuitem', { name: 'Clone' }).click();
  await expect(name).toHaveValue(copy);
  await expect(editor).toContainText('not saved yet');
  await editor.getByRole('button', { name: 'Cancel' }).click();
  await expect(editor).toBeHidden();
  await expect(grid.getByRole('row', { name: new RegExp(copy) })).toHaveCount(0);

  // Clone again and save: the editor stays open on the new template, at version 1.
  await page.getByRole('button', { name: `Actions for ${source}` }).click();
  await page.getByRole('menuitem', { name: 'Clone' }).click();
  await saveTemplate(page, editor, copy);
  await expect(editor).toContainText(`${copy} · version 1`);

  // A problem on line 3: Check lists it once, and a click on it puts the cursor on that line.
  const v2 = 'expect "*$"\nexec "id [#USERNAME#]"\nfrobnicate "x"\nend';
  await content.fill(v2);
  await editor.getByRole('button', { name: 'Check' }).click();
  const problem = editor.getByRole('button', { name: /^Line 3, column 1: Unknown command "frobnicate"/ });
  await expect(problem).toHaveCount(1);
  await content.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(0, 0));
  await problem.click();
  await expect(content).toBeFocused();
  const caretLine = await content.evaluate(
    (el: HTMLTextAreaElement) => el.value.slice(0, el.selectionStart).split('\n').length,
  );
  expect(caretLine).toBe(3);

  // Fixed and saved in place twice: versions 2 and 3, the editor still open; the diff of the two
  // shows the changed line.
  await content.fill('expect "*$"\nexec "id [#USERNAME#]"\nend');
  await saveTemplate(page, editor, copy);
  await expect(editor).toContainText(`${copy} · version 2`);
  await content.fill('expect "*$"\nexec "id -u [#USERNAME#]"\nend');
  await saveTemplate(page, editor, copy);
  await expect(editor).toContainText(`${copy} · version 3`);
  await editor.getByRole('tab', { name: 'Version history' }).click();
  await editor.getByRole('button', { name: 'Compare versions' }).click();
  const diff = editor.getByRole('table', { name: 'Changes from version 2 to version 3' });
  await expect(diff.getByRole('row')).toHaveText([
    '  expect "*$"',
    '- exec "id [#USERNAME#]"',
    '+ exec "id -u [#USERNAME#]"',
    '  end',
  ]);
});
