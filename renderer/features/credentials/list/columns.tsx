import type { GridColDef } from '@mui/x-data-grid/models';
import { memo } from 'react';
import type { CredentialRow } from '../../../../shared/contract/credentials';
import { jitTypeLabels } from '../../../../shared/domain/jit';
import type { CredentialSortField } from '../../../stores/credentials-store';
import { cellClass } from './cell-styles';
import { yesNo } from './format';
import { GroupHeader } from './GroupHeader';
import type { CredentialGridRow, GridRow } from './grid-rows';
import type { RowTarget } from './row-actions';
import { RowActionsCell } from './RowActionsCell';
import { DateTime } from '../../common/DateTime';

type Column = GridColDef<GridRow>;

/** Columns the core can sort by; the others (Tags, Action) have no header sort. */
const sortable: ReadonlySet<string> = new Set<CredentialSortField>([
  'id',
  'type',
  'jit',
  'username',
  'additionalInfo',
  'domain',
  'lastUsedAt',
  'sessionStatus',
]);
export const isSortField = (field: string): field is CredentialSortField => sortable.has(field);

/** A cell of a credential row; group rows are drawn entirely by the first column (colSpan). */
const credentialCell =
  (render: (row: CredentialGridRow) => React.ReactNode): Column['renderCell'] =>
  ({ row }) =>
    row.kind === 'credential' ? render(row) : null;

function column(field: string, headerName: string, width: number, extra: Partial<Column> = {}): Column {
  return { field, headerName, width, sortable: isSortField(field), ...extra };
}

// The cells below are plain elements with class names: their styles are defined once, on the grid
// (see cell-styles.ts), instead of an `sx` that MUI would resolve again for every cell and render.
// Memoised: a row object is the same until a new page arrives, so re-renders skip the cells.

const UsernameCell = memo(function UsernameCell({ credential }: { credential: CredentialRow }) {
  return (
    <span className={cellClass.username}>
      <span className={cellClass.ellipsis}>{credential.username}</span>
      {/* The list has no Status column; an inactive or deleted credential still says so. */}
      {credential.deleted ? (
        <span className={cellClass.outlinedChip}>Deleted</span>
      ) : (
        credential.status === 'Inactive' && <span className={cellClass.outlinedChip}>Inactive</span>
      )}
    </span>
  );
});

const TagsCell = memo(function TagsCell({ tags }: { tags: readonly string[] }) {
  return (
    <span className={cellClass.tags}>
      {tags.map((tag) => (
        <span key={tag} className={cellClass.chip}>
          {tag}
        </span>
      ))}
    </span>
  );
});

export function credentialColumns(
  onOpenMenu: (anchor: HTMLElement, target: RowTarget) => void,
  onStartSession: (target: RowTarget) => void,
): Column[] {
  const columns: Column[] = [
    column('id', 'ID', 70, {
      // The group header spans the whole row: MUI X community has no row grouping, so a device's
      // header is a row of its own whose first cell covers every column.
      colSpan: (_value, row) => (row.kind === 'group' ? columns.length : 1),
      renderCell: ({ row }) => (row.kind === 'group' ? <GroupHeader row={row} /> : row.credential.id),
    }),
    column('type', 'Type', 115, { renderCell: credentialCell(({ credential }) => credential.type) }),
    column('jit', 'Just in time', 95, {
      renderCell: credentialCell(({ credential: { jit } }) => (
        <span title={jit.enabled && jit.type ? jitTypeLabels[jit.type] : undefined}>
          {yesNo(jit.enabled)}
        </span>
      )),
    }),
    column('username', 'Username', 170, {
      flex: 1.4,
      minWidth: 170,
      renderCell: credentialCell(({ credential }) => <UsernameCell credential={credential} />),
    }),
    column('additionalInfo', 'Additional information', 150, {
      flex: 1,
      minWidth: 100,
      renderCell: credentialCell(({ credential }) => credential.additionalInfo),
    }),
    column('domain', 'Domain', 100, { renderCell: credentialCell(({ credential }) => credential.domain) }),
    column('tags', 'Tags', 125, {
      renderCell: credentialCell(({ credential }) => <TagsCell tags={credential.tags} />),
    }),
    column('lastUsedAt', 'Last use', 140, {
      renderCell: credentialCell(({ credential }) => <DateTime iso={credential.lastUsedAt} empty="Never" />),
    }),
    column('sessionStatus', 'Session status', 115, {
      renderCell: credentialCell(({ credential }) => credential.sessionStatus),
    }),
    column('action', 'Action', 90, {
      renderCell: credentialCell((row) => (
        <RowActionsCell
          credential={row.credential}
          device={row.device}
          onOpenMenu={onOpenMenu}
          onStartSession={onStartSession}
        />
      )),
    }),
  ];
  // Server-side lists: the grid must not offer client-side filtering or hiding rows it never has.
  return columns.map((c) => ({ ...c, filterable: false }));
}
