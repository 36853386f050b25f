/**
 * App-wide state: what `app.info` says, the notices the user must see, and the connection to the
 * core. The push-event and connection subscriptions are made here, once, when the module is first
 * evaluated; components only select from the store (they never subscribe themselves, so a remount
 * can neither miss an event nor subscribe twice).
 */
import { create } from 'zustand';
import type { AppInfo, Notice } from '../../shared/contract/app';
import type { Failure } from '../../shared/result';
import { api, connection, type ConnectionState } from '../api/client';

export interface AppState {
  info: AppInfo | undefined;
  connection: ConnectionState;
  /** Shown under the app bar, oldest first, until the user dismisses them. */
  notices: Notice[];
  dismissNotice: (id: string) => void;
  /** Shows a failed call's message; `context` says what the app was trying to do. */
  reportFailure: (context: string, failure: Failure) => void;
}

// Kept outside the state: a dismissed notice must stay dismissed even if `app.info` is read again.
const dismissed = new Set<string>();
let localNoticeSeq = 0;

export const useAppStore = create<AppState>()((set, get) => ({
  info: undefined,
  connection: connection.state,
  notices: [],
  dismissNotice: (id) => {
    dismissed.add(id);
    set({ notices: get().notices.filter((n) => n.id !== id) });
  },
  reportFailure: (context, failure) => {
    // Once the connection is closed every call fails the same way; the disconnected banner says it.
    if (failure.code === 'unavailable' && get().connection === 'closed') return;
    // Without the token nothing can be called at all; the banner says what to open instead.
    if (get().connection === 'no-token') return;
    // One notice per cause: several calls failing for the same reason (e.g. no launch token) say it once.
    if (get().notices.some((n) => n.message.endsWith(`: ${failure.message}`))) return;
    const message = `${context}: ${failure.message}`;
    localNoticeSeq += 1;
    addNotice({ id: `local-${localNoticeSeq}`, level: 'error', message, at: new Date().toISOString() });
  },
}));

function addNotice(notice: Notice): void {
  const { notices } = useAppStore.getState();
  if (dismissed.has(notice.id) || notices.some((n) => n.id === notice.id)) return;
  useAppStore.setState({ notices: [...notices, notice] });
}

async function loadAppInfo(): Promise<void> {
  const result = await api.call('app.info', undefined);
  if (!result.ok) {
    useAppStore.getState().reportFailure('Could not read the application information', result);
    return;
  }
  useAppStore.setState({ info: result.value });
  for (const notice of result.value.notices) addNotice(notice);
}

// Module-scope subscriptions: made once per page load.
const unsubscribers = [
  connection.onChange((state) => useAppStore.setState({ connection: state })),
  api.subscribe('app.notice', addNotice),
];
void loadAppInfo();

// Vite's hot reload re-evaluates this module in development: drop the old subscriptions first.
import.meta.hot?.dispose(() => {
  for (const unsubscribe of unsubscribers) unsubscribe();
});
