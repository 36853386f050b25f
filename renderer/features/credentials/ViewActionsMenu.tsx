import ArrowDropDownIcon from '@mui/icons-material/ArrowDropDown';
import Button from '@mui/material/Button';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import { useState } from 'react';

interface ViewActionsMenuProps {
  onNew: () => void;
  onRefresh: () => void;
  onExport: () => void;
  /** Export is offered only when there is something to export. */
  canExport: boolean;
}

const menuId = 'credential-view-actions';

/** The vendor's "View actions" drop-down above a list: + New, Refresh, Export CSV. */
export function ViewActionsMenu({ onNew, onRefresh, onExport, canExport }: ViewActionsMenuProps) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const open = anchor !== null;
  const pick = (action: () => void) => () => {
    setAnchor(null);
    action();
  };
  return (
    <>
      <Button
        variant="outlined"
        endIcon={<ArrowDropDownIcon />}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={(e) => setAnchor(e.currentTarget)}
      >
        View actions
      </Button>
      <Menu id={menuId} anchorEl={anchor} open={open} onClose={() => setAnchor(null)}>
        <MenuItem onClick={pick(onNew)}>+ New</MenuItem>
        <MenuItem onClick={pick(onRefresh)}>Refresh</MenuItem>
        <MenuItem onClick={pick(onExport)} disabled={!canExport}>
          Export CSV
        </MenuItem>
      </Menu>
    </>
  );
}
