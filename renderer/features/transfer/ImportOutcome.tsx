import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { MethodOutput } from '../../../shared/contract';
import { importSummary } from './import-summary';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What an import did: the counts applied, what was renamed and skipped, or every problem with its place in the file. */
export function ImportOutcome({ outcome }: { outcome: MethodOutput<'transfer.import'> }) {
  if (outcome.applied) {
    const summary = importSummary(outcome);
    return (
      <Stack spacing={1}>
        <Alert severity="success" role="status">
          {summary.done}
        </Alert>
        {outcome.renamed.length > 0 && (
          <Alert severity="info">
            <AlertTitle>Renamed</AlertTitle>
            <Box component="ul" aria-label="Renamed" sx={{ m: 0, pl: 2.5, maxHeight: 200, overflow: 'auto' }}>
              {outcome.renamed.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </Box>
          </Alert>
        )}
        {outcome.skipped.length > 0 && (
          <Alert severity="info">
            <AlertTitle>Skipped</AlertTitle>
            <Box component="ul" aria-label="Skipped" sx={{ m: 0, pl: 2.5, maxHeight: 200, overflow: 'auto' }}>
              {outcome.skipped.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </Box>
          </Alert>
        )}
        {summary.keysLeftOut !== null && <Alert severity="warning">{summary.keysLeftOut}</Alert>}
        {summary.secretFieldsLeftOut !== null && (
          <Alert severity="warning">{summary.secretFieldsLeftOut}</Alert>
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
