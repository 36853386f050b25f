import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import type { AuditEntry } from '../../../shared/domain/audit';
import { useAuditStore } from '../../stores/audit-store';
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
      rowCount={total}
      loading={loading && entries.length === 0}
      paginationMode="server"
      sortingMode="server"
      filterMode="server"
      paginationModel={paging}
      onPaginationModelChange={(model) => void setPaging({ page: model.page, pageSize: model.pageSize })}
      pageSizeOptions={[25, 50, 100, 200]}
      density="compact"
      disableRowSelectionOnClick
      // No column menus: their buttons ("Name column menu") would share names with the form fields.
      disableColumnMenu
      disableColumnFilter
      disableColumnSorting
      localeText={{ noRowsLabel: 'No audit entries match.' }}
      sx={{ bgcolor: 'background.paper' }}
    />
  );
}
