import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import ExpandLessIcon from '@mui/icons-material/ExpandLess';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import Box from '@mui/material/Box';
import Collapse from '@mui/material/Collapse';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Tooltip from '@mui/material/Tooltip';
import { Link as RouterLink, useMatch } from 'react-router';
import { useUiStore } from '../stores/ui-store';
import type { MenuGroup, MenuLink, ModuleDef } from './modules';
import { useSideMenuOpen } from './use-side-menu-open';

const menuId = 'side-menu';
const openWidth = 232;
const railWidth = 40;

/**
 * The current module's menu. The whole menu collapses to a thin rail (to give lists the width) and
 * each group folds on its own; both choices are remembered by the UI store. On a narrow window
 * the menu starts folded (see use-side-menu-open.ts).
 */
export function SideMenu({ module }: { module: ModuleDef }) {
  const { open, toggle } = useSideMenuOpen();
  const label = open ? 'Collapse side menu' : 'Expand side menu';
  return (
    <Box
      component="aside"
      sx={(theme) => ({
        width: open ? openWidth : railWidth,
        flexShrink: 0,
        overflowX: 'hidden',
        overflowY: 'auto',
        bgcolor: 'background.paper',
        borderRight: `1px solid ${theme.palette.divider}`,
        transition: theme.transitions.create('width', { duration: theme.transitions.duration.shorter }),
      })}
    >
      <Box sx={{ display: 'flex', justifyContent: open ? 'flex-end' : 'center', px: 0.5, pt: 0.5 }}>
        <Tooltip title={label} placement="right">
          <IconButton aria-label={label} aria-expanded={open} aria-controls={menuId} onClick={toggle}>
            {open ? <ChevronLeftIcon fontSize="small" /> : <ChevronRightIcon fontSize="small" />}
          </IconButton>
        </Tooltip>
      </Box>
      {/* Unmounted when collapsed, so hidden entries are out of the tab order and the a11y tree. */}
      {open && (
        <Box component="nav" id={menuId} aria-label={`${module.label} menu`}>
          <List disablePadding>
            {module.menu.map((entry) =>
              entry.kind === 'group' ? (
                <GroupItem key={entry.id} moduleId={module.id} group={entry} />
              ) : (
                <LinkItem key={entry.path} link={entry} nested={false} />
              ),
            )}
          </List>
        </Box>
      )}
    </Box>
  );
}

function LinkItem({ link, nested }: { link: MenuLink; nested: boolean }) {
  const active = useMatch({ path: link.path, end: true }) !== null;
  const Icon = link.icon;
  return (
    <ListItemButton
      component={RouterLink}
      to={link.path}
      selected={active}
      aria-current={active ? 'page' : undefined}
      // Nested entries line up with their group's text (icon column is 32px = 4 spacing units).
      sx={{ pl: nested ? 6 : 2 }}
    >
      {Icon && (
        <ListItemIcon>
          <Icon fontSize="small" />
        </ListItemIcon>
      )}
      <ListItemText primary={link.label} />
    </ListItemButton>
  );
}

function GroupItem({ moduleId, group }: { moduleId: string; group: MenuGroup }) {
  const key = `${moduleId}/${group.id}`;
  const open = useUiStore((s) => s.closedGroups[key] !== true);
  const toggleGroup = useUiStore((s) => s.toggleGroup);
  const listId = `side-menu-${moduleId}-${group.id}`;
  const Icon = group.icon;
  return (
    <>
      <ListItemButton aria-expanded={open} aria-controls={listId} onClick={() => toggleGroup(key)}>
        {Icon && (
          <ListItemIcon>
            <Icon fontSize="small" />
          </ListItemIcon>
        )}
        <ListItemText primary={group.label} />
        {open ? (
          <ExpandLessIcon fontSize="small" color="action" />
        ) : (
          <ExpandMoreIcon fontSize="small" color="action" />
        )}
      </ListItemButton>
      <Collapse in={open} timeout="auto">
        <List id={listId} disablePadding>
          {group.items.map((item) => (
            <LinkItem key={item.path} link={item} nested />
          ))}
        </List>
      </Collapse>
    </>
  );
}
