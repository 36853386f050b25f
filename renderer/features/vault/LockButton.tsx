import LockIcon from '@mui/icons-material/Lock';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import { useEffect, useState } from 'react';
import { useAppStore } from '../../stores/app-store';
import { useVaultStore } from '../../stores/vault-store';
import { DiscardChangesDialog, hasChangedForm } from '../common/unsaved-changes';
import { isLockShortcut, lockAriaShortcut, lockShortcutLabel } from './lock-shortcut';

/**
 * The app bar's Lock, and its shortcut Ctrl+Shift+L (which works with a dialog open, where the
 * button cannot be reached): forgets the vault key until the master passphrase is typed again.
 * Shown only for a passphrase vault (an OS-keyring vault would unlock itself again at once).
 * Locking closes every screen, so with a form open and changed it asks "Discard your changes?" first.
 */
export function LockButton() {
  const canLock = useVaultStore((s) => s.status?.state === 'unlocked' && s.status.keySource === 'passphrase');
  const [asking, setAsking] = useState(false);
  const requestLock = () => (hasChangedForm() ? setAsking(true) : lockVault());

  useEffect(() => {
    if (!canLock) return;
    const onKey = (event: KeyboardEvent) => {
      if (!isLockShortcut(event)) return;
      event.preventDefault();
      // Ours alone: a dialog underneath must not also take the keys (its field, its own shortcut).
      event.stopPropagation();
      if (hasChangedForm()) setAsking(true);
      else lockVault();
    };
    // Capture, on the window: it runs before any dialog or field sees the keys.
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [canLock]);

  if (!canLock) return null;
  return (
    <>
      <Tooltip title={`Lock (${lockShortcutLabel})`}>
        <IconButton
          aria-label="Lock"
          aria-keyshortcuts={lockAriaShortcut}
          color="inherit"
          onClick={requestLock}
        >
          <LockIcon fontSize="small" />
        </IconButton>
      </Tooltip>
      {asking && (
        <DiscardChangesDialog
          onKeep={() => setAsking(false)}
          onDiscard={() => {
            setAsking(false);
            lockVault();
          }}
        />
      )}
    </>
  );
}

/** Locks now; a refusal shows as a notice. Reads the stores when called (the shortcut outlives renders). */
function lockVault(): void {
  void useVaultStore
    .getState()
    .lock()
    .then((result) => {
      if (!result.ok) useAppStore.getState().reportFailure('Could not lock the vault', result);
    });
}
