import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useDeferredValue, useId, useMemo, useRef, type RefObject } from 'react';
import type { PluginId } from '../../../shared/domain/plugin';
import {
  hasErrors,
  liveTagProblems,
  mergeProblems,
  offsetOf,
  problemText,
  type EditorProblem,
} from './template-problems';

export const monospace = 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace';

/** One line's height in pixels: the gutter, the highlights and the text share it. */
const lineHeight = 20;
const padding = 8;

export interface ContentFieldProps {
  value: string;
  /** The plugin reads the text: an SSH comment line holds no tags. */
  pluginId: PluginId;
  onChange: (value: string) => void;
  /** A refusal of Save for the content (shown when the list below does not already say it). */
  error: string | undefined;
  readOnly: boolean;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  /** What the core's Check found for this text (tags included); empty until it ran. */
  checked: readonly EditorProblem[];
}

/**
 * The template's text as a code editor: line numbers beside it, the lines with a problem
 * highlighted, and one list of problems (the live tag check's and Check's, each once) whose
 * entries put the cursor on their line. A plain textarea with a gutter kept in step with its
 * scrolling: light enough for 2,000 lines, and long lines scroll sideways rather than wrap (a
 * wrapped line would put the numbers out of step).
 */
export function ContentField({
  value,
  pluginId,
  onChange,
  error,
  readOnly,
  inputRef,
  checked,
}: ContentFieldProps) {
  const id = useId();
  const deferred = useDeferredValue(value);
  const problems = useMemo(
    () => mergeProblems(liveTagProblems(pluginId, deferred), checked),
    [pluginId, deferred, checked],
  );
  const lineCount = useMemo(() => deferred.split('\n').length, [deferred]);
  const problemLines = useMemo(() => new Set(problems.map((p) => p.line)), [problems]);
  const gutterRef = useRef<HTMLDivElement>(null);
  const marksRef = useRef<HTMLDivElement>(null);

  const follow = (el: HTMLTextAreaElement) => {
    if (gutterRef.current) gutterRef.current.scrollTop = el.scrollTop;
    if (marksRef.current) marksRef.current.style.transform = `translateY(${-el.scrollTop}px)`;
  };

  const goTo = (p: EditorProblem) => {
    const el = inputRef.current;
    if (!el) return;
    const offset = offsetOf(el.value, p.line, p.column);
    el.focus();
    el.setSelectionRange(offset, offset);
    el.scrollTop = Math.max(0, (p.line - 1) * lineHeight - el.clientHeight / 3);
    follow(el);
  };

  const invalid = error !== undefined || hasErrors(problems);
  const helper =
    problems.length > 0
      ? `${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}: pick one to go to its line`
      : (error ?? 'Tags are written [#NAME#]; pick one in the legend to insert it at the cursor.');
  const numbers = useMemo(
    () =>
      Array.from({ length: lineCount }, (_, i) =>
        problemLines.has(i + 1) ? (
          <Box component="span" key={i} sx={{ color: 'error.main', fontWeight: 700 }}>
            {`${i + 1}\n`}
          </Box>
        ) : (
          `${i + 1}\n`
        ),
      ),
    [lineCount, problemLines],
  );
  const text = { fontFamily: monospace, fontSize: 13, lineHeight: `${lineHeight}px` };

  return (
    <Box>
      <Typography
        component="label"
        htmlFor={id}
        variant="body2"
        sx={{ display: 'block', mb: 0.5, color: invalid ? 'error.main' : 'text.secondary' }}
      >
        Content *
      </Typography>
      <Box
        sx={{
          display: 'flex',
          height: 420,
          minHeight: 160,
          resize: 'vertical',
          overflow: 'hidden',
          border: 1,
          borderColor: invalid ? 'error.main' : 'divider',
          borderRadius: 1,
          '&:focus-within': { borderColor: invalid ? 'error.main' : 'primary.main' },
        }}
      >
        <Box
          ref={gutterRef}
          aria-hidden
          sx={{
            ...text,
            overflow: 'hidden',
            flexShrink: 0,
            userSelect: 'none',
            textAlign: 'right',
            whiteSpace: 'pre',
            color: 'text.secondary',
            bgcolor: 'action.hover',
            px: 1,
            // Room for the text's sideways scroll bar, so the last number lines up at the bottom.
            pt: `${padding}px`,
            pb: `${padding + lineHeight}px`,
            minWidth: '5ch',
          }}
        >
          {numbers}
        </Box>
        <Box sx={{ position: 'relative', flex: 1, minWidth: 0 }}>
          <Box aria-hidden sx={{ position: 'absolute', inset: 0, overflow: 'hidden', pointerEvents: 'none' }}>
            <Box ref={marksRef}>
              {[...problemLines].map((line) => (
                <Box
                  key={line}
                  data-problem-line={line}
                  sx={{
                    position: 'absolute',
                    left: 0,
                    right: 0,
                    top: padding + (line - 1) * lineHeight,
                    height: lineHeight,
                    bgcolor: 'error.main',
                    opacity: 0.15,
                  }}
                />
              ))}
            </Box>
          </Box>
          <Box
            component="textarea"
            id={id}
            ref={inputRef}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            onScroll={(e) => follow(e.currentTarget)}
            readOnly={readOnly}
            required
            aria-invalid={invalid}
            aria-describedby={`${id}-helper`}
            spellCheck={false}
            autoComplete="off"
            wrap="off"
            sx={{
              ...text,
              position: 'relative',
              display: 'block',
              boxSizing: 'border-box',
              width: '100%',
              height: '100%',
              m: 0,
              p: `${padding}px`,
              border: 'none',
              outline: 'none',
              resize: 'none',
              whiteSpace: 'pre',
              overflow: 'auto',
              bgcolor: 'transparent',
              color: 'text.primary',
            }}
          />
        </Box>
      </Box>
      <Typography
        id={`${id}-helper`}
        variant="caption"
        sx={{ display: 'block', mx: 1.75, mt: 0.5, color: invalid ? 'error.main' : 'text.secondary' }}
      >
        {helper}
      </Typography>
      {problems.length > 0 && (
        <Box component="ul" aria-label="Problems" sx={{ m: 0, mt: 0.5, pl: 2.5, color: 'error.main' }}>
          {problems.map((p) => (
            <Typography component="li" variant="body2" key={`${p.line}:${p.column}:${p.message}`}>
              <Link
                component="button"
                type="button"
                color="error"
                onClick={() => goTo(p)}
                sx={{ textAlign: 'left' }}
              >
                {problemText(p)}
              </Link>
            </Typography>
          ))}
        </Box>
      )}
    </Box>
  );
}
