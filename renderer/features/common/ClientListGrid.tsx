import { DataGrid, type GridColDef, type GridValidRowModel } from '@mui/x-data-grid';
import { clientPageSizes, gridDefaults } from './data-grid';
import { RowActions, type RowAction } from './RowActions';
import { RowMenuHost } from './RowMenuHost';

/** A row of a list held whole: the grid sorts it by name, and its Action button is named after it. */
type NamedRow = GridValidRowModel & { name: string };

export interface ClientListGridProps<R extends NamedRow> {
  /** The grid's accessible name, e.g. `Devices`. */
  label: string;
  rows: R[];
  columns: GridColDef<R>[];
  /** True while the list loads; the spinner shows only while there is nothing to show yet. */
  loading: boolean;
  /** A double click on a row: what its first action does (Edit, View). */
  onOpen: (row: R) => void;
  /** Shown in place of the rows when there are none. */
  emptyText: string;
}

/**
 * A list the renderer holds whole (devices, templates): the grid itself sorts it (by name at
 * first), pages it and runs the quick filters; a double click opens a row.
 */
export function ClientListGrid<R extends NamedRow>({
  label,
  rows,
  columns,
  loading,
  onOpen,
  emptyText,
}: ClientListGridProps<R>) {
  return (
    <RowMenuHost>
      <DataGrid<R>
        label={label}
        rows={rows}
        columns={columns}
        loading={loading && rows.length === 0}
        {...gridDefaults}
        onRowDoubleClick={({ row }: { row: R }) => onOpen(row)}
        initialState={{ sorting: { sortModel: [{ field: 'name', sort: 'asc' }] } }}
        localeText={{ noRowsLabel: emptyText }}
        pageSizeOptions={clientPageSizes}
      />
    </RowMenuHost>
  );
}

/** The Action column: the row's three-dots menu (see `RowActions`), with the actions it offers. */
export function actionsColumn<R extends NamedRow>(
  actionsOf: (row: R) => readonly RowAction[],
): GridColDef<R> {
  return {
    field: 'actions',
    headerName: 'Action',
    width: 80,
    sortable: false,
    filterable: false,
    renderCell: ({ id, row }) => <RowActions rowId={id} rowLabel={row.name} actions={actionsOf(row)} />,
  };
}
