import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { SqlTranscriptEntry } from '../../../../shared/contract/sql-console';
import type { Session } from '../../../../shared/domain/session';
import { api } from '../../../api/client';
import { formatTime } from '../../operations/operation-format';
import { bidiShown, pairSafeCut } from '../../../../shared/domain/text-rules';

const kindLabels: Record<SqlTranscriptEntry['kind'], string> = {
  statement: 'Ran',
  rows: 'Result',
  error: 'Error',
  lost: 'Connection lost',
};

/**
 * What a session's SQL console ran, as the core kept it (append-only, secrets masked), read when
 * the Details open and again when the session's state changes.
 */
export function SqlTranscript({ session }: { session: Session }) {
  const [entries, setEntries] = useState<SqlTranscriptEntry[] | undefined>();
  const [problem, setProblem] = useState<string | undefined>();

  useEffect(() => {
    let current = true;
    void api.call('sqlConsole.transcript', { sessionId: session.id }).then((result) => {
      if (!current) return;
      if (result.ok) setEntries(result.value.entries);
      else setProblem(result.message);
    });
    return () => {
      current = false;
    };
  }, [session.id, session.state]);

  if (problem !== undefined)
    return <Alert severity="error">{`Could not read the transcript: ${problem}`}</Alert>;
  if (entries === undefined) return <LinearProgress aria-label="Loading the transcript" />;
  if (entries.length === 0) {
    return (
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        The SQL console ran no statement in this session.
      </Typography>
    );
  }
  return (
    <Box component="ol" aria-label="SQL transcript" sx={{ listStyle: 'none', p: 0, m: 0 }}>
      {entries.map((entry, i) => (
        <Box component="li" key={i} sx={{ py: 0.5, borderBottom: 1, borderColor: 'divider' }}>
          <Typography
            variant="caption"
            sx={{ color: entry.kind === 'error' ? 'error.main' : 'text.secondary' }}
          >
            {`${formatTime(entry.at)} · ${kindLabels[entry.kind]}${entry.actor === undefined ? '' : ` · ${entry.actor}`}${entry.durationMs === null ? '' : ` · ${Math.round(entry.durationMs)} ms`}`}
          </Typography>
          <EntryText text={entry.text} monospace={entry.kind === 'statement'} />
        </Box>
      ))}
    </Box>
  );
}

/** Characters of an entry shown before "Show all": a statement can be 100,000. */
const foldChars = 2_000;

/**
 * An entry's text; a long one folded to its start, with how much more there is, until Show all:
 * a transcript of many long statements stays quick to open and to read through.
 */
function EntryText({ text, monospace }: { text: string; monospace: boolean }) {
  const [whole, setWhole] = useState(false);
  const folded = !whole && text.length > foldChars;
  const cut = pairSafeCut(text, foldChars);
  const more = text.length - cut;
  return (
    <Box sx={{ whiteSpace: 'pre-wrap', fontFamily: monospace ? 'monospace' : undefined }}>
      {bidiShown(folded ? text.slice(0, cut) : text)}
      {folded && (
        <>
          {'…'}
          <Button size="small" sx={{ ml: 1 }} onClick={() => setWhole(true)}>
            {`Show all (${more.toLocaleString('en-US')} more characters)`}
          </Button>
        </>
      )}
    </Box>
  );
}
