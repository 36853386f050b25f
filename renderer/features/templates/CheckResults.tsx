import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { TemplateProblem } from '../../stores/templates-store';

export type CheckState =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'failed'; message: string }
  | { state: 'done'; problems: TemplateProblem[] };

/** What the core's Check found: each problem with its line and column, or that there is none. */
export function CheckResults({ check }: { check: CheckState }) {
  if (check.state === 'idle' || check.state === 'checking') return null;
  if (check.state === 'failed') return <Alert severity="error">{`Could not check: ${check.message}`}</Alert>;
  if (check.problems.length === 0) {
    return (
      <Alert severity="success" role="status">
        Check found no problems.
      </Alert>
    );
  }
  const warnings = check.problems.filter((p) => p.severity === 'warning').length;
  const errors = check.problems.length - warnings;
  const counted = [
    errors > 0 ? `${errors} ${errors === 1 ? 'problem' : 'problems'}` : '',
    warnings > 0 ? `${warnings} ${warnings === 1 ? 'warning' : 'warnings'} (Save and runs go ahead)` : '',
  ].filter(Boolean);
  return (
    <Alert severity="warning">
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {`Check found ${counted.join(' and ')}:`}
      </Typography>
      <Box component="ul" aria-label="Check results" sx={{ m: 0, pl: 2.5 }}>
        {check.problems.map((p, i) => (
          <Typography component="li" variant="body2" key={i}>
            {`Line ${p.line}, column ${p.column}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`}
          </Typography>
        ))}
      </Box>
    </Alert>
  );
}
