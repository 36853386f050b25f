import Alert from '@mui/material/Alert';
import type { TemplateProblem } from '../../stores/templates-store';

export type CheckState =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'failed'; message: string }
  | { state: 'done'; problems: TemplateProblem[] };

/** What the core's Check said: no problems, how many (listed under Content), or that it failed. */
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
  // The problems themselves are in the editor's one list under Content, each once.
  const warnings = check.problems.filter((p) => p.severity === 'warning').length;
  const errors = check.problems.length - warnings;
  const counted = [
    errors > 0 ? `${errors} ${errors === 1 ? 'problem' : 'problems'}` : '',
    warnings > 0 ? `${warnings} ${warnings === 1 ? 'warning' : 'warnings'} (Save and runs go ahead)` : '',
  ].filter(Boolean);
  return (
    <Alert severity="warning" role="status">
      {`Check found ${counted.join(' and ')}: they are listed under Content.`}
    </Alert>
  );
}
