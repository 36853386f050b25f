import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { MethodOutput } from '../../../shared/contract';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Past this many, credentials whose key was left out are counted, not named. */
const maxNamed = 10;

/** What an import did: the counts applied, or every problem with its place in the file. */
export function ImportOutcome({ outcome }: { outcome: MethodOutput<'transfer.import'> }) {
  if (outcome.applied) {
    const { keysLeftOut } = outcome;
    const secrets =
      outcome.passwords === 0 && outcome.keys === 0
        ? ''
        : ` ${plural(outcome.passwords, 'password', 'passwords')} and ${plural(outcome.keys, 'SSH key', 'SSH keys')} stored in the vault.`;
    const named = keysLeftOut.slice(0, maxNamed).join(', ');
    const more = keysLeftOut.length > maxNamed ? ` and ${keysLeftOut.length - maxNamed} more` : '';
    return (
      <Stack spacing={1}>
        <Alert severity="success" role="status">
          {`Imported ${plural(outcome.devices, 'device', 'devices')}, ${plural(outcome.templates, 'template', 'templates')} and ${plural(outcome.credentials, 'credential', 'credentials')}.${secrets}`}
        </Alert>
        {keysLeftOut.length > 0 && (
          <Alert severity="warning">
            {`The SSH key of ${named}${more} was not exported: add it by hand (edit the credential, SSH private key).`}
          </Alert>
        )}
      </Stack>
    );
  }
  return (
    <Alert severity="error">
      <AlertTitle>{`The bundle has ${plural(outcome.problems.length, 'problem', 'problems')}: nothing was imported`}</AlertTitle>
      <Box component="ul" aria-label="Problems" sx={{ m: 0, pl: 2.5, maxHeight: 280, overflow: 'auto' }}>
        {outcome.problems.map((p, i) => (
          <li key={i}>
            <Typography component="code" variant="body2" sx={{ fontFamily: 'monospace', fontWeight: 600 }}>
              {p.path || '(whole file)'}
            </Typography>
            <Typography component="span" variant="body2">{`: ${p.message}`}</Typography>
          </li>
        ))}
      </Box>
    </Alert>
  );
}
