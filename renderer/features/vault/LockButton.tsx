import LockIcon from '@mui/icons-material/Lock';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import { useAppStore } from '../../stores/app-store';
import { useVaultStore } from '../../stores/vault-store';

/**
 * The app bar's Lock: forgets the vault key until the master passphrase is typed again. Shown only
 * for a passphrase vault (an OS-keyring vault would unlock itself again at once).
 */
export function LockButton() {
  const canLock = useVaultStore((s) => s.status?.state === 'unlocked' && s.status.keySource === 'passphrase');
  const lock = useVaultStore((s) => s.lock);
  const reportFailure = useAppStore((s) => s.reportFailure);
  if (!canLock) return null;
  return (
    <Tooltip title="Lock">
      <IconButton
        aria-label="Lock"
        color="inherit"
        onClick={() => {
          void lock().then((result) => {
            if (!result.ok) reportFailure('Could not lock the vault', result);
          });
        }}
      >
        <LockIcon fontSize="small" />
      </IconButton>
    </Tooltip>
  );
}
