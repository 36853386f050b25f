/**
 * The credential list (Credentials > All and > Just In Time): the query the user built (filter,
 * sort, page), the page the core returned for it, and whether it is loading or failed. The core
 * filters, sorts and pages, so the renderer never holds more than one page, even at 10,000
 * credentials.
 *
 * The push-event subscriptions are made here, once, at module scope (see app-store.ts for why):
 * a change to any credential or device refetches the current page, because a page cannot tell
 * whether a changed record now belongs in it (a renamed device moves its group, a new credential
 * shifts the rows).
 */
import { create } from 'zustand';
import {
  credentialSortFields,
  type CredentialFilter,
  type CredentialPage,
} from '../../shared/contract/credentials';
import type { Failure, Result } from '../../shared/result';
import { api } from '../api/client';
import { latestRequest } from './latest-request';

export type CredentialSortField = (typeof credentialSortFields)[number];
export type SortDirection = 'asc' | 'desc';
export interface CredentialSort {
  field: CredentialSortField;
  direction: SortDirection;
}

/** The page sizes offered; MUI X DataGrid community allows at most 100. */
export const pageSizes = [25, 50, 100] as const;
export type PageSize = (typeof pageSizes)[number];

export interface CredentialListQuery {
  filter: CredentialFilter;
  /** Credentials > Just In Time: the core returns JIT credentials only. */
  jitOnly: boolean;
  sort: CredentialSort;
  offset: number;
  limit: PageSize;
}

export const defaultSort: CredentialSort = { field: 'id', direction: 'asc' };

const initialQuery: CredentialListQuery = {
  filter: {},
  jitOnly: false,
  sort: defaultSort,
  offset: 0,
  limit: 25,
};

export interface CredentialsState {
  query: CredentialListQuery;
  /** The last page the core returned for `query`; kept while the next one loads (no flicker). */
  page: CredentialPage | undefined;
  loading: boolean;
  /** Why the last load failed; the list shows it with a Retry button. */
  error: Failure | undefined;
  /** A list screen is on display; events refetch only then. */
  visible: boolean;

  /** A list screen mounted: All (`jitOnly` false) or Just In Time. Loads its first page. */
  show: (jitOnly: boolean) => void;
  hide: () => void;
  applyFilter: (filter: CredentialFilter) => void;
  setSort: (sort: CredentialSort) => void;
  setPage: (offset: number, limit: PageSize) => void;
  refresh: () => Promise<void>;
  /** The whole filtered, sorted list as CSV (the core builds it; no passwords). */
  exportCsv: () => Promise<Result<{ csv: string; count: number }>>;
}

// An answer that arrives after a newer request was sent is dropped, so a slow first page can
// never overwrite the page the user asked for next.
const loads = latestRequest();

// `loading` turns on only when an answer is slow: flipping it at once re-rendered the whole screen
// and grid inside the click that asked (tens of milliseconds at 100 rows), then again when the
// answer came, usually within a few milliseconds. The old rows stay on screen meanwhile.
const loadingDelayMs = 150;
let loadingTimer: ReturnType<typeof setTimeout> | undefined;

export const useCredentialsStore = create<CredentialsState>()((set, get) => {
  const load = async (): Promise<void> => {
    const isLatest = loads.begin();
    const { query } = get();
    clearTimeout(loadingTimer);
    loadingTimer = setTimeout(() => {
      if (isLatest()) set({ loading: true });
    }, loadingDelayMs);
    const result = await api.call('credentials.list', query);
    if (!isLatest()) return;
    clearTimeout(loadingTimer);
    if (!result.ok) {
      set({ loading: false, error: result });
      return;
    }
    const page = result.value;
    // The last page emptied (deleted rows, a narrower filter from elsewhere): step back to the
    // page that now is the last, rather than showing "no credentials" while some exist.
    if (page.rows.length === 0 && page.total > 0 && query.offset > 0) {
      const lastOffset = Math.floor((page.total - 1) / query.limit) * query.limit;
      set({ query: { ...query, offset: lastOffset } });
      return load();
    }
    set({ page, loading: false, error: undefined });
  };

  const update = (next: Partial<CredentialListQuery>) => {
    set({ query: { ...get().query, ...next } });
    return load();
  };

  return {
    query: initialQuery,
    page: undefined,
    loading: false,
    error: undefined,
    visible: false,

    show: (jitOnly) => {
      const { query, page } = get();
      set({ visible: true });
      // Switching between All and Just In Time keeps the filter and sort but starts at page one;
      // the other view's rows must not be shown under this view's heading, even for a moment.
      if (query.jitOnly !== jitOnly || page === undefined) {
        set({ page: undefined, error: undefined });
        void update({ jitOnly, offset: 0 });
      } else {
        void load();
      }
    },
    hide: () => set({ visible: false }),
    applyFilter: (filter) => void update({ filter, offset: 0 }),
    setSort: (sort) => void update({ sort, offset: 0 }),
    setPage: (offset, limit) => void update({ offset, limit }),
    refresh: load,
    exportCsv: () => {
      const { filter, jitOnly, sort } = get().query;
      return api.call('credentials.exportCsv', { filter, jitOnly, sort });
    },
  };
});

// Bursts of events (an import, a device deactivating its credentials) become one refetch.
let refetchTimer: ReturnType<typeof setTimeout> | undefined;
function scheduleRefetch(): void {
  if (!useCredentialsStore.getState().visible) return;
  clearTimeout(refetchTimer);
  refetchTimer = setTimeout(() => {
    refetchTimer = undefined;
    if (useCredentialsStore.getState().visible) void useCredentialsStore.getState().refresh();
  }, 100);
}

// Module-scope subscriptions: made once per page load.
const unsubscribers = [
  api.subscribe('credentials.changed', scheduleRefetch),
  // Group headers show the device's name, address, type, vendor and site.
  api.subscribe('devices.changed', scheduleRefetch),
  // A list that failed because the vault was locked loads once it is unlocked.
  api.subscribe('vault.changed', (status) => {
    if (status.state === 'unlocked' && useCredentialsStore.getState().error?.code === 'locked') {
      scheduleRefetch();
    }
  }),
];

import.meta.hot?.dispose(() => {
  clearTimeout(refetchTimer);
  clearTimeout(loadingTimer);
  for (const unsubscribe of unsubscribers) unsubscribe();
});
