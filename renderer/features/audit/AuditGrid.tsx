import Button from '@mui/material/Button';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { useMemo } from 'react';
import type { AuditEntity, AuditEntry } from '../../../shared/domain/audit';
import { useAuditStore } from '../../stores/audit-store';
import { actionsField, dateTimeColumnWidth, gridDefaults, serverPaging } from '../common/data-grid';
import { entityLabel, fieldLabels } from '../common/field-labels';
import { humanize } from './audit-filter-draft';
import { auditChangeLines, auditTime } from './audit-format';
import { DateTime } from '../common/DateTime';
import { bidiShown } from '../../../shared/domain/text-rules';

const columns = (onOpen: (entry: AuditEntry) => void): GridColDef<AuditEntry>[] => [
  {
    field: 'at',
    headerName: 'Time',
    width: dateTimeColumnWidth,
    valueFormatter: (value: string) => auditTime(value),
    renderCell: ({ row }) => <DateTime iso={row.at} />,
  },
  { field: 'actor', headerName: 'Actor', width: 110, valueGetter: (value: string) => bidiShown(value) },
  { field: 'action', headerName: 'Action', width: 150, valueFormatter: (value: string) => humanize(value) },
  {
    field: 'entity',
    headerName: 'Entity',
    width: 100,
    valueFormatter: (value: AuditEntity) => entityLabel(value),
  },
  {
    field: 'label',
    headerName: 'Subject',
    flex: 1,
    minWidth: 160,
    valueGetter: (value: string) => bidiShown(value),
  },
  {
    field: 'fields',
    headerName: 'Fields',
    flex: 0.8,
    minWidth: 120,
    // As the forms label them (only the CSV export keeps the keys).
    valueGetter: (_value, row) => fieldLabels(row.entity, row.fields).join(', '),
  },
  { field: 'result', headerName: 'Result', width: 90 },
  {
    field: 'detail',
    headerName: 'Detail',
    flex: 1.2,
    minWidth: 160,
    // An update names no detail of its own: its changes say what happened ("Address: a → b").
    valueGetter: (_value, row) => bidiShown(row.detail) || auditChangeLines(row).lines.join('; '),
  },
  {
    field: actionsField,
    headerName: 'Action',
    width: 85,
    sortable: false,
    renderCell: ({ row }) => (
      <Button
        size="small"
        // The visible word starts the name; the rest tells rows apart for screen readers and tests.
        aria-label={`Details of entry ${row.seq}`}
        onClick={(event) => {
          // The row click would open the same dialog a second time.
          event.stopPropagation();
          onOpen(row);
        }}
      >
        Details
      </Button>
    ),
  },
];

/** The core pages and orders the log (newest first); the grid only shows one page. A row opens its detail. */
export function AuditGrid({ onOpen }: { onOpen: (entry: AuditEntry) => void }) {
  const entries = useAuditStore((s) => s.entries);
  const total = useAuditStore((s) => s.total);
  const loading = useAuditStore((s) => s.loading);
  const paging = useAuditStore((s) => s.paging);
  const setPaging = useAuditStore((s) => s.setPaging);
  // Stable columns: the grid rebuilds its column state whenever the array changes.
  const columnDefs = useMemo(() => columns(onOpen), [onOpen]);
  return (
    <DataGrid
      label="Audit"
      rows={entries}
      columns={columnDefs}
      getRowId={(row) => row.seq}
      loading={loading && entries.length === 0}
      {...gridDefaults}
      {...serverPaging(paging, total, (next) => void setPaging(next))}
      onRowClick={({ row }: { row: AuditEntry }) => onOpen(row)}
      localeText={{ noRowsLabel: 'No audit entries match.' }}
      sx={{ ...gridDefaults.sx, '& .MuiDataGrid-row': { cursor: 'pointer' } }}
    />
  );
}
