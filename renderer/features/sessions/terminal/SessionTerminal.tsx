import '@xterm/xterm/css/xterm.css';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../../api/client';
import { linkTerminal, type TerminalLink } from './terminal-stream';

/** Ctrl+Shift+C copies the selection; Ctrl+Shift+V is left to the browser, whose paste xterm takes. */
function clipboardKeys(term: Terminal): (event: KeyboardEvent) => boolean {
  return (event) => {
    if (event.type !== 'keydown' || !event.ctrlKey || !event.shiftKey) return true;
    if (event.code === 'KeyC') {
      const selection = term.getSelection();
      if (selection !== '') void navigator.clipboard.writeText(selection).catch(() => undefined);
      event.preventDefault();
      return false;
    }
    return event.code !== 'KeyV';
  };
}

/**
 * The terminal of an Active SSH session: xterm.js fitted to its box (it follows the view's size),
 * focused, logged in by the core as the session's account (no password ever reaches the page).
 * Leaving the view closes the terminal's stream; Close ends the session, which closes it too.
 */
export function SessionTerminal({ sessionId }: { sessionId: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<string | undefined>();
  const [ended, setEnded] = useState(false);

  useEffect(() => {
    const host = box.current;
    if (!host) return undefined;
    const term = new Terminal({ cursorBlink: true, fontSize: 14, scrollback: 5000 });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(host);
    term.attachCustomKeyEventHandler(clipboardKeys(term));
    fit.fit();
    term.focus();
    const resized = new ResizeObserver(() => fit.fit());
    resized.observe(host);

    let link: TerminalLink | undefined;
    let gone = false;
    const screen = {
      get cols() {
        return term.cols;
      },
      get rows() {
        return term.rows;
      },
      write: (data: Uint8Array, drawn: () => void) => term.write(data, drawn),
      onData: (listener: (data: string) => void) => term.onData(listener),
      onResize: (listener: (size: { cols: number; rows: number }) => void) => term.onResize(listener),
    };
    void linkTerminal(api, sessionId, screen, (why) => {
      if (gone) return;
      if (why === null) setEnded(true);
      else setProblem(why);
    }).then((opened) => {
      if (gone) opened.close();
      else link = opened;
    });
    return () => {
      gone = true;
      link?.close();
      resized.disconnect();
      term.dispose();
    };
  }, [sessionId]);

  return (
    <Box>
      {problem !== undefined && (
        <Alert severity="error" sx={{ mb: 1 }}>{`Could not open the terminal: ${problem}`}</Alert>
      )}
      {ended && (
        <Alert severity="info" sx={{ mb: 1 }}>
          The terminal closed.
        </Alert>
      )}
      <Box
        ref={box}
        aria-label="Terminal"
        role="region"
        sx={{ height: '60vh', minHeight: 240, bgcolor: '#000', p: 0.5, borderRadius: 1 }}
      />
    </Box>
  );
}
