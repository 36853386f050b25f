import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useState } from 'react';
import type { AuditEntry } from '../../../shared/domain/audit';
import { useAuditStore } from '../../stores/audit-store';
import { downloadText } from '../common/download';
import { LoadErrorAlert } from '../common/LoadErrorAlert';
import { AuditDetailDialog } from './AuditDetailDialog';
import { AuditFilterBar } from './AuditFilterBar';
import { AuditGrid } from './AuditGrid';

/** Reports > Audit: every change and lifecycle step, filterable, exportable as CSV. */
export function AuditScreen() {
  const loadError = useAuditStore((s) => s.loadError);
  const load = useAuditStore((s) => s.load);
  const watch = useAuditStore((s) => s.watch);
  const applyFilter = useAuditStore((s) => s.applyFilter);
  const exportCsv = useAuditStore((s) => s.exportCsv);
  const [exportMessage, setExportMessage] = useState<{ ok: boolean; text: string } | undefined>();
  const [opened, setOpened] = useState<AuditEntry>();
  const open = useCallback((entry: AuditEntry) => setOpened(entry), []);

  // While the screen is open, new entries refresh the page.
  useEffect(() => {
    const stop = watch();
    void load();
    return stop;
  }, [watch, load]);

  const exportFiltered = async () => {
    setExportMessage(undefined);
    const result = await exportCsv();
    if (!result.ok) {
      setExportMessage({ ok: false, text: `Could not export: ${result.message}` });
      return;
    }
    downloadText('audit.csv', result.value.csv, 'text/csv');
    const count = result.value.count;
    setExportMessage({
      ok: true,
      text: `Exported ${count} ${count === 1 ? 'entry' : 'entries'} to audit.csv`,
    });
  };

  return (
    <Stack spacing={2} sx={{ height: '100%', minHeight: 480 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="h1" sx={{ flexGrow: 1 }}>
          Audit
        </Typography>
        <Button variant="outlined" onClick={() => void exportFiltered()}>
          Export CSV
        </Button>
      </Stack>
      <AuditFilterBar onApply={(filter) => void applyFilter(filter)} />
      {exportMessage && (
        <Alert
          severity={exportMessage.ok ? 'success' : 'error'}
          role={exportMessage.ok ? 'status' : 'alert'}
          onClose={() => setExportMessage(undefined)}
        >
          {exportMessage.text}
        </Alert>
      )}
      <LoadErrorAlert what="the audit log" message={loadError} onRetry={() => void load()} />
      <Box sx={{ flex: 1, minHeight: 0 }}>
        <AuditGrid onOpen={open} />
      </Box>
      {opened && <AuditDetailDialog entry={opened} onClose={() => setOpened(undefined)} />}
    </Stack>
  );
}
