import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { Template, TemplateVersion } from '../../../shared/domain/template';
import { useTemplatesStore } from '../../stores/templates-store';
import { formatDateTime } from '../common/date-time';
import { LoadErrorAlert } from '../common/LoadErrorAlert';
import { monospace } from './ContentField';
import { VersionDiff } from './VersionDiff';

export interface VersionHistoryProps {
  template: Template;
  /** Undefined for read-only templates: nothing can be copied into them. */
  onUseContent: ((content: string) => void) | undefined;
}

type Load =
  { state: 'loading' } | { state: 'error'; message: string } | { state: 'done'; versions: TemplateVersion[] };

/**
 * Every saved version, newest first; picking one shows its content read-only. Refetched when the
 * template gets a new version (a save here or elsewhere).
 */
export function VersionHistory({ template, onUseContent }: VersionHistoryProps) {
  const fetchVersions = useTemplatesStore((s) => s.versions);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [picked, setPicked] = useState<number | undefined>();
  const [attempt, setAttempt] = useState(0);
  const [comparing, setComparing] = useState(false);

  useEffect(() => {
    let current = true;
    setLoad({ state: 'loading' });
    void fetchVersions(template.id).then((result) => {
      if (!current) return;
      setLoad(
        result.ok ? { state: 'done', versions: result.value } : { state: 'error', message: result.message },
      );
    });
    return () => {
      current = false;
    };
  }, [fetchVersions, template.id, template.version, attempt]);

  if (load.state === 'loading') return <LinearProgress aria-label="Loading the versions" />;
  if (load.state === 'error') {
    return (
      <LoadErrorAlert what="the versions" message={load.message} onRetry={() => setAttempt((n) => n + 1)} />
    );
  }
  const shown = load.versions.find((v) => v.version === picked);
  const compare =
    load.versions.length > 1 ? (
      <Button sx={{ alignSelf: 'flex-start' }} onClick={() => setComparing((c) => !c)}>
        {comparing ? 'Hide the comparison' : 'Compare versions'}
      </Button>
    ) : null;
  return (
    <Stack spacing={1.5}>
      {compare}
      {comparing && <VersionDiff versions={load.versions} />}
      <List aria-label="Versions" disablePadding sx={{ maxHeight: 240, overflow: 'auto' }}>
        {load.versions.map((v) => (
          <ListItemButton
            key={v.version}
            selected={v.version === picked}
            aria-current={v.version === picked ? 'true' : undefined}
            onClick={() => setPicked(v.version)}
          >
            <ListItemText
              primary={`Version ${v.version}${v.version === template.version ? ' (current)' : ''}`}
              secondary={`Saved ${formatDateTime(v.savedAt)} by ${v.savedBy}`}
            />
          </ListItemButton>
        ))}
      </List>
      {shown ? (
        <Box>
          <TextField
            label={`Version ${shown.version} (read-only)`}
            value={shown.content}
            fullWidth
            multiline
            minRows={8}
            maxRows={20}
            slotProps={{
              // Long lines are shown whole, wrapped, rather than cut at the edge.
              htmlInput: { readOnly: true, wrap: 'soft' },
              input: {
                sx: { fontFamily: monospace, fontSize: 12, '& textarea': { whiteSpace: 'pre-wrap' } },
              },
            }}
          />
          {onUseContent && shown.version !== template.version && (
            <Button sx={{ mt: 1 }} onClick={() => onUseContent(shown.content)}>
              Copy into the editor
            </Button>
          )}
        </Box>
      ) : (
        <Typography variant="body2" color="text.secondary">
          Pick a version to see its content.
        </Typography>
      )}
    </Stack>
  );
}
