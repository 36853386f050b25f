import { dialog, type BrowserWindow, type MessageBoxOptions } from 'electron';

/** The question's buttons, in the order the dialog shows them (its answer is an index). */
const leave = 0;
const stay = 1;

const question = (closing: boolean): MessageBoxOptions => ({
  type: 'question',
  buttons: [closing ? 'Leave' : 'Reload', 'Stay'],
  defaultId: stay,
  cancelId: stay,
  title: closing ? 'Leave JIT PAM?' : 'Reload JIT PAM?',
  message: closing ? 'Leave JIT PAM?' : 'Reload JIT PAM?',
  detail: closing
    ? 'A form has changes that are not saved, or a session is open. Leaving discards the changes and ends the session.'
    : 'A form has changes that are not saved, or a session is open. Reloading discards the changes and closes the session view.',
  noLink: true,
});

/**
 * Closing the window (or reloading it) while the page holds a changed form or a live session: the
 * page cancels `beforeunload` (renderer/features/common/unsaved-changes.tsx), and Electron, which
 * shows no question of its own, then keeps the window open silently. This asks the question a
 * browser asks. The page stays while it is asked (asynchronously: a modal asked synchronously
 * would stop the core in this same process, its idle lock and its sessions' timers with it); on
 * Leave the window is closed (or reloaded) again, and that time it goes. During a quit it goes
 * without asking: the core has already ended the sessions, and Stay would leave a window open on
 * a core that has shut down.
 */
export function askBeforeLeaving(window: BrowserWindow, quitting: () => boolean): void {
  // The window's close comes before the page's beforeunload; a reload has no such event.
  let closing = false;
  let asking = false;
  let leaving = false;
  window.on('close', () => (closing = true));
  window.webContents.on('will-prevent-unload', (event) => {
    const wasClosing = closing;
    closing = false;
    if (quitting() || leaving) {
      leaving = false;
      // preventDefault on this event lets the page unload despite its beforeunload.
      event.preventDefault();
      return;
    }
    if (asking) return;
    asking = true;
    void dialog.showMessageBox(window, question(wasClosing)).then(({ response }) => {
      asking = false;
      if (response !== leave || window.isDestroyed()) return;
      leaving = true;
      if (wasClosing) window.close();
      else window.webContents.reload();
    });
  });
}
