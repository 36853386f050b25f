import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { NoticesArea } from '../../layout/NoticesArea';
import { fallbackAppName } from '../../layout/TopBar';
import { useAppStore } from '../../stores/app-store';

/**
 * The full page around the vault screens: the app's name and the notices (a lost connection must
 * show here too), and one card in the middle. No menus: nothing else works until the vault opens.
 */
export function VaultFrame({ children }: { children: ReactNode }) {
  const appName = useAppStore((s) => s.info?.name ?? fallbackAppName);
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', minHeight: '100vh' }}>
      <AppBar position="static">
        <Toolbar>
          <Typography component="span" sx={{ fontWeight: 700, letterSpacing: 0.3 }}>
            {appName}
          </Typography>
        </Toolbar>
      </AppBar>
      <NoticesArea />
      <Box component="main" sx={{ flex: 1, display: 'grid', placeItems: 'center', p: 3 }}>
        <Paper variant="outlined" sx={{ p: 3, width: '100%', maxWidth: 500 }}>
          {children}
        </Paper>
      </Box>
    </Box>
  );
}
