/**
 * One page of template runs (the core pages and filters them; the log only grows) and the one
 * operation open in the Operation dialog. `operations.changed` keeps both live: a running
 * operation streams its steps through it, so rows and the dialog are updated in place instead of
 * refetched on every step.
 */
import { create } from 'zustand';
import type { Operation, OperationFilter } from '../../shared/domain/operation';
import type { Result } from '../../shared/result';
import { api } from '../api/client';
import { latestRequest } from './latest-request';

export interface OperationsPaging {
  page: number;
  pageSize: number;
}

export interface OperationsState {
  /** The filter the rows were fetched with (the filter bar keeps its own draft until Filter). */
  filter: OperationFilter;
  paging: OperationsPaging;
  operations: Operation[];
  total: number;
  /** False until the first page arrives, so the screen can tell "loading" from "none yet". */
  loaded: boolean;
  loading: boolean;
  loadError: string | undefined;
  /** The operation shown in the dialog, kept current by events; undefined when it is closed. */
  detail: Operation | undefined;
  load: () => Promise<void>;
  /** A new filter starts again at the first page. */
  applyFilter: (filter: OperationFilter) => Promise<void>;
  setPaging: (paging: OperationsPaging) => Promise<void>;
  /** Shows the row at once, then asks the core for its latest state. */
  openDetail: (operation: Operation) => Promise<void>;
  closeDetail: () => void;
  cancel: (id: string) => Promise<Result<Operation>>;
  /** The screen is open: refetch on new operations until the returned function is called. */
  watch: () => () => void;
}

const stepCount = (op: Operation): number => op.attempts.reduce((n, a) => n + a.steps.length, 0);

/**
 * Whether `incoming` is at least as recent as `known`. Streamed step states are announced without
 * a new `updatedAt` (only the start and the end are saved), so the step count breaks ties: a page
 * fetched mid-run must not replace the steps the events already brought.
 */
function isFresher(incoming: Operation, known: Operation): boolean {
  if (incoming.updatedAt !== known.updatedAt) return incoming.updatedAt > known.updatedAt;
  return stepCount(incoming) >= stepCount(known);
}

const freshest = (incoming: Operation, known: Operation | undefined): Operation =>
  known === undefined || isFresher(incoming, known) ? incoming : known;

/**
 * The latest streamed state of every unfinished operation, on the page or not. Steps are streamed
 * without being saved, so a page fetched mid-run (say, the refetch a new run triggers) carries
 * none of the steps that came before it; this is where they are found again. Finished runs are
 * saved by the core, so they leave the map and it only ever holds what is running now.
 */
const live = new Map<string, Operation>();
const unfinished = new Set<Operation['status']>(['Scheduled', 'Running']);

/** The core's filter, replayed here to tell whether a changed operation still belongs on the page. */
function matchesFilter(op: Operation, filter: OperationFilter): boolean {
  const text = filter.text?.toLowerCase();
  return (
    (filter.status === undefined || op.status === filter.status) &&
    (filter.kind === undefined || op.kind === filter.kind) &&
    (filter.pluginId === undefined || op.pluginId === filter.pluginId) &&
    (text === undefined ||
      [op.templateName, op.deviceLabel, op.account, op.runAs, op.requester].some((f) =>
        f.toLowerCase().includes(text),
      ))
  );
}

/** Answers can arrive out of order when events come in bursts: only the latest request counts. */
const loads = latestRequest();
let watchers = 0;
/**
 * `id:status` pairs that already caused a refetch. A run on another page streams many events with
 * the same status; one refetch tells whether it belongs here, the rest would only repeat it.
 */
const refetchedFor = new Set<string>();

export const useOperationsStore = create<OperationsState>()((set, get) => ({
  filter: {},
  paging: { page: 0, pageSize: 50 },
  operations: [],
  total: 0,
  loaded: false,
  loading: false,
  loadError: undefined,
  detail: undefined,
  load: async () => {
    const isLatest = loads.begin();
    const { filter, paging } = get();
    set({ loading: true, loadError: undefined });
    const result = await api.call('operations.list', {
      filter,
      offset: paging.page * paging.pageSize,
      limit: paging.pageSize,
    });
    if (!isLatest()) return;
    if (!result.ok) {
      set({ loading: false, loadError: result.message });
      return;
    }
    const known = new Map(get().operations.map((op) => [op.id, op]));
    // A run whose last event was missed (the socket reconnected) is finished here too.
    for (const op of result.value.operations) if (!unfinished.has(op.status)) live.delete(op.id);
    set({
      operations: result.value.operations.map((op) =>
        freshest(freshest(op, known.get(op.id)), live.get(op.id)),
      ),
      total: result.value.total,
      loaded: true,
      loading: false,
    });
  },
  applyFilter: async (filter) => {
    refetchedFor.clear();
    set({ filter, paging: { ...get().paging, page: 0 } });
    await get().load();
  },
  setPaging: async (paging) => {
    refetchedFor.clear();
    set({ paging });
    await get().load();
  },
  openDetail: async (operation) => {
    set({ detail: freshest(operation, live.get(operation.id)) });
    const result = await api.call('operations.get', { id: operation.id });
    const shown = get().detail;
    // The dialog may have been closed, or moved on to another operation, while the call ran.
    if (result.ok && shown?.id === operation.id) {
      set({ detail: freshest(freshest(result.value, shown), live.get(shown.id)) });
    }
  },
  closeDetail: () => set({ detail: undefined }),
  cancel: async (id) => {
    const result = await api.call('operations.cancel', { id });
    if (result.ok) received(result.value);
    return result;
  },
  watch: () => {
    watchers += 1;
    return () => {
      watchers -= 1;
    };
  },
}));

let refetchTimer: ReturnType<typeof setTimeout> | undefined;

/** A burst of changes (a test round trip starts several operations) refetches once. */
function scheduleRefetch(op: Operation): void {
  const key = `${op.id}:${op.status}`;
  if (watchers === 0 || refetchedFor.has(key)) return;
  refetchedFor.add(key);
  clearTimeout(refetchTimer);
  refetchTimer = setTimeout(() => void useOperationsStore.getState().load(), 250);
}

/** Puts a new state of an operation wherever it is shown. */
function received(op: Operation): void {
  if (unfinished.has(op.status)) live.set(op.id, freshest(op, live.get(op.id)));
  else live.delete(op.id);
  const { operations, filter, detail } = useOperationsStore.getState();
  if (detail?.id === op.id && isFresher(op, detail)) useOperationsStore.setState({ detail: op });
  const index = operations.findIndex((row) => row.id === op.id);
  const belongs = matchesFilter(op, filter);
  if (index === -1) {
    if (belongs) scheduleRefetch(op);
    return;
  }
  const row = operations[index];
  if (row !== undefined && isFresher(op, row)) {
    useOperationsStore.setState({ operations: operations.with(index, op) });
  }
  // Its status left the filter (say, Running while filtering on Running): the page must change.
  if (!belongs) scheduleRefetch(op);
}

const unsubscribe = api.subscribe('operations.changed', received);

import.meta.hot?.dispose(() => {
  clearTimeout(refetchTimer);
  unsubscribe();
});
