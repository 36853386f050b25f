import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import { lineDiff } from '../../../shared/domain/line-diff';
import type { TemplateVersion } from '../../../shared/domain/template';
import { monospace } from './ContentField';

const sign = { same: ' ', removed: '-', added: '+' } as const;

/**
 * Two chosen versions side by side as a line diff: removed lines marked "-", added "+", long lines
 * wrapped whole. Starts on the newest version against the one before it.
 */
export function VersionDiff({ versions }: { versions: readonly TemplateVersion[] }) {
  // Newest first: the newest is "to", the one before it "from".
  const [to, setTo] = useState(versions[0]?.version ?? 1);
  const [from, setFrom] = useState(versions[1]?.version ?? versions[0]?.version ?? 1);
  const before = versions.find((v) => v.version === from);
  const after = versions.find((v) => v.version === to);
  const diff = useMemo(() => lineDiff(before?.content ?? '', after?.content ?? ''), [before, after]);
  const picker = (label: string, value: number, onChange: (v: number) => void) => (
    <TextField
      select
      size="small"
      label={label}
      value={String(value)}
      onChange={(e) => onChange(Number(e.target.value))}
      slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
      sx={{ flex: 1 }}
    >
      {versions.map((v) => (
        <option key={v.version} value={String(v.version)}>{`Version ${v.version}`}</option>
      ))}
    </TextField>
  );
  const changed = diff.filter((d) => d.kind !== 'same').length;
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={1}>
        {picker('From', from, setFrom)}
        {picker('To', to, setTo)}
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {changed === 0 ? 'The two versions have the same text.' : `${changed} lines changed.`}
      </Typography>
      <Box sx={{ maxHeight: 360, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1 }}>
        <Box
          component="table"
          aria-label={`Changes from version ${from} to version ${to}`}
          sx={{ borderCollapse: 'collapse', width: '100%', fontFamily: monospace, fontSize: 12 }}
        >
          <tbody>
            {diff.map((line, i) => (
              <Box
                component="tr"
                key={i}
                sx={{
                  bgcolor:
                    line.kind === 'added'
                      ? 'success.light'
                      : line.kind === 'removed'
                        ? 'error.light'
                        : undefined,
                  color: line.kind === 'same' ? 'text.primary' : 'common.black',
                }}
              >
                <Box
                  component="td"
                  sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', px: 1, py: 0.125 }}
                >
                  {`${sign[line.kind]} ${line.text}`}
                </Box>
              </Box>
            ))}
          </tbody>
        </Box>
      </Box>
    </Stack>
  );
}
