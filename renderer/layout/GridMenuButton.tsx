import AppsIcon from '@mui/icons-material/Apps';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import { useState } from 'react';
import { ModulePanel } from './ModulePanel';
import type { ModuleDef } from './modules';

const panelId = 'module-panel';

/** The top-left button drawn as nine squares (3x3), as in the vendor's console; opens the modules. */
export function GridMenuButton({ currentModule }: { currentModule: ModuleDef | undefined }) {
  const [anchorEl, setAnchorEl] = useState<HTMLElement | null>(null);
  const open = anchorEl !== null;
  return (
    <>
      <Tooltip title="Grid Menu">
        <IconButton
          aria-label="Grid Menu"
          aria-haspopup="true"
          aria-expanded={open}
          aria-controls={open ? panelId : undefined}
          color="inherit"
          edge="start"
          onClick={(event) => setAnchorEl(event.currentTarget)}
        >
          <AppsIcon />
        </IconButton>
      </Tooltip>
      <ModulePanel
        id={panelId}
        anchorEl={anchorEl}
        currentModule={currentModule}
        onClose={() => setAnchorEl(null)}
      />
    </>
  );
}
