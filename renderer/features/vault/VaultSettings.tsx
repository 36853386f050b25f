import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useVaultStore } from '../../stores/vault-store';
import { ChangePassphraseDialog } from './ChangePassphraseDialog';

/** Settings' vault part: Change passphrase, for a vault a master passphrase protects. */
export function VaultSettings() {
  const passphraseVault = useVaultStore((s) => s.status?.keySource === 'passphrase');
  const [changing, setChanging] = useState(false);
  if (!passphraseVault) return null;
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-label="Vault">
      <Stack spacing={1} sx={{ alignItems: 'flex-start' }}>
        <Typography variant="h2">Vault</Typography>
        <Typography>
          The master passphrase protects the key that encrypts every stored password. Changing it wraps that
          key again; the passwords themselves are not re-encrypted.
        </Typography>
        <Button variant="outlined" onClick={() => setChanging(true)}>
          Change master passphrase
        </Button>
      </Stack>
      {changing && <ChangePassphraseDialog onClose={() => setChanging(false)} />}
    </Paper>
  );
}
