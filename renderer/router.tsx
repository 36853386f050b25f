/**
 * The route table (hash routing: the page is served from app:// or a local file server, where only
 * the hash is ours). Screens are loaded lazily, one chunk per screen, so the first paint carries only
 * the shell; lists with the DataGrid and the terminal will be the heavy ones.
 */
import { lazy, type ComponentType } from 'react';
import { createHashRouter, Navigate } from 'react-router';
import { NotFoundScreen } from './features/common/NotFoundScreen';
import { RouteErrorScreen } from './features/common/RouteErrorScreen';
import { AppShell } from './layout/AppShell';
import { paths } from './paths';

/** React.lazy for a named export (our modules export by name). */
function lazyScreen<M>(load: () => Promise<M>, pick: (module: M) => ComponentType): ComponentType {
  return lazy(async () => ({ default: pick(await load()) }));
}

const loadCredentialsAll = () => import('./features/credentials/CredentialsAllScreen');
const CredentialsAllScreen = lazyScreen(loadCredentialsAll, (m) => m.CredentialsAllScreen);

/**
 * Credentials > All is the start screen and carries the DataGrid, the heaviest chunk: fetch it
 * once the browser is idle after the first paint, so opening it does not wait for the download.
 * A failed prefetch is ignored; the lazy screen loads (and reports) it again when shown.
 */
function prefetchCredentialsAll(): void {
  const prefetch = () => void loadCredentialsAll().catch(() => undefined);
  if (typeof requestIdleCallback === 'function') requestIdleCallback(prefetch, { timeout: 2000 });
  else setTimeout(prefetch, 200);
}

const CredentialsJitScreen = lazyScreen(
  () => import('./features/credentials/CredentialsJitScreen'),
  (m) => m.CredentialsJitScreen,
);
const SessionsScreen = lazyScreen(
  () => import('./features/sessions/SessionsScreen'),
  (m) => m.SessionsScreen,
);
const SessionView = lazyScreen(
  () => import('./features/sessions/SessionView'),
  (m) => m.SessionView,
);
const TemplatesScreen = lazyScreen(
  () => import('./features/templates/TemplatesScreen'),
  (m) => m.TemplatesScreen,
);
const OperationsScreen = lazyScreen(
  () => import('./features/operations/OperationsScreen'),
  (m) => m.OperationsScreen,
);
const PluginsScreen = lazyScreen(
  () => import('./features/plugins/PluginsScreen'),
  (m) => m.PluginsScreen,
);
const DevicesScreen = lazyScreen(
  () => import('./features/devices/DevicesScreen'),
  (m) => m.DevicesScreen,
);
const AuditScreen = lazyScreen(
  () => import('./features/audit/AuditScreen'),
  (m) => m.AuditScreen,
);
const SettingsScreen = lazyScreen(
  () => import('./features/settings/SettingsScreen'),
  (m) => m.SettingsScreen,
);

const redirect = (to: string) => <Navigate to={to} replace />;

/**
 * Created by main.tsx after the API client has run: the client takes the launch token out of
 * `#token=...` and resets the hash to `#/`, which must happen before the router reads the address.
 */
export function createAppRouter() {
  prefetchCredentialsAll();
  return createHashRouter([
    {
      path: paths.home,
      element: <AppShell />,
      errorElement: <RouteErrorScreen standalone />,
      children: [
        {
          // A screen that fails (a render error, a chunk that cannot load) is shown inside the shell,
          // so the app bar, the menus and the disconnected banner stay usable.
          errorElement: <RouteErrorScreen />,
          children: [
            { index: true, element: redirect(paths.pam.credentialsAll) },
            { path: paths.pam.root, element: redirect(paths.pam.credentialsAll) },
            { path: paths.pam.credentials, element: redirect(paths.pam.credentialsAll) },
            { path: paths.pam.credentialsAll, element: <CredentialsAllScreen /> },
            { path: paths.pam.credentialsJit, element: <CredentialsJitScreen /> },
            { path: paths.pam.sessions, element: <SessionsScreen /> },
            { path: paths.pam.session, element: <SessionView /> },
            { path: paths.pam.settings, element: <SettingsScreen /> },
            { path: paths.executions.root, element: redirect(paths.executions.templates) },
            { path: paths.executions.templates, element: <TemplatesScreen /> },
            { path: paths.executions.operations, element: <OperationsScreen /> },
            { path: paths.executions.plugins, element: <PluginsScreen /> },
            { path: paths.devices, element: <DevicesScreen /> },
            { path: paths.reports.root, element: redirect(paths.reports.audit) },
            { path: paths.reports.audit, element: <AuditScreen /> },
            { path: paths.settings, element: <SettingsScreen /> },
            { path: '*', element: <NotFoundScreen /> },
          ],
        },
      ],
    },
  ]);
}

export type AppRouter = ReturnType<typeof createAppRouter>;
