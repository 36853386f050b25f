import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { EditorView } from 'codemirror';
import { useRef, useState } from 'react';
import type { SqlRunResult } from '../../../../shared/contract/sql-console';
import type { Session } from '../../../../shared/domain/session';
import { api } from '../../../api/client';
import { SqlEditor, statementOf } from './SqlEditor';
import { SqlNotices } from './SqlNotices';
import { SqlResults } from './SqlResults';
import { bidiShown } from '../../../../shared/domain/text-rules';

/** The plugins whose sessions have a console (the core says the same in sql-console.ts). */
const consolePlugins = new Set<Session['pluginId']>(['postgresql', 'mysql']);

/** Whether the session view shows an SQL console for this session. */
export const hasSqlConsole = (session: Session): boolean => consolePlugins.has(session.pluginId);

/**
 * The SQL console of an Active PostgreSQL or MySQL session: the core runs each statement logged in
 * as the session's account (the password never comes here), one at a time; Cancel stops it.
 */
export function SqlConsole({ session }: { session: Session }) {
  const editor = useRef<EditorView | null>(null);
  const [running, setRunning] = useState(false);
  /** The id of the run in progress: Cancel stops that run only. */
  const currentRun = useRef<string | undefined>(undefined);
  const [outcome, setOutcome] = useState<{ result: SqlRunResult; statement: string } | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const active = session.state === 'active';

  const run = async (view: EditorView | null) => {
    if (view === null || running || !active) return;
    const statement = statementOf(view);
    if (statement.trim() === '') {
      setProblem('Type a statement to run.');
      return;
    }
    setRunning(true);
    setProblem(undefined);
    const runId = crypto.randomUUID();
    currentRun.current = runId;
    const result = await api.call('sqlConsole.run', { sessionId: session.id, sql: statement, runId });
    currentRun.current = undefined;
    setRunning(false);
    if (result.ok) setOutcome({ result: result.value, statement });
    else setProblem(result.message);
  };

  const cancel = async () => {
    const runId = currentRun.current;
    if (runId === undefined) return;
    const result = await api.call('sqlConsole.cancel', { sessionId: session.id, runId });
    if (!result.ok) setProblem(result.message);
  };

  return (
    <Paper component="section" aria-label="SQL console" variant="outlined" sx={{ p: 2 }}>
      <Stack spacing={1.5}>
        <Typography variant="h2">SQL console</Typography>
        <Typography variant="body2" color="text.secondary">
          {`Logged in as ${session.account}. Ctrl+Enter runs the selection, or everything when nothing is selected.`}
        </Typography>
        <SqlEditor
          dialect={session.pluginId === 'mysql' ? 'mysql' : 'postgresql'}
          onReady={(view) => (editor.current = view)}
          onRun={(view) => void run(view)}
        />
        <Stack direction="row" spacing={1}>
          <Button variant="contained" disabled={running || !active} onClick={() => void run(editor.current)}>
            Run
          </Button>
          <Button disabled={!running} onClick={() => void cancel()}>
            Cancel
          </Button>
        </Stack>
        {running && <LinearProgress aria-label="Running the statement" />}
        {problem !== undefined && <Alert severity="error">{bidiShown(problem)}</Alert>}
        <SqlNotices notices={running ? undefined : outcome?.result.notices} />
        {outcome !== undefined && <SqlResults result={outcome.result} statement={outcome.statement} />}
      </Stack>
    </Paper>
  );
}
