import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../support/temp-dir';
import { expect, test } from './fixtures';
import { openScreen } from './support/navigation';

/** A small library laid out as senhasegura's is: plugin folder, then execution type folder. */
function writeLibrary(root: string): string {
  const put = (path: string, text: string) => {
    const file = join(root, 'library', path);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text);
  };
  put('SSH/Change password/Router CLI', 'expect "*#"\nexec "password [#NEW_PASSWORD#]"\nexpect "*#\n');
  put('SSH/Create group/Group add', 'expect "*$"\nexec "groupadd staff"\n');
  put('SSH/Change password/Placeholder', '\n');
  put('PostgreSQL/Change password/Broken', "ALTER ROLE [#USERNAME#] PASSWORD 'unterminated;\n");
  put('README.md', '# not a template\n');
  return join(root, 'library');
}

test('Import templates: a library folder, each file checked; the accepted ones listed as new templates', async ({
  app,
}) => {
  const { page } = app;
  const temp = makeTempDir('jit-e2e-library-');
  try {
    const folder = writeLibrary(temp.path);
    await openScreen(page, 'Executions', 'Templates');
    await page.getByRole('button', { name: 'Import templates' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import templates' });
    await dialog.getByLabel('Template folder').setInputFiles(folder);
    await expect(dialog.getByRole('status')).toHaveText(
      '4 template files found (1 hidden, Markdown or licence files left out)',
    );
    await dialog.getByRole('button', { name: 'Import' }).click();

    await expect(dialog.getByRole('status')).toHaveText(
      '2 templates imported, 2 refused (2 with warnings: open them and press Check)',
    );
    const results = dialog.getByRole('list', { name: 'Import results' });
    await expect(results.getByRole('listitem')).toHaveText([
      /library\/PostgreSQL\/Change password\/Broken: refused: Line 1: .*Unterminated/i,
      /library\/SSH\/Create group\/Group add: refused: no execution type/,
      'library/SSH/Change password/Placeholder: imported as Placeholder, inactive: the file is empty',
      'library/SSH/Change password/Router CLI: imported as Router CLI',
    ]);
    await dialog.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('combobox', { name: 'Filter by plugin' }).selectOption('SSH');
    await page.getByRole('combobox', { name: 'Filter by execution type' }).selectOption('Password change');
    const row = page.getByRole('grid', { name: 'Templates' }).getByRole('row', { name: /Router CLI/ });
    await expect(row.locator('[data-field="executionType"]')).toHaveText('Password change');
    await expect(row.locator('[data-field="version"]')).toHaveText('1');
    // The empty file is a placeholder: kept, switched off, so nothing can run it.
    const placeholder = page
      .getByRole('grid', { name: 'Templates' })
      .getByRole('row', { name: /Placeholder/ });
    await expect(placeholder.locator('[data-field="active"]')).toHaveText('No');
  } finally {
    temp.remove();
  }
});
