import { dialog, type BrowserWindow } from 'electron';

/** The question's buttons, in the order the dialog shows them (its answer is an index). */
const leave = 0;
const stay = 1;

/**
 * Closing the window (or reloading it) while the page holds a changed form or a live session: the
 * page cancels `beforeunload` (renderer/features/common/unsaved-changes.tsx), and Electron, which
 * shows no question of its own, then keeps the window open silently. This asks the question a
 * browser asks; Leave lets the window go (a live session then ends as on every quit). During a quit
 * the core has already ended the sessions, so the window goes without asking: answering Stay there
 * would leave a window open on a core that has shut down.
 */
export function askBeforeLeaving(window: BrowserWindow, quitting: () => boolean): void {
  window.webContents.on('will-prevent-unload', (event) => {
    if (quitting()) {
      event.preventDefault();
      return;
    }
    const answer = dialog.showMessageBoxSync(window, {
      type: 'question',
      buttons: ['Leave', 'Stay'],
      defaultId: stay,
      cancelId: stay,
      title: 'Leave JIT PAM?',
      message: 'Leave JIT PAM?',
      detail:
        'A form has changes that are not saved, or a session is open. Leaving discards the changes and ends the session.',
      noLink: true,
    });
    // preventDefault on this event lets the page unload despite its beforeunload.
    if (answer === leave) event.preventDefault();
  });
}
