import MoreVertIcon from '@mui/icons-material/MoreVert';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import type { MouseEvent } from 'react';
import { credentialLabel } from './grid-rows';
import type { RowTarget } from './row-actions';

export const startSessionHint = 'Sessions arrive with the JIT lifecycle';

interface RowActionsCellProps {
  target: RowTarget;
  onOpenMenu: (anchor: HTMLElement, target: RowTarget) => void;
}

/**
 * The Action column: Start session (disabled until sessions exist) and the three-dots button.
 * One menu serves every row (opened by `onOpenMenu`), so a page of 100 rows mounts 100 buttons,
 * not 100 menus.
 */
export function RowActionsCell({ target, onOpenMenu }: RowActionsCellProps) {
  const label = credentialLabel(target.credential.username, target.device.name);
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, height: '100%' }}>
      <Tooltip title={startSessionHint}>
        {/* A disabled button fires no pointer events: the span receives them for the tooltip. */}
        <span>
          <IconButton aria-label="Start session" disabled>
            <PlayArrowIcon fontSize="small" />
          </IconButton>
        </span>
      </Tooltip>
      <IconButton
        aria-label={`Actions for ${label}`}
        aria-haspopup="menu"
        onClick={(event: MouseEvent<HTMLElement>) => onOpenMenu(event.currentTarget, target)}
      >
        <MoreVertIcon fontSize="small" />
      </IconButton>
    </Box>
  );
}
