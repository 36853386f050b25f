import MoreVertIcon from '@mui/icons-material/MoreVert';
import IconButton from '@mui/material/IconButton';
import { useCallback, useEffect } from 'react';
import { useRowMenu, type RowAction, type RowKey } from './RowMenuHost';

export type { RowAction } from './RowMenuHost';

/**
 * The Action column's three-dots button, as in the vendor's lists; its drop-down is the grid's one
 * menu (`RowMenuHost`), so that it outlives this cell. The button is named after the row
 * (`Actions for web-01`) so a test or a screen reader can tell rows apart.
 */
export function RowActions({
  rowId,
  rowLabel,
  actions,
}: {
  rowId: RowKey;
  rowLabel: string;
  actions: readonly RowAction[];
}) {
  const menu = useRowMenu();
  const open = menu.openRow === rowId;
  const { refresh, anchor } = menu;
  const anchorRef = useCallback(
    (button: HTMLButtonElement | null) => (button === null ? undefined : anchor(rowId, button)),
    [anchor, rowId],
  );
  // The row rendered again while its menu is open: the menu offers what the row offers now.
  useEffect(() => {
    if (open) refresh(rowId, actions);
  }, [open, refresh, rowId, actions]);
  return (
    <IconButton
      ref={anchorRef}
      aria-label={`Actions for ${rowLabel}`}
      aria-haspopup="menu"
      aria-expanded={open}
      aria-controls={open ? menu.menuId : undefined}
      onClick={(event) => {
        // The grid would otherwise treat the click as a row click.
        event.stopPropagation();
        menu.open(rowId, actions);
      }}
    >
      <MoreVertIcon fontSize="small" />
    </IconButton>
  );
}
