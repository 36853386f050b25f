/**
 * Closing the window while the page holds a changed form or a live session: the page cancels
 * beforeunload, Electron emits will-prevent-unload, and the shell asks Leave or Stay (Electron
 * shows nothing by itself and would keep the window open without a word).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { app, dialog, resetElectron } from './electron-stand-in';
import { startTestShell, type TestShell } from './start-test-shell';

vi.mock('electron', () => import('./electron-stand-in'));

/** What the page's cancelled beforeunload makes Electron emit; `left`: the window may unload. */
function pageRefusesToUnload(shell: TestShell): { left: boolean } {
  const outcome = { left: false };
  shell.window.webContents.emit('will-prevent-unload', { preventDefault: () => (outcome.left = true) });
  return outcome;
}

describe('closing the window while the page asks to stay', () => {
  let shell: TestShell;
  beforeEach(async () => {
    resetElectron();
    shell = await startTestShell();
  });
  afterEach(() => shell.quit());

  it('asks Leave or Stay, with Stay the default and the answer to Escape', () => {
    dialog.answer = 1;
    expect(pageRefusesToUnload(shell).left).toBe(false);
    expect(dialog.questions).toEqual([
      expect.objectContaining({
        type: 'question',
        buttons: ['Leave', 'Stay'],
        defaultId: 1,
        cancelId: 1,
        message: 'Leave JIT PAM?',
        detail:
          'A form has changes that are not saved, or a session is open. Leaving discards the changes and ends the session.',
      }),
    ]);
  });

  it('lets the window go on Leave', () => {
    dialog.answer = 0;
    expect(pageRefusesToUnload(shell).left).toBe(true);
    expect(dialog.questions).toHaveLength(1);
  });

  it('does not ask once a quit is under way: the core has ended the sessions already', async () => {
    const shutdown = vi.spyOn(shell.core, 'shutdown');
    app.quit();
    await vi.waitFor(() => expect(shutdown).toHaveBeenCalledOnce());
    expect(pageRefusesToUnload(shell).left).toBe(true);
    expect(dialog.questions).toEqual([]);
  });
});
