import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import { actionBlocked, rowActions, type RowAction, type RowTarget } from './row-actions';

interface RowActionMenuProps {
  anchor: HTMLElement | null;
  target: RowTarget | undefined;
  onClose: () => void;
  onPick: (action: RowAction, target: RowTarget) => void;
}

/** The drop-down of a row's three-dots button: View password, Details, History, Edit, Clone, Delete. */
export function RowActionMenu({ anchor, target, onClose, onPick }: RowActionMenuProps) {
  return (
    <Menu anchorEl={anchor} open={anchor !== null && target !== undefined} onClose={onClose}>
      {target &&
        rowActions.map((action) => {
          const blocked = actionBlocked(action, target);
          return (
            <MenuItem
              key={action}
              disabled={blocked !== undefined}
              onClick={() => {
                onClose();
                onPick(action, target);
              }}
            >
              {/* The reason stays visible beside a disabled entry instead of hiding it. */}
              <ListItemText primary={action} secondary={blocked} />
            </MenuItem>
          );
        })}
    </Menu>
  );
}
