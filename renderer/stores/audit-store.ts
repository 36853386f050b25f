/**
 * One page of the audit log at a time (the log only grows: it is paged by the core, never held
 * whole). New entries (`audit.appended`) refresh the page while the Audit screen is open.
 */
import { create } from 'zustand';
import type { AuditEntry, AuditFilter } from '../../shared/domain/audit';
import type { Result } from '../../shared/result';
import { api } from '../api/client';
import { latestRequest } from './latest-request';

export interface AuditPaging {
  page: number;
  pageSize: number;
}

export interface AuditState {
  /** The filter the rows were fetched with (the screen keeps its own draft until Filter). */
  filter: AuditFilter;
  paging: AuditPaging;
  entries: AuditEntry[];
  total: number;
  loading: boolean;
  loadError: string | undefined;
  load: () => Promise<void>;
  /** A new filter starts again at the first page. */
  applyFilter: (filter: AuditFilter) => Promise<void>;
  setPaging: (paging: AuditPaging) => Promise<void>;
  exportCsv: () => Promise<Result<{ csv: string; count: number }>>;
  /** The screen is open: refresh on new entries until the returned function is called. */
  watch: () => () => void;
}

/** Answers can arrive out of order when the user pages quickly: only the latest request counts. */
const loads = latestRequest();
let watchers = 0;

export const useAuditStore = create<AuditState>()((set, get) => ({
  filter: {},
  paging: { page: 0, pageSize: 50 },
  entries: [],
  total: 0,
  loading: false,
  loadError: undefined,
  load: async () => {
    const isLatest = loads.begin();
    const { filter, paging } = get();
    set({ loading: true, loadError: undefined });
    const result = await api.call('audit.list', {
      filter,
      offset: paging.page * paging.pageSize,
      limit: paging.pageSize,
    });
    if (!isLatest()) return;
    if (result.ok) set({ entries: result.value.entries, total: result.value.total, loading: false });
    else set({ loading: false, loadError: result.message });
  },
  applyFilter: async (filter) => {
    set({ filter, paging: { ...get().paging, page: 0 } });
    await get().load();
  },
  setPaging: async (paging) => {
    set({ paging });
    await get().load();
  },
  exportCsv: () => api.call('audit.exportCsv', { filter: get().filter }),
  watch: () => {
    watchers += 1;
    return () => {
      watchers -= 1;
    };
  },
}));

// A burst of entries (one save can audit several things) refreshes once, shortly after the last.
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
const unsubscribe = api.subscribe('audit.appended', () => {
  if (watchers === 0) return;
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => void useAuditStore.getState().load(), 250);
});

import.meta.hot?.dispose(() => {
  clearTimeout(refreshTimer);
  unsubscribe();
});
