/**
 * JIT sessions: one page of them for PAM Core > Access control > Remote sessions, and the sessions
 * a screen follows by id (the session view, a Details dialog) with their operations. The core
 * answers `sessions.start` at once; everything after that (provisioning, Active, cleanup) arrives
 * as `sessions.changed`, and each step of the session's operations as `operations.changed`. Both
 * are subscribed here, once, at module scope (see app-store.ts for why); components only select.
 *
 * Nothing here is a secret: a session record never holds the password, and operation logs come
 * from the core already masked.
 */
import { create } from 'zustand';
import type { Operation } from '../../shared/domain/operation';
import {
  isLiveSessionState,
  type Session,
  type SessionFilter,
  type SessionPluginId,
} from '../../shared/domain/session';
import type { Result } from '../../shared/result';
import { api } from '../api/client';
import { latestRequest } from './latest-request';

export interface SessionsPaging {
  page: number;
  pageSize: number;
}

export interface SessionsState {
  /** The filter the rows were fetched with (the filter bar keeps its own draft until Filter). */
  filter: SessionFilter;
  paging: SessionsPaging;
  sessions: Session[];
  total: number;
  /** False until the first page arrives, so the screen can tell "loading" from "none yet". */
  loaded: boolean;
  loading: boolean;
  loadError: string | undefined;
  load: () => Promise<void>;
  /** A new filter starts again at the first page. */
  applyFilter: (filter: SessionFilter) => Promise<void>;
  setPaging: (paging: SessionsPaging) => Promise<void>;
  /** The Remote sessions screen is open: new sessions refetch the page until the returned function is called. */
  watch: () => () => void;

  /** Followed sessions by id, kept current by `sessions.changed`. */
  followed: Record<string, Session>;
  /** Why a followed session could not be read, by id. */
  followErrors: Record<string, string>;
  /** The operations of followed sessions by operation id, kept current by `operations.changed`. */
  operations: Record<string, Operation>;
  /** Reads the session and its operations and keeps them live until the returned function is called. */
  follow: (id: string) => () => void;

  /** Asks the core to start a session; the answer is the Requested session (or why it was refused). */
  /** `pluginId`: a plain session's protocol when its device lists several (the core's default else). */
  start: (credentialId: number, pluginId?: SessionPluginId) => Promise<Result<Session>>;
  end: (id: string) => Promise<Result<Session>>;
  forceClose: (id: string, reason: string) => Promise<Result<Session>>;
}

const loads = latestRequest();
let watchers = 0;
/** How many screens follow each session: the record is dropped when the last one stops. */
const followers = new Map<string, number>();

const stepCount = (op: Operation): number => op.attempts.reduce((n, a) => n + a.steps.length, 0);

/**
 * Whether `incoming` is at least as recent as `known`. Streamed steps are announced without a new
 * `updatedAt` (see operations-store.ts), so the step count breaks ties: an `operations.get` answer
 * read mid-run must not replace the steps the events already brought.
 */
export function isFresherOperation(incoming: Operation, known: Operation | undefined): boolean {
  if (known === undefined) return true;
  if (incoming.updatedAt !== known.updatedAt) return incoming.updatedAt > known.updatedAt;
  return stepCount(incoming) >= stepCount(known);
}

/** A session record only moves forward: an older answer (a slow `sessions.get`) never undoes an event. */
export function isFresherSession(incoming: Session, known: Session | undefined): boolean {
  return known === undefined || incoming.updatedAt >= known.updatedAt;
}

/** The core's filter, replayed here to tell whether a changed session still belongs on the page. */
export function matchesSessionFilter(session: Session, filter: SessionFilter): boolean {
  const text = filter.text?.trim().toLowerCase();
  return (
    (filter.live !== true || isLiveSessionState(session.state)) &&
    (filter.credentialId === undefined || session.credentialId === filter.credentialId) &&
    (filter.state === undefined || session.state === filter.state) &&
    (text === undefined ||
      text === '' ||
      [session.account, session.credentialLabel, session.requester].some((f) =>
        f.toLowerCase().includes(text),
      ))
  );
}

export const useSessionsStore = create<SessionsState>()((set, get) => ({
  filter: {},
  paging: { page: 0, pageSize: 50 },
  sessions: [],
  total: 0,
  loaded: false,
  loading: false,
  loadError: undefined,
  load: async () => {
    const isLatest = loads.begin();
    const { filter, paging } = get();
    set({ loading: true, loadError: undefined });
    const result = await api.call('sessions.list', {
      filter,
      offset: paging.page * paging.pageSize,
      limit: paging.pageSize,
    });
    if (!isLatest()) return;
    if (result.ok) {
      set({ sessions: result.value.sessions, total: result.value.total, loaded: true, loading: false });
    } else set({ loading: false, loadError: result.message });
  },
  applyFilter: async (filter) => {
    set({ filter, paging: { ...get().paging, page: 0 } });
    await get().load();
  },
  setPaging: async (paging) => {
    set({ paging });
    await get().load();
  },
  watch: () => {
    watchers += 1;
    return () => {
      watchers -= 1;
    };
  },

  followed: {},
  followErrors: {},
  operations: {},
  follow: (id) => {
    followers.set(id, (followers.get(id) ?? 0) + 1);
    void readFollowed(id);
    return () => {
      const left = (followers.get(id) ?? 1) - 1;
      if (left > 0) {
        followers.set(id, left);
        return;
      }
      followers.delete(id);
      const { followed, followErrors, operations } = get();
      const session = followed[id];
      const { [id]: _dropped, ...rest } = followed;
      const { [id]: _error, ...otherErrors } = followErrors;
      const keptOps = Object.fromEntries(
        Object.entries(operations).filter(([opId]) => !session?.operationIds.includes(opId)),
      );
      set({ followed: rest, followErrors: otherErrors, operations: keptOps });
    };
  },

  start: async (credentialId, pluginId) => {
    const result = await api.call(
      'sessions.start',
      pluginId === undefined ? { credentialId } : { credentialId, pluginId },
    );
    if (result.ok) receiveSession(result.value);
    return result;
  },
  end: async (id) => {
    const result = await api.call('sessions.end', { id });
    if (result.ok) receiveSession(result.value);
    return result;
  },
  forceClose: async (id, reason) => {
    const result = await api.call('sessions.forceClose', { id, reason });
    if (result.ok) receiveSession(result.value);
    return result;
  },
}));

async function readFollowed(id: string): Promise<void> {
  const result = await api.call('sessions.get', { id });
  if (!followers.has(id)) return;
  if (!result.ok) {
    const { followErrors } = useSessionsStore.getState();
    useSessionsStore.setState({ followErrors: { ...followErrors, [id]: result.message } });
    return;
  }
  receiveSession(result.value);
}

/** Operation ids already asked for, so a burst of session events reads each one once. */
const requestedOps = new Set<string>();

/** Reads the operations of a followed session that the store does not hold yet. */
function readMissingOperations(session: Session): void {
  const { operations } = useSessionsStore.getState();
  for (const opId of session.operationIds) {
    if (operations[opId] !== undefined || requestedOps.has(opId)) continue;
    requestedOps.add(opId);
    void api.call('operations.get', { id: opId }).then((result) => {
      requestedOps.delete(opId);
      // Not created yet (the record names it just before the run starts): its first event brings it.
      if (result.ok) receiveOperation(result.value);
    });
  }
}

/** A session from an answer or an event: the followed record and the page row, where it is known. */
function receiveSession(session: Session): void {
  const state = useSessionsStore.getState();
  const patch: Partial<SessionsState> = {};
  if (followers.has(session.id) && isFresherSession(session, state.followed[session.id])) {
    patch.followed = { ...state.followed, [session.id]: session };
  }
  const index = state.sessions.findIndex((s) => s.id === session.id);
  const row = state.sessions[index];
  const fresher = row !== undefined && isFresherSession(session, row);
  // In place, so that the row shows its new state at once.
  if (fresher) patch.sessions = state.sessions.map((s, i) => (i === index ? session : s));
  useSessionsStore.setState(patch);
  if (followers.has(session.id)) readMissingOperations(session);
  if (watchers === 0) return;
  // A new session that matches comes in, and a listed one that no longer matches (force-closed
  // under "Needs attention", ended under "Live only") leaves: both through the core's page.
  const matches = matchesSessionFilter(session, state.filter);
  if ((row === undefined && matches) || (fresher && !matches)) scheduleReload();
}

function receiveOperation(op: Operation): void {
  const { followed, operations } = useSessionsStore.getState();
  const belongs =
    (op.sessionId !== null && followed[op.sessionId] !== undefined) ||
    Object.values(followed).some((s) => s.operationIds.includes(op.id));
  if (!belongs || !isFresherOperation(op, operations[op.id])) return;
  useSessionsStore.setState({ operations: { ...operations, [op.id]: op } });
}

// A burst of new sessions (a script starting twenty) refreshes once, shortly after the last.
let reloadTimer: ReturnType<typeof setTimeout> | undefined;
function scheduleReload(): void {
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => void useSessionsStore.getState().load(), 250);
}

// Module-scope subscriptions: made once per page load.
const unsubscribers = [
  api.subscribe('sessions.changed', receiveSession),
  api.subscribe('operations.changed', receiveOperation),
];

import.meta.hot?.dispose(() => {
  clearTimeout(reloadTimer);
  for (const unsubscribe of unsubscribers) unsubscribe();
});
