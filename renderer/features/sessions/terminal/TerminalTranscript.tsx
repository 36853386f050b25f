import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import {
  terminalTranscriptPageBytes,
  type TerminalTranscriptPage,
} from '../../../../shared/contract/terminal';
import type { Session } from '../../../../shared/domain/session';
import { api } from '../../../api/client';
import { segments } from './transcript-segments';

/**
 * An SSH session's terminal transcript as the core kept it (append-only, secrets masked, nothing
 * typed at a password prompt), one page (256 KiB) at a time: up to 16 MiB shown at once would
 * freeze the page. Typed lines are marked with `› ` and drawn apart from output (segments).
 */
export function TerminalTranscript({ session }: { session: Session }) {
  // Offsets of the pages seen, so Previous goes back without the core keeping state.
  const [offsets, setOffsets] = useState<number[]>([0]);
  const [loaded, setLoaded] = useState<TerminalTranscriptPage | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const offset = offsets.at(-1) ?? 0;
  // The page asked for only: while the next one loads, the buttons of the last must not act again.
  const page = loaded?.offset === offset ? loaded : undefined;

  useEffect(() => {
    let current = true;
    void api.call('terminal.transcript', { sessionId: session.id, offset }).then((result) => {
      if (!current) return;
      if (result.ok) setLoaded(result.value);
      else setProblem(result.message);
    });
    return () => {
      current = false;
    };
  }, [session.id, session.state, offset]);

  if (problem !== undefined)
    return <Alert severity="error">{`Could not read the transcript: ${problem}`}</Alert>;
  if (page === undefined) return <LinearProgress aria-label="Loading the transcript" />;
  if (page.size === 0) {
    return (
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        No terminal was opened in this session.
      </Typography>
    );
  }
  const parts = segments(page.entries);
  const { nextOffset } = page;
  const n = offsets.length;
  const total =
    nextOffset === null
      ? `${n}`
      : `about ${n - 1 + Math.ceil((page.size - offset) / terminalTranscriptPageBytes)}`;
  return (
    <Box>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
        <Button size="small" disabled={offsets.length === 1} onClick={() => setOffsets(offsets.slice(0, -1))}>
          Previous page
        </Button>
        <Button
          size="small"
          disabled={nextOffset === null}
          onClick={() => {
            if (nextOffset !== null) setOffsets([...offsets, nextOffset]);
          }}
        >
          Next page
        </Button>
        <Typography variant="caption" sx={{ color: 'text.secondary' }}>
          {`Page ${n} of ${total} · ${formatBytes(page.size)}`}
        </Typography>
      </Stack>
      <Box
        component="pre"
        aria-label="Terminal transcript"
        sx={{
          m: 0,
          p: 1,
          maxHeight: 480,
          overflow: 'auto',
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
          fontFamily: 'monospace',
          fontSize: 13,
          bgcolor: 'action.hover',
        }}
      >
        {parts.map((part, i) =>
          part.kind === 'output' ? (
            part.text
          ) : (
            <Box
              key={i}
              component="span"
              data-kind={part.kind}
              sx={
                part.kind === 'typed'
                  ? { color: 'primary.main', fontWeight: 700 }
                  : { color: 'warning.dark', fontStyle: 'italic' }
              }
            >
              {part.text}
            </Box>
          ),
        )}
      </Box>
    </Box>
  );
}

function formatBytes(size: number): string {
  if (size < 1024) return `${size} bytes`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(0)} KiB`;
  return `${(size / 1024 / 1024).toFixed(1)} MiB`;
}
