import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useDeferredValue, useMemo, type Ref } from 'react';
import { findTagProblems } from '../../../shared/domain/template-tags';
import { tagProblemText } from './template-draft';

export const monospace = 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace';

export interface ContentFieldProps {
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  readOnly: boolean;
  inputRef: Ref<HTMLTextAreaElement>;
}

/**
 * The template's text, monospace, with the unknown-tag check run live as the user types (deferred,
 * so typing stays smooth in a long template). The full syntax check is the Check button's job.
 */
export function ContentField({ value, onChange, error, readOnly, inputRef }: ContentFieldProps) {
  const deferred = useDeferredValue(value);
  const problems = useMemo(() => findTagProblems(deferred), [deferred]);
  // A refused Save names a tag problem beside the field already: the list below does not repeat it.
  const listed = problems.filter((p) => tagProblemText(p) !== error);
  return (
    <Box>
      <TextField
        label="Content"
        required
        fullWidth
        multiline
        minRows={14}
        maxRows={28}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        error={error !== undefined || problems.length > 0}
        helperText={error ?? 'Tags are written [#NAME#]; pick one in the legend to insert it at the cursor.'}
        slotProps={{
          htmlInput: { readOnly, spellCheck: false, autoComplete: 'off', wrap: 'off' },
          input: { inputRef, sx: { fontFamily: monospace, fontSize: 13, lineHeight: 1.5 } },
        }}
      />
      {listed.length > 0 && (
        <Box component="ul" aria-label="Tag problems" sx={{ m: 0, mt: 0.5, pl: 2.5, color: 'error.main' }}>
          {listed.map((p) => (
            <Typography component="li" variant="body2" key={`${p.line}:${p.column}`}>
              {tagProblemText(p)}
            </Typography>
          ))}
        </Box>
      )}
    </Box>
  );
}
