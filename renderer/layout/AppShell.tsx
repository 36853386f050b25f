import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import { Suspense, useEffect } from 'react';
import { Outlet } from 'react-router';
import { SaveToast } from '../features/common/save-toast';
import { useAppStore } from '../stores/app-store';
import { NoticesArea } from './NoticesArea';
import { SideMenu } from './SideMenu';
import { fallbackAppName, TopBar } from './TopBar';
import { useCurrentModule } from './use-current-module';

/** The frame around every screen: app bar, notices, the module's side menu and the screen. */
export function AppShell() {
  const currentModule = useCurrentModule();
  const appName = useAppStore((s) => s.info?.name ?? fallbackAppName);

  useEffect(() => {
    document.title = currentModule ? `${currentModule.label} — ${appName}` : appName;
  }, [currentModule, appName]);

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
      <TopBar currentModule={currentModule} />
      <NoticesArea />
      <Box sx={{ display: 'flex', flex: 1, minHeight: 0 }}>
        {currentModule && <SideMenu module={currentModule} />}
        <Box component="main" sx={{ flex: 1, minWidth: 0, overflow: 'auto', px: 3, py: 2.5 }}>
          {/* Screens load lazily; the router's transitions keep the old screen up while the next loads. */}
          <Suspense fallback={<LinearProgress aria-label="Loading the screen" />}>
            <Outlet />
          </Suspense>
        </Box>
      </Box>
      <SaveToast />
    </Box>
  );
}
