import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import type { CredentialJit } from '../../../../shared/domain/credential';
import { jitTypeLabels } from '../../../../shared/domain/jit';
import { findPlugin } from '../../../../shared/domain/plugin';
import {
  referencedCredentialIds,
  useCredentialLookups,
  type CredentialLookups,
} from '../form/use-credential-lookups';
import { FieldList, type Field } from '../../common/FieldList';
import { credentialLabel } from '../list/grid-rows';
import { yesNo } from '../list/format';
import type { RowTarget } from '../list/row-actions';
import { DateTime } from '../../common/DateTime';

type Pair = Field;

/** Names for the ids a JIT configuration holds; plain ids until (or if) the lookups load. */
function jitPairs(jit: CredentialJit, lookups: CredentialLookups | undefined): Pair[] {
  if (!jit.enabled) return [['Just In Time', 'Not enabled']];
  const template = (id: number | null) =>
    id === null ? '—' : (lookups?.templates.find((t) => t.id === id)?.name ?? `Template ${id}`);
  const plugin = (id: CredentialJit['enablePluginId']) => (id === null ? '—' : (findPlugin(id)?.name ?? id));
  const auth = (id: number | null) => {
    if (id === null) return '—';
    const c = lookups?.credentials.find((o) => o.id === id);
    return c ? credentialLabel(c.username, c.deviceName) : `Credential ${id}`;
  };
  const pairs: Pair[] = [
    ['Just In Time', 'Enabled'],
    ['Just In Time Type', jit.type === null ? '—' : jitTypeLabels[jit.type]],
    ['Use own credential to connect', yesNo(jit.useOwnCredential)],
  ];
  if (!jit.useOwnCredential) pairs.push(['Authentication credential', auth(jit.authCredentialId)]);
  if (jit.type === 'enable_disable') {
    pairs.push(
      ['Credential enable plugin', plugin(jit.enablePluginId)],
      ['Credential enable template', template(jit.enableTemplateId)],
      ['Credential disable plugin', plugin(jit.disablePluginId)],
      ['Credential disable template', template(jit.disableTemplateId)],
    );
  } else if (jit.type === 'create_delete') {
    pairs.push(
      ['Credential creation plugin', plugin(jit.createPluginId)],
      ['Credential creation template', template(jit.createTemplateId)],
      ['Credential deletion plugin', plugin(jit.deletePluginId)],
      ['Credential deletion template', template(jit.deleteTemplateId)],
    );
  }
  return pairs;
}

/** Details: every field of a credential, read-only (never the password, only whether one is stored). */
export function DetailsDialog({ target, onClose }: { target: RowTarget; onClose: () => void }) {
  const { credential: c, device } = target;
  const { state } = useCredentialLookups(referencedCredentialIds(c));
  const lookups = state.status === 'ready' ? state.lookups : undefined;
  const information: Pair[] = [
    ['ID', String(c.id)],
    ['Username', c.username],
    ['Credential type', c.type],
    ['Device', device.address ? `${device.name} (${device.address})` : device.name],
    ['Domain', c.domain || '—'],
    ['Additional information', c.additionalInfo || '—'],
    ['Status', c.deleted ? `${c.status} (deleted, kept for audit)` : c.status],
    ['Password', c.hasPassword ? 'Password stored' : 'No password'],
    ['SSH key', c.hasKey ? 'A key is stored' : 'No key'],
    ['Tags', c.tags.length > 0 ? c.tags.join(', ') : '—'],
    ['Session status', c.sessionStatus],
    ['Last use', <DateTime iso={c.lastUsedAt} />],
    ['Created', <DateTime iso={c.createdAt} />],
    ['Updated', <DateTime iso={c.updatedAt} />],
  ];
  return (
    <Dialog open onClose={onClose} aria-labelledby="details-title" maxWidth="sm" fullWidth>
      <DialogTitle id="details-title">{`Details of ${credentialLabel(c.username, device.name)}`}</DialogTitle>
      <DialogContent>
        <PairList title="Information" pairs={information} />
        <PairList title="JIT Settings" pairs={jitPairs(c.jit, lookups)} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}

function PairList({ title, pairs }: { title: string; pairs: readonly Pair[] }) {
  return (
    <Box component="section" aria-label={title} sx={{ mb: 2 }}>
      <Typography variant="h3" sx={{ mb: 1 }}>
        {title}
      </Typography>
      <FieldList fields={pairs} />
    </Box>
  );
}
