import ButtonBase from '@mui/material/ButtonBase';
import Popover from '@mui/material/Popover';
import Typography from '@mui/material/Typography';
import Box from '@mui/material/Box';
import { Link as RouterLink } from 'react-router';
import { modules, type ModuleDef } from './modules';

interface ModulePanelProps {
  id: string;
  anchorEl: HTMLElement | null;
  currentModule: ModuleDef | undefined;
  onClose: () => void;
}

/** The Grid Menu's panel: one tile per module, each a link whose accessible name is its label. */
export function ModulePanel({ id, anchorEl, currentModule, onClose }: ModulePanelProps) {
  return (
    <Popover
      id={id}
      open={anchorEl !== null}
      anchorEl={anchorEl}
      onClose={onClose}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
      transformOrigin={{ vertical: 'top', horizontal: 'left' }}
    >
      <Box
        component="nav"
        aria-label="Modules"
        sx={{ p: 1.5, display: 'grid', gridTemplateColumns: 'repeat(3, 112px)', gap: 1 }}
      >
        {modules.map((m) => (
          <ModuleTile key={m.id} module={m} current={m.id === currentModule?.id} onPick={onClose} />
        ))}
      </Box>
    </Popover>
  );
}

function ModuleTile({
  module,
  current,
  onPick,
}: {
  module: ModuleDef;
  current: boolean;
  onPick: () => void;
}) {
  const Icon = module.icon;
  return (
    <ButtonBase
      component={RouterLink}
      to={module.home}
      onClick={onPick}
      aria-current={current ? 'page' : undefined}
      sx={(theme) => ({
        flexDirection: 'column',
        gap: 0.75,
        py: 1.5,
        px: 1,
        borderRadius: 1,
        border: `1px solid ${current ? theme.palette.primary.main : 'transparent'}`,
        bgcolor: current ? 'action.selected' : 'transparent',
        '&:hover, &.Mui-focusVisible': { bgcolor: 'action.hover' },
      })}
    >
      <Icon color="primary" />
      <Typography variant="body2" sx={{ fontWeight: 600, textAlign: 'center' }}>
        {module.label}
      </Typography>
    </ButtonBase>
  );
}
