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

/**
 * The navigation state Start session opens a session's view with: that view (and the same tab
 * after a reload, which keeps it) is the session's own, whose tab closing ends the session. A view
 * opened from Remote sessions only looks at it.
 */
export const startedHereState = { startedHere: true } as const;
export const isStartedHere = (state: unknown): boolean =>
  typeof state === 'object' && state !== null && 'startedHere' in state && state.startedHere === true;
