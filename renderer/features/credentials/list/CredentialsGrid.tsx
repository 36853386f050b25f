/**
 * The credential list as MUI X DataGrid (community), server-side sorted and paged.
 *
 * Why the DataGrid with header rows rather than a table of our own: the community grid has no row
 * grouping, but it has everything else a console list needs (header sorting, column resizing,
 * keyboard navigation, row virtualisation, the page-size selector) and it is what the other lists
 * of the app use. A page holds at most 100 credentials plus their device headers, so inserting the
 * headers as rows whose first cell spans every column (`colSpan`) is cheap and keeps the grid's
 * behaviour intact. The grid never sorts or pages itself (`sortingMode`/`paginationMode`
 * "server"): headers stay above their credentials, and 10,000 credentials are never all fetched.
 */
import { DataGrid } from '@mui/x-data-grid/DataGrid';
import type { GridPaginationModel, GridSortModel } from '@mui/x-data-grid/models';
import { memo, useCallback, useMemo } from 'react';
import type { CredentialPage } from '../../../../shared/contract/credentials';
import {
  defaultSort,
  pageSizes,
  type CredentialListQuery,
  type CredentialSort,
  type PageSize,
} from '../../../stores/credentials-store';
import { allColumnsBufferPx } from '../../common/data-grid';
import { credentialGridSx } from './cell-styles';
import { credentialColumns, isSortField } from './columns';
import { buildGridRows, type GridRow } from './grid-rows';
import type { RowTarget } from './row-actions';

interface CredentialsGridProps {
  page: CredentialPage;
  query: CredentialListQuery;
  loading: boolean;
  onSort: (sort: CredentialSort) => void;
  onPage: (offset: number, limit: PageSize) => void;
  onOpenMenu: (anchor: HTMLElement, target: RowTarget) => void;
  onStartSession: (target: RowTarget) => void;
}

const isPageSize = (n: number): n is PageSize => (pageSizes as readonly number[]).includes(n);
const sortingOrder: ('asc' | 'desc')[] = ['asc', 'desc'];
const pageSizeOptions: number[] = [...pageSizes];
const getRowId = (row: GridRow) => row.key;
const getRowClassName = ({ row }: { row: GridRow }) => (row.kind === 'group' ? 'device-group-row' : '');

export function CredentialsGrid({
  page,
  query,
  loading,
  onSort,
  onPage,
  onOpenMenu,
  onStartSession,
}: CredentialsGridProps) {
  const rows = useMemo(() => buildGridRows(page), [page]);
  const columns = useMemo(() => credentialColumns(onOpenMenu, onStartSession), [onOpenMenu, onStartSession]);
  // Memoised: the grid treats a new sortModel object as a sort change and jumps to the first page,
  // which would undo every "next page" click as soon as the page re-renders.
  const { field, direction } = query.sort;
  const sortModel = useMemo<GridSortModel>(() => [{ field, sort: direction }], [field, direction]);
  const pageIndex = Math.floor(query.offset / query.limit);
  const limit = query.limit;
  const paginationModel = useMemo<GridPaginationModel>(
    () => ({ page: pageIndex, pageSize: limit }),
    [pageIndex, limit],
  );

  const changeSort = useCallback(
    (model: GridSortModel) => {
      const first = model[0];
      if (!first?.sort || !isSortField(first.field)) return onSort(defaultSort);
      onSort({ field: first.field, direction: first.sort });
    },
    [onSort],
  );

  const changePage = useCallback(
    (model: GridPaginationModel) => {
      if (!isPageSize(model.pageSize)) return;
      // A new page size starts at the first page: the old offset may not be a multiple of it.
      const offset = model.pageSize === limit ? model.page * model.pageSize : 0;
      onPage(offset, model.pageSize);
    },
    [onPage, limit],
  );

  // Every prop below is stable until the page, the sort, the paging or the loading state changes:
  // a new filter alone (its query) does not re-render the grid while the answer is on its way.
  return (
    <GridView
      rows={rows}
      columns={columns}
      loading={loading}
      rowCount={page.total}
      sortModel={sortModel}
      paginationModel={paginationModel}
      onSortModelChange={changeSort}
      onPaginationModelChange={changePage}
    />
  );
}

interface GridViewProps {
  rows: GridRow[];
  columns: ReturnType<typeof credentialColumns>;
  loading: boolean;
  rowCount: number;
  sortModel: GridSortModel;
  paginationModel: GridPaginationModel;
  onSortModelChange: (model: GridSortModel) => void;
  onPaginationModelChange: (model: GridPaginationModel) => void;
}

const GridView = memo(function GridView({
  rows,
  columns,
  loading,
  rowCount,
  sortModel,
  paginationModel,
  onSortModelChange,
  onPaginationModelChange,
}: GridViewProps) {
  return (
    <DataGrid<GridRow>
      aria-label="Credentials"
      rows={rows}
      columns={columns}
      getRowId={getRowId}
      getRowClassName={getRowClassName}
      loading={loading}
      rowCount={rowCount}
      sortingMode="server"
      paginationMode="server"
      filterMode="server"
      sortModel={sortModel}
      onSortModelChange={onSortModelChange}
      // No third "unsorted" click: the core always sorts, by ID when nothing else is chosen.
      sortingOrder={sortingOrder}
      paginationModel={paginationModel}
      onPaginationModelChange={onPaginationModelChange}
      pageSizeOptions={pageSizeOptions}
      disableRowSelectionOnClick
      disableColumnFilter
      rowHeight={40}
      columnBufferPx={allColumnsBufferPx}
      columnHeaderHeight={40}
      sx={credentialGridSx}
    />
  );
});
