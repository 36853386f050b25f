import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect } from 'react';
import type { Operation } from '../../../shared/domain/operation';
import { useOperationsStore } from '../../stores/operations-store';
import { LoadErrorAlert } from '../common/LoadErrorAlert';
import { OperationDialog } from './OperationDialog';
import { isFiltered } from './operations-filter-draft';
import { OperationsFilterBar } from './OperationsFilterBar';
import { OperationsGrid } from './OperationsGrid';

const noneYet =
  'No operations yet. Templates run here when you test them on a device (Executions > Templates) and, later, when JIT sessions start and end.';
const noneMatch = 'No operations match the filter. Change it, or use Clear.';

/** Executions > Operations: every template run, its attempts and their step logs, live. */
export function OperationsScreen() {
  const loadError = useOperationsStore((s) => s.loadError);
  const loaded = useOperationsStore((s) => s.loaded);
  const filtered = useOperationsStore((s) => isFiltered(s.filter));
  const load = useOperationsStore((s) => s.load);
  const watch = useOperationsStore((s) => s.watch);
  const applyFilter = useOperationsStore((s) => s.applyFilter);
  const openDetail = useOperationsStore((s) => s.openDetail);
  const closeDetail = useOperationsStore((s) => s.closeDetail);

  // While the screen is open, new operations refresh the page; the dialog does not outlive it.
  useEffect(() => {
    const stop = watch();
    void load();
    return () => {
      stop();
      closeDetail();
    };
  }, [watch, load, closeDetail]);

  // Stable, so the grid keeps its columns across renders.
  const open = useCallback((op: Operation) => void openDetail(op), [openDetail]);

  // Before the first page (or after it failed) "none yet" would be a claim we cannot make.
  const emptyText = !loaded ? '' : filtered ? noneMatch : noneYet;

  return (
    <Stack spacing={2} sx={{ height: '100%', minHeight: 480 }}>
      <Typography variant="h1">Operations</Typography>
      <OperationsFilterBar onApply={(filter) => void applyFilter(filter)} />
      <LoadErrorAlert what="the operations" message={loadError} onRetry={() => void load()} />
      <Box sx={{ flex: 1, minHeight: 0 }}>
        <OperationsGrid emptyText={emptyText} onOpen={open} />
      </Box>
      <OperationDialog />
    </Stack>
  );
}
