import Button from '@mui/material/Button';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { useMemo } from 'react';
import type { Operation } from '../../../shared/domain/operation';
import { useOperationsStore } from '../../stores/operations-store';
import { gridDefaults, serverPaging } from '../common/data-grid';
import { formatTime, kindLabels, pluginName, templateLabel } from './operation-format';
import { OperationStatusChip } from './OperationStatusChip';

const columns = (onOpen: (op: Operation) => void): GridColDef<Operation>[] => [
  {
    field: 'createdAt',
    headerName: 'Started',
    width: 185,
    valueFormatter: (value: string) => formatTime(value),
  },
  {
    field: 'status',
    headerName: 'Status',
    width: 115,
    renderCell: ({ row }) => <OperationStatusChip status={row.status} />,
  },
  { field: 'kind', headerName: 'Kind', width: 115, valueGetter: (_value, row) => kindLabels[row.kind] },
  {
    field: 'pluginId',
    headerName: 'Plugin',
    width: 120,
    valueGetter: (_value, row) => pluginName(row.pluginId),
  },
  {
    field: 'templateName',
    headerName: 'Template',
    flex: 1.2,
    minWidth: 170,
    valueGetter: (_value, row) => templateLabel(row),
  },
  { field: 'deviceLabel', headerName: 'Device', flex: 0.9, minWidth: 120 },
  { field: 'account', headerName: 'Account', flex: 0.8, minWidth: 110 },
  { field: 'runAs', headerName: 'Run as', flex: 1, minWidth: 140 },
  { field: 'requester', headerName: 'Requester', width: 110 },
  {
    field: 'attempts',
    headerName: 'Attempts',
    type: 'number',
    width: 85,
    valueGetter: (_value, row) => row.attempts.length,
  },
  {
    field: 'actions',
    headerName: 'Action',
    width: 90,
    renderCell: ({ row }) => (
      <Button
        size="small"
        // The visible word starts the name; the rest tells rows apart for screen readers and tests.
        aria-label={`Details of ${row.templateName} on ${row.deviceLabel}`}
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

/** The core pages, filters and orders the runs (newest first); the grid shows one page. */
export function OperationsGrid({
  emptyText,
  onOpen,
}: {
  emptyText: string;
  onOpen: (op: Operation) => void;
}) {
  const operations = useOperationsStore((s) => s.operations);
  const total = useOperationsStore((s) => s.total);
  const loading = useOperationsStore((s) => s.loading);
  const paging = useOperationsStore((s) => s.paging);
  const setPaging = useOperationsStore((s) => s.setPaging);
  // Stable columns: the grid rebuilds its column state whenever the array changes.
  const columnDefs = useMemo(() => columns(onOpen), [onOpen]);
  return (
    <DataGrid
      label="Operations"
      rows={operations}
      columns={columnDefs}
      loading={loading && operations.length === 0}
      {...gridDefaults}
      {...serverPaging(paging, total, (next) => void setPaging(next))}
      onRowClick={({ row }: { row: Operation }) => onOpen(row)}
      localeText={{ noRowsLabel: emptyText }}
      sx={{ ...gridDefaults.sx, '& .MuiDataGrid-row': { cursor: 'pointer' } }}
    />
  );
}
