/**
 * Lock from anywhere: Ctrl+Shift+L locks the vault from every screen, with a dialog open too (the
 * Lock button is behind a modal dialog's backdrop then). Cmd counts as Ctrl on a Mac.
 */
export const lockShortcutLabel = 'Ctrl+Shift+L';
/** The same keys as aria-keyshortcuts spells them, for screen readers. */
export const lockAriaShortcut = 'Control+Shift+L';

/** The parts of a keydown the shortcut reads (a KeyboardEvent, or a test's plain object). */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
  readonly repeat?: boolean;
}

export const isLockShortcut = (press: KeyPress): boolean =>
  (press.ctrlKey || press.metaKey) &&
  press.shiftKey &&
  !press.altKey &&
  press.repeat !== true &&
  press.key.toLowerCase() === 'l';
