import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import type { AuditEntry } from '../../../shared/domain/audit';
import { useAuditStore } from '../../stores/audit-store';
import { gridDefaults, serverPaging } from '../common/data-grid';
import { fieldLabels } from '../common/field-labels';
import { humanize } from './audit-filter-draft';

const columns: GridColDef<AuditEntry>[] = [
  {
    field: 'at',
    headerName: 'Time',
    width: 185,
    valueFormatter: (value: string) => new Date(value).toLocaleString(),
  },
  { field: 'actor', headerName: 'Actor', width: 110 },
  { field: 'action', headerName: 'Action', width: 150, valueFormatter: (value: string) => humanize(value) },
  { field: 'entity', headerName: 'Entity', width: 100 },
  { field: 'label', headerName: 'Subject', flex: 1, minWidth: 160 },
  {
    field: 'fields',
    headerName: 'Fields',
    flex: 0.8,
    minWidth: 120,
    // As the forms label them; the keys themselves (what the CSV export holds) in the tooltip.
    valueGetter: (_value, row) => fieldLabels(row.entity, row.fields).join(', '),
    renderCell: ({ row }) => (
      <span title={row.fields.length > 0 ? row.fields.join(', ') : undefined}>
        {fieldLabels(row.entity, row.fields).join(', ')}
      </span>
    ),
  },
  { field: 'result', headerName: 'Result', width: 90 },
  { field: 'detail', headerName: 'Detail', flex: 1.2, minWidth: 160 },
];

/** The core pages and orders the log (newest first); the grid only shows one page. */
export function AuditGrid() {
  const entries = useAuditStore((s) => s.entries);
  const total = useAuditStore((s) => s.total);
  const loading = useAuditStore((s) => s.loading);
  const paging = useAuditStore((s) => s.paging);
  const setPaging = useAuditStore((s) => s.setPaging);
  return (
    <DataGrid
      label="Audit"
      rows={entries}
      columns={columns}
      getRowId={(row) => row.seq}
      loading={loading && entries.length === 0}
      {...gridDefaults}
      {...serverPaging(paging, total, (next) => void setPaging(next))}
      localeText={{ noRowsLabel: 'No audit entries match.' }}
    />
  );
}
