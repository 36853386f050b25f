/**
 * What every list's DataGrid shares, so the lists look and behave alike: compact rows, no row
 * selection on click, no column menus, the paper background; and, for the logs the core pages
 * (audit, operations), the server-side paging wiring.
 */
import type { DataGridProps, GridPaginationModel } from '@mui/x-data-grid';

export const gridDefaults = {
  density: 'compact',
  disableRowSelectionOnClick: true,
  // No column menus: their buttons ("Name column menu") would share names with the form fields.
  disableColumnMenu: true,
  sx: { bgcolor: 'background.paper' },
} as const satisfies Partial<DataGridProps>;

/** Page sizes of a list held whole by the renderer (the grid pages it). */
export const clientPageSizes = [25, 50, 100];

/**
 * A log the core pages, filters and orders (newest first): the grid shows one page and asks for
 * another through `onPaging`; it neither sorts nor filters itself.
 */
export function serverPaging(
  paging: GridPaginationModel,
  total: number,
  onPaging: (paging: GridPaginationModel) => void,
) {
  return {
    rowCount: total,
    paginationMode: 'server',
    sortingMode: 'server',
    filterMode: 'server',
    paginationModel: paging,
    onPaginationModelChange: (model: GridPaginationModel) =>
      onPaging({ page: model.page, pageSize: model.pageSize }),
    pageSizeOptions: [25, 50, 100, 200],
    disableColumnFilter: true,
    disableColumnSorting: true,
  } as const satisfies Partial<DataGridProps>;
}
