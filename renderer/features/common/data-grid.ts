/**
 * What every list's DataGrid shares, so the lists look and behave alike: compact rows, no row
 * selection on click, no column menus, the paper background; and, for the logs the core pages
 * (audit, operations), the server-side paging wiring.
 */
import type { DataGridProps, GridPaginationModel } from '@mui/x-data-grid';

/** The field of every list's last column, the row's actions (Edit, Delete, Details...). */
export const actionsField = 'actions';

/**
 * Keeps a column in view at the grid's right edge however far the row scrolls sideways (MUI X
 * community has no column pinning): its cells and header are sticky, on the paper's background so
 * the cells scrolling under them do not show through.
 */
export function pinnedRightSx(field: string) {
  const cells = `& .MuiDataGrid-cell[data-field="${field}"], & .MuiDataGrid-columnHeader[data-field="${field}"]`;
  return {
    [cells]: {
      position: 'sticky',
      right: 0,
      zIndex: 1,
      bgcolor: 'background.paper',
      borderLeft: 1,
      borderLeftColor: 'divider',
    },
  } as const;
}

/**
 * Columns rendered beyond the visible ones, in pixels. The grid leaves out columns far off to the
 * right; a pinned column must be rendered to be seen, and no list here has enough columns for
 * rendering them all to cost anything.
 */
export const allColumnsBufferPx = 4000;

/**
 * A date-and-time column's width: the longest the one format writes (en-US "Dec 12, 2026, 10:52:22
 * PM", 24 characters) whole, so the hour's AM or PM is never cut off.
 */
export const dateTimeColumnWidth = 205;

export const gridDefaults = {
  density: 'compact',
  disableRowSelectionOnClick: true,
  // No column menus: their buttons ("Name column menu") would share names with the form fields.
  disableColumnMenu: true,
  columnBufferPx: allColumnsBufferPx,
  sx: { bgcolor: 'background.paper', ...pinnedRightSx(actionsField) },
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
