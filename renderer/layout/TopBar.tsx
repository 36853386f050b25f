import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { LockButton } from '../features/vault/LockButton';
import { useAppStore } from '../stores/app-store';
import { GridMenuButton } from './GridMenuButton';
import type { ModuleDef } from './modules';

/** Shown until `app.info` answers (and if it never does), so the bar is never blank. */
export const fallbackAppName = 'JIT PAM';

export function TopBar({ currentModule }: { currentModule: ModuleDef | undefined }) {
  const info = useAppStore((s) => s.info);
  return (
    <AppBar position="static">
      <Toolbar sx={{ gap: 1.5 }}>
        <GridMenuButton currentModule={currentModule} />
        <Typography component="span" sx={{ fontWeight: 700, letterSpacing: 0.3 }}>
          {info?.name ?? fallbackAppName}
        </Typography>
        {currentModule && (
          <>
            <Divider
              orientation="vertical"
              flexItem
              sx={{ borderColor: 'rgba(255,255,255,0.3)', my: 1.25 }}
            />
            <Typography component="span" data-testid="current-module">
              {currentModule.label}
            </Typography>
          </>
        )}
        <Box sx={{ flexGrow: 1 }} />
        <LockButton />
        {info && (
          <Typography component="span" variant="caption" sx={{ opacity: 0.7 }}>
            {`v${info.version} · ${info.shell === 'electron' ? 'desktop' : 'browser'}`}
          </Typography>
        )}
      </Toolbar>
    </AppBar>
  );
}
