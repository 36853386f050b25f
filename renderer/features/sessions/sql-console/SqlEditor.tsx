import { MySQL, PostgreSQL, sql } from '@codemirror/lang-sql';
import { Prec } from '@codemirror/state';
import { basicSetup, EditorView } from 'codemirror';
import { keymap } from '@codemirror/view';
import Box from '@mui/material/Box';
import { useEffect, useRef } from 'react';

/** What Run sends: the selection when there is one, else the whole text. */
export function statementOf(view: EditorView): string {
  const { main } = view.state.selection;
  return main.empty ? view.state.doc.toString() : view.state.sliceDoc(main.from, main.to);
}

export interface SqlEditorProps {
  /** Ctrl+Enter (Cmd+Enter on a Mac): runs what `statementOf` answers. */
  onRun: (view: EditorView) => void;
  /** The editor, for the Run button (which reads the selection the same way). */
  onReady: (view: EditorView | null) => void;
  dialect: 'postgresql' | 'mysql';
}

/**
 * A CodeMirror 6 SQL editor. The editor owns its text (no React state per keystroke); the console
 * reads it when it runs.
 */
export function SqlEditor({ onRun, onReady, dialect }: SqlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  // The latest callback, so the editor is made once and still calls the current one.
  const run = useRef(onRun);
  run.current = onRun;

  useEffect(() => {
    if (host.current === null) return;
    const view = new EditorView({
      parent: host.current,
      extensions: [
        basicSetup,
        sql({ dialect: dialect === 'mysql' ? MySQL : PostgreSQL }),
        // Before the default keymap, whose Mod-Enter inserts a blank line.
        Prec.highest(
          keymap.of([
            {
              key: 'Mod-Enter',
              run: (v) => {
                run.current(v);
                return true;
              },
            },
          ]),
        ),
        EditorView.contentAttributes.of({ 'aria-label': 'SQL statement' }),
        EditorView.theme({
          '&': { minHeight: '8rem', maxHeight: '20rem' },
          '.cm-scroller': { overflow: 'auto' },
        }),
      ],
    });
    onReady(view);
    return () => {
      onReady(null);
      view.destroy();
    };
    // Made once per mount: the callbacks are read through refs.
  }, []);

  return (
    <Box
      ref={host}
      sx={{ border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: 'background.paper' }}
    />
  );
}
