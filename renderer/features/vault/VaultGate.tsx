import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useAppStore } from '../../stores/app-store';
import { useVaultStore } from '../../stores/vault-store';
import { IdleLockWarning } from './IdleLockWarning';
import { SetPassphraseScreen } from './SetPassphraseScreen';
import { UnlockScreen } from './UnlockScreen';
import { VaultFrame } from './VaultFrame';

/**
 * Nothing of the app renders until the vault is unlocked: the first start asks for the master
 * passphrase, a locked vault for the passphrase again. Locking (here or from the core) unmounts the
 * app at once, so no screen keeps showing data it read while unlocked.
 */
export function VaultGate({ children }: { children: ReactNode }) {
  const status = useVaultStore((s) => s.status);
  const loadError = useVaultStore((s) => s.loadError);
  const loading = useVaultStore((s) => s.loading);
  const load = useVaultStore((s) => s.load);
  const connection = useAppStore((s) => s.connection);

  if (status === undefined) {
    // A tab without the token: the banner above says what to open; trying again cannot help.
    if (connection === 'no-token') {
      return (
        <VaultFrame>
          <Stack spacing={2}>
            <Typography variant="h1">Not connected</Typography>
            <Typography>Nothing can be loaded in this tab: see the message above.</Typography>
          </Stack>
        </VaultFrame>
      );
    }
    if (loadError === undefined || loading) {
      return (
        <VaultFrame>
          <Stack spacing={2}>
            <Typography>Opening the vault…</Typography>
            <LinearProgress aria-label="Opening the vault" />
          </Stack>
        </VaultFrame>
      );
    }
    return (
      <Problem
        title="The vault is not available"
        message={`Could not read the vault's state: ${loadError}`}
        onRetry={load}
      />
    );
  }
  if (status.state === 'unlocked') {
    // Only a passphrase vault locks when idle (an OS-keyring vault would open again at once).
    return (
      <>
        {children}
        {status.keySource === 'passphrase' && <IdleLockWarning />}
      </>
    );
  }
  if (status.keySource === 'passphrase') {
    return status.state === 'uninitialized' ? <SetPassphraseScreen /> : <UnlockScreen />;
  }
  // The OS keyring holds the key: there is nothing to type, only to wait for the core or retry.
  return (
    <Problem
      title="The vault is not open"
      message={
        status.state === 'uninitialized'
          ? 'The vault is being set up with the operating system keyring.'
          : 'The operating system keyring did not give the vault key. Unlock your session keyring, then try again.'
      }
      onRetry={load}
    />
  );
}

function Problem({
  title,
  message,
  onRetry,
}: {
  title: string;
  message: string;
  onRetry: () => Promise<void>;
}) {
  return (
    <VaultFrame>
      <Stack spacing={2}>
        <Typography variant="h1">{title}</Typography>
        <Alert severity="error">{message}</Alert>
        <Box>
          <Button variant="contained" onClick={() => void onRetry()}>
            Try again
          </Button>
        </Box>
      </Stack>
    </VaultFrame>
  );
}
