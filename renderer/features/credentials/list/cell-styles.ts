/**
 * The styles of the list's cells, defined once on the grid (`credentialGridSx`) and applied by
 * class name. A page renders up to 100 rows of 10 cells; an `sx` on each cell's Box, Chip or
 * Typography made MUI resolve the same styles again for every cell on every render.
 */
import type { SxProps, Theme } from '@mui/material/styles';
import { pinnedRightSx } from '../../common/data-grid';

export const cellClass = {
  username: 'cred-cell-username',
  ellipsis: 'cred-cell-ellipsis',
  tags: 'cred-cell-tags',
  actions: 'cred-cell-actions',
  /** A small filled chip (a tag). */
  chip: 'cred-chip',
  /** A small outlined chip (Deleted, Inactive). */
  outlinedChip: 'cred-chip-outlined',
  group: 'cred-group',
  groupName: 'cred-group-name',
  groupDetail: 'cred-group-detail',
  groupWarning: 'cred-group-warning',
  groupCount: 'cred-group-count',
} as const;

const chipBase = {
  display: 'inline-flex',
  alignItems: 'center',
  flexShrink: 0,
  height: 24,
  px: 1,
  borderRadius: 4,
  fontSize: '0.8125rem',
  lineHeight: 1,
  whiteSpace: 'nowrap',
} as const;

const flexRow = { display: 'flex', alignItems: 'center', height: '100%' } as const;

export const credentialGridSx: SxProps<Theme> = {
  '& .device-group-row': { bgcolor: 'action.hover', fontWeight: 600 },
  '& .device-group-row:hover': { bgcolor: 'action.hover' },
  // Keyboard focus on a cell is shown by the button inside it, not by a second outline.
  '& .MuiDataGrid-cell:focus-within': { outline: 'none' },
  // The Action column stays in view on narrow windows (see columns.tsx for its field).
  ...pinnedRightSx('action'),

  [`& .${cellClass.username}`]: { ...flexRow, gap: 1, minWidth: 0 },
  [`& .${cellClass.ellipsis}`]: { overflow: 'hidden', textOverflow: 'ellipsis' },
  [`& .${cellClass.tags}`]: { ...flexRow, gap: 0.5, overflow: 'hidden' },
  [`& .${cellClass.actions}`]: { ...flexRow, gap: 0.5 },
  [`& .${cellClass.chip}`]: { ...chipBase, bgcolor: 'action.selected', color: 'text.primary' },
  [`& .${cellClass.outlinedChip}`]: {
    ...chipBase,
    border: 1,
    borderColor: 'divider',
    color: 'text.primary',
  },

  [`& .${cellClass.group}`]: { ...flexRow, gap: 2, minWidth: 0, overflow: 'hidden' },
  [`& .${cellClass.groupName}`]: { typography: 'body1', fontWeight: 700 },
  [`& .${cellClass.groupDetail}`]: { typography: 'body2', color: 'text.secondary' },
  [`& .${cellClass.groupWarning}`]: {
    ...chipBase,
    border: 1,
    borderColor: 'warning.main',
    color: 'warning.main',
  },
  [`& .${cellClass.groupCount}`]: { typography: 'caption', color: 'text.secondary', ml: 'auto' },
};
