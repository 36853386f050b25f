import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useId, useState } from 'react';
import type { HostKey, HostKeyScan } from '../../../shared/domain/host-key';
import { hostKeyOf, useHostKeysStore } from '../../stores/host-keys-store';
import { formatDateTime } from '../common/date-time';

export interface HostKeysSectionProps {
  /** The device's saved address: keys belong to what runs connect to, not to a draft. */
  host: string;
  /** Where SSH runs connect: the device's SSH port, else 22. */
  port: number;
}

type Action =
  | { kind: 'idle' }
  | { kind: 'busy'; what: 'fetch' | 'trust' | 'forget' }
  | { kind: 'scanned'; scan: HostKeyScan }
  | { kind: 'error'; message: string };

const trustedText = (k: HostKey): string =>
  `${k.trustedBy === 'first-use' ? 'Trusted on first use' : 'Fetched and trusted'} ` +
  `${formatDateTime(k.trustedAt)} by ${k.actor}`;

const scanText: Record<HostKeyScan['status'], string> = {
  new: 'No key is trusted for it yet.',
  same: 'This is the key already trusted.',
  changed: 'This is NOT the key trusted for it: runs are refused until you trust one.',
};

/**
 * The SSH host keys trusted for the device's address. A run connects only to a server that shows
 * the trusted key; the first run trusts what it is shown, so a careful administrator fetches the
 * key here and compares it with the server's own `ssh-keygen -l` first.
 */
export function HostKeysSection({ host, port }: HostKeysSectionProps) {
  const titleId = useId();
  const state = useHostKeysStore((s) => s.byHost[hostKeyOf(host)]);
  const { load, scan, trust, forget } = useHostKeysStore.getState();
  const [action, setAction] = useState<Action>({ kind: 'idle' });

  useEffect(() => void load(host), [load, host]);

  const fetchKey = async () => {
    setAction({ kind: 'busy', what: 'fetch' });
    const result = await scan(host, port);
    setAction(
      result.ok ? { kind: 'scanned', scan: result.value } : { kind: 'error', message: result.message },
    );
  };
  const trustKey = async (fingerprint: string) => {
    setAction({ kind: 'busy', what: 'trust' });
    const result = await trust(host, port, fingerprint);
    setAction(result.ok ? { kind: 'idle' } : { kind: 'error', message: result.message });
  };
  const forgetKey = async (id: number) => {
    setAction({ kind: 'busy', what: 'forget' });
    const result = await forget(id);
    setAction(result.ok ? { kind: 'idle' } : { kind: 'error', message: result.message });
  };

  const busy = action.kind === 'busy';
  const keys = state?.status === 'ready' ? state.keys : [];
  return (
    <Box
      component="section"
      aria-labelledby={titleId}
      sx={{ pt: 2, mt: 1, borderTop: 1, borderColor: 'divider' }}
    >
      <Typography id={titleId} variant="subtitle2" component="h3">
        SSH host keys
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        Runs connect to {host}:{port} only when the server shows the key trusted here. The first connection
        trusts the key it is shown; to be sure, fetch it and compare it with the server&apos;s own{' '}
        <code>ssh-keygen -l</code> first.
      </Typography>
      {state?.status === 'loading' && <Typography variant="body2">Loading…</Typography>}
      {state?.status === 'error' && (
        <Alert severity="error">Could not load the host keys: {state.message}</Alert>
      )}
      {state?.status === 'ready' && keys.length === 0 && (
        <Typography variant="body2">No host key trusted for this address yet.</Typography>
      )}
      <Stack spacing={1}>
        {keys.map((k) => (
          <Box
            key={k.id}
            role="group"
            aria-label={`Host key of port ${k.port}`}
            sx={{ display: 'flex', gap: 1.5, alignItems: 'center', flexWrap: 'wrap' }}
          >
            <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>
              Port {k.port} · {k.keyType} · {k.fingerprint}
            </Typography>
            <Typography variant="caption" color="text.secondary">
              {trustedText(k)}
            </Typography>
            <Button size="small" disabled={busy} onClick={() => void forgetKey(k.id)}>
              Forget host key of port {k.port}
            </Button>
          </Box>
        ))}
      </Stack>
      <Box sx={{ mt: 1 }}>
        <Button disabled={busy} onClick={() => void fetchKey()}>
          {action.kind === 'busy' && action.what === 'fetch' ? 'Fetching…' : 'Fetch host key'}
        </Button>
      </Box>
      {action.kind === 'scanned' && (
        <Alert
          severity={action.scan.status === 'changed' ? 'warning' : 'info'}
          role="status"
          sx={{ mt: 1 }}
          action={
            action.scan.status === 'same' ? undefined : (
              <Button color="inherit" size="small" onClick={() => void trustKey(action.scan.fingerprint)}>
                Trust this key
              </Button>
            )
          }
        >
          {host}:{port} shows {action.scan.keyType} {action.scan.fingerprint}. {scanText[action.scan.status]}
        </Alert>
      )}
      {action.kind === 'error' && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {action.message}
        </Alert>
      )}
    </Box>
  );
}
