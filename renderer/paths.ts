/**
 * Every route of the app, as hash paths (the router prefixes `#`). The route table and the module
 * menus both read from here so a menu entry can never point to a route that does not exist.
 */
export const paths = {
  home: '/',
  pam: {
    root: '/pam',
    credentials: '/pam/credentials',
    credentialsAll: '/pam/credentials/all',
    credentialsJit: '/pam/credentials/jit',
    sessions: '/pam/sessions',
    /** One session's view (`:id` is the session id): provisioning, then the session. */
    session: '/pam/sessions/:id',
    settings: '/pam/settings',
  },
  executions: {
    root: '/executions',
    templates: '/executions/templates',
    operations: '/executions/operations',
    plugins: '/executions/plugins',
  },
  devices: '/devices',
  reports: {
    root: '/reports',
    audit: '/reports/audit',
  },
  settings: '/settings',
} as const;

/** The session view of one session. */
export const sessionPath = (id: string): string => `/pam/sessions/${encodeURIComponent(id)}`;
