import MoreVertIcon from '@mui/icons-material/MoreVert';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import { memo, type MouseEvent } from 'react';
import type { CredentialRow } from '../../../../shared/contract/credentials';
import { sessionStartBlocked } from '../../sessions/session-format';
import { cellClass } from './cell-styles';
import { credentialLabel, type DeviceSummary } from './grid-rows';
import type { RowTarget } from './row-actions';

interface RowActionsCellProps {
  credential: CredentialRow;
  device: DeviceSummary;
  onOpenMenu: (anchor: HTMLElement, target: RowTarget) => void;
  onStartSession: (target: RowTarget) => void;
}

/**
 * The Action column: Start session (for a JIT credential whose settings can provision, or a plain
 * one whose device a session can reach; the
 * tooltip says why not otherwise) and the three-dots button. One menu serves every row (opened by
 * `onOpenMenu`), so a page of 100 rows mounts 100 buttons, not 100 menus. Memoised on the row's
 * credential and device, which stay the same objects until a new page arrives.
 */
export const RowActionsCell = memo(function RowActionsCell({
  credential,
  device,
  onOpenMenu,
  onStartSession,
}: RowActionsCellProps) {
  const label = credentialLabel(credential.username, device.name);
  const blocked = sessionStartBlocked(credential, device.protocols);
  return (
    <span className={cellClass.actions}>
      <Tooltip title={blocked ?? `Start a session as ${label}`}>
        {/* A disabled button fires no pointer events: the span receives them for the tooltip. */}
        <span>
          <IconButton
            aria-label={`Start session for ${label}`}
            disabled={blocked !== undefined}
            onClick={() => onStartSession({ credential, device })}
          >
            <PlayArrowIcon fontSize="small" />
          </IconButton>
        </span>
      </Tooltip>
      <IconButton
        aria-label={`Actions for ${label}`}
        aria-haspopup="menu"
        onClick={(event: MouseEvent<HTMLElement>) => onOpenMenu(event.currentTarget, { credential, device })}
      >
        <MoreVertIcon fontSize="small" />
      </IconButton>
    </span>
  );
});
