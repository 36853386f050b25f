/**
 * Closing (or reloading) the window while the page holds a changed form or a live session: the
 * page cancels beforeunload, Electron emits will-prevent-unload, and the shell asks Leave or Stay
 * (Electron shows nothing by itself and would keep the window open without a word). The question is
 * asked without blocking: the core runs in the same process.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { app, dialog, resetElectron } from './electron-stand-in';
import { startTestShell, type TestShell } from './start-test-shell';

vi.mock('electron', () => import('./electron-stand-in'));

/** What the page's cancelled beforeunload makes Electron emit; `left`: the page may unload now. */
function pageRefusesToUnload(shell: TestShell): { left: boolean } {
  const outcome = { left: false };
  shell.window.webContents.emit('will-prevent-unload', { preventDefault: () => (outcome.left = true) });
  return outcome;
}

/** The window's close button: Electron emits close, then the page's beforeunload runs. */
function closeButton(shell: TestShell): { left: boolean } {
  shell.window.emit('close', { preventDefault: () => undefined });
  return pageRefusesToUnload(shell);
}

const asked = async () => {
  await vi.waitFor(() => expect(dialog.questions).toHaveLength(1));
  const [question] = dialog.questions;
  if (!question) throw new Error('no question');
  return question;
};

describe('closing the window while the page asks to stay', () => {
  let shell: TestShell;
  beforeEach(async () => {
    resetElectron();
    shell = await startTestShell();
  });
  afterEach(() => shell.quit());

  it('asks Leave or Stay without blocking, the page staying meanwhile; Stay keeps it', async () => {
    expect(closeButton(shell).left).toBe(false);
    const question = await asked();
    expect(question.options).toMatchObject({
      type: 'question',
      buttons: ['Leave', 'Stay'],
      defaultId: 1,
      cancelId: 1,
      message: 'Leave JIT PAM?',
      detail:
        'A form has changes that are not saved, or a session is open. Leaving discards the changes and ends the session.',
    });
    // The core answers while the question is open: nothing waits on it.
    expect(
      await shell.core.dispatcher.dispatch('app.info', undefined, shell.core.context('ipc')),
    ).toMatchObject({
      ok: true,
    });
    question.answer(1);
    await Promise.resolve();
    expect(shell.window.closeCalls).toBe(0);
  });

  it('on Leave closes the window again, and this time lets the page go', async () => {
    closeButton(shell);
    (await asked()).answer(0);
    await vi.waitFor(() => expect(shell.window.closeCalls).toBe(1));
    expect(pageRefusesToUnload(shell).left).toBe(true);
    expect(dialog.questions).toHaveLength(1);
  });

  it('a reload asks to Reload or Stay, and on Reload reloads instead of closing', async () => {
    expect(pageRefusesToUnload(shell).left).toBe(false);
    const question = await asked();
    expect(question.options).toMatchObject({ buttons: ['Reload', 'Stay'], message: 'Reload JIT PAM?' });
    question.answer(0);
    await vi.waitFor(() => expect(shell.window.webContents.reloads).toBe(1));
    expect(shell.window.closeCalls).toBe(0);
    expect(pageRefusesToUnload(shell).left).toBe(true);
  });

  it('asks once when the page refuses twice while the question is open', async () => {
    closeButton(shell);
    closeButton(shell);
    await asked();
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
