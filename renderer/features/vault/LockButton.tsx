import LockIcon from '@mui/icons-material/Lock';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import { useState } from 'react';
import { useAppStore } from '../../stores/app-store';
import { useVaultStore } from '../../stores/vault-store';
import { DiscardChangesDialog, hasChangedForm } from '../common/unsaved-changes';

/**
 * The app bar's Lock: forgets the vault key until the master passphrase is typed again. Shown only
 * for a passphrase vault (an OS-keyring vault would unlock itself again at once). Locking closes
 * every screen, so with a form open and changed it asks "Discard your changes?" first.
 */
export function LockButton() {
  const canLock = useVaultStore((s) => s.status?.state === 'unlocked' && s.status.keySource === 'passphrase');
  const lock = useVaultStore((s) => s.lock);
  const reportFailure = useAppStore((s) => s.reportFailure);
  const [asking, setAsking] = useState(false);
  if (!canLock) return null;
  const lockNow = () => {
    void lock().then((result) => {
      if (!result.ok) reportFailure('Could not lock the vault', result);
    });
  };
  return (
    <>
      <Tooltip title="Lock">
        <IconButton
          aria-label="Lock"
          color="inherit"
          onClick={() => (hasChangedForm() ? setAsking(true) : lockNow())}
        >
          <LockIcon fontSize="small" />
        </IconButton>
      </Tooltip>
      {asking && (
        <DiscardChangesDialog
          onKeep={() => setAsking(false)}
          onDiscard={() => {
            setAsking(false);
            lockNow();
          }}
        />
      )}
    </>
  );
}
