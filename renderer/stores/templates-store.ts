/**
 * Every execution template (content included, as `templates.list` returns them), kept current by
 * `templates.changed`. The editor's one-off calls (versions, check, clone, Test on a device) go
 * through here too, so components never talk to the API themselves.
 *
 * A test run answers only when it is over; meanwhile the core sends its operations' steps to this
 * page alone as `operations.testProgress`, tagged with the run id the page chose, which this store
 * collects in `liveTest` for the Test dialog to show.
 */
import { create } from 'zustand';
import type { z } from 'zod';
import type { MethodInput, MethodOutput } from '../../shared/contract';
import { maxCredentialOptionsLimit } from '../../shared/contract/credentials';
import type { templateProblemSchema } from '../../shared/contract/templates';
import type { Id } from '../../shared/domain/common';
import type { Operation } from '../../shared/domain/operation';
import type { PluginId } from '../../shared/domain/plugin';
import type { Template, TemplateInput, TemplateVersion } from '../../shared/domain/template';
import type { Result } from '../../shared/result';
import { api } from '../api/client';
import { placeByName, wholeListLoad } from './whole-list';

export type TemplateProblem = z.infer<typeof templateProblemSchema>;

export type TestRequest = MethodInput<'operations.testTemplate'>;
export type RoundTripRequest = MethodInput<'operations.testRoundTrip'>;
export type RoundTripResult = MethodOutput<'operations.testRoundTrip'>;
export type LoginOption = MethodOutput<'credentials.options'>['rows'][number];

/** Credentials that can run a test on a device: its own, then some of other devices'. */
export interface LoginChoices {
  readonly own: LoginOption[];
  readonly others: LoginOption[];
  /** Usable credentials of other devices not sent (there is a limit). */
  readonly othersMore: number;
}

/** Enough for the directory and jump-host admins a test may run as; more are counted, not sent. */
const otherDevicesShown = 100;

/** The test run in progress: the id this page gave it, and its operations seen so far. */
export interface LiveTest {
  runId: string;
  operations: Operation[];
}

export interface TemplatesState {
  templates: Template[];
  loaded: boolean;
  loading: boolean;
  loadError: string | undefined;
  load: () => Promise<void>;
  /** `clonedFrom`: a new template that began as a copy of that one (the core audits it). */
  save: (id: Id | undefined, template: TemplateInput, clonedFrom?: Id) => Promise<Result<Template>>;
  clone: (id: Id) => Promise<Result<Template>>;
  remove: (id: Id) => Promise<Result<{ id: Id }>>;
  versions: (id: Id) => Promise<Result<TemplateVersion[]>>;
  check: (pluginId: PluginId, content: string) => Promise<Result<TemplateProblem[]>>;
  /** A device's credentials in short form (at most 200, with how many there are): Run as choices. */
  loginOptions: (deviceId: Id) => Promise<Result<LoginChoices>>;
  /** The run in progress (one at a time), undefined when none. */
  liveTest: LiveTest | undefined;
  test: (request: TestRequest) => Promise<Result<Operation>>;
  testRoundTrip: (request: RoundTripRequest) => Promise<Result<RoundTripResult>>;
  /** Cancels a running operation (a test's, seen in `liveTest`). */
  cancelOperation: (id: string) => Promise<Result<Operation>>;
}

export const useTemplatesStore = create<TemplatesState>()((set, get) => {
  /**
   * Puts a saved or cloned template into the list at once, where the core's list puts it; the change
   * event refetches anyway.
   */
  const upsert = (saved: Template) => set({ templates: placeByName(get().templates, saved) });
  /**
   * Collects the run's progress in `liveTest` while `call` runs, and ends it after. The run id goes
   * with the call; the core tags each state of the run's operations with it.
   */
  const followRun = async <T>(call: (runId: string) => Promise<T>): Promise<T> => {
    const runId = crypto.randomUUID();
    set({ liveTest: { runId, operations: [] } });
    try {
      return await call(runId);
    } finally {
      if (get().liveTest?.runId === runId) set({ liveTest: undefined });
    }
  };
  return {
    templates: [],
    loaded: false,
    loading: false,
    loadError: undefined,
    load: wholeListLoad('templates', () => api.call('templates.list', undefined), set),
    save: async (id, template, clonedFrom) => {
      const result = await api.call(
        'templates.save',
        id === undefined
          ? { template, ...(clonedFrom === undefined ? {} : { clonedFrom }) }
          : { id, template },
      );
      if (result.ok) upsert(result.value);
      return result;
    },
    clone: async (id) => {
      const result = await api.call('templates.clone', { id });
      if (result.ok) upsert(result.value);
      return result;
    },
    remove: async (id) => {
      const result = await api.call('templates.delete', { id });
      if (result.ok) set({ templates: get().templates.filter((t) => t.id !== id) });
      return result;
    },
    versions: (id) => api.call('templates.versions', { id }),
    check: (pluginId, content) => api.call('templates.check', { pluginId, content }),
    loginOptions: async (deviceId) => {
      // The device's own credentials, and some of other devices' (a directory admin, say): only
      // those that can log in, so a device with many unusable ones still offers its usable ones.
      const [own, others] = await Promise.all([
        api.call('credentials.options', { deviceId, usable: true, limit: maxCredentialOptionsLimit }),
        api.call('credentials.options', { usable: true, limit: otherDevicesShown }),
      ]);
      if (!own.ok) return own;
      if (!others.ok) return others;
      const elsewhere = others.value.rows.filter((o) => o.deviceId !== deviceId);
      const othersTotal = others.value.total - own.value.total;
      return {
        ok: true,
        value: {
          own: own.value.rows,
          others: elsewhere,
          othersMore: Math.max(0, othersTotal - elsewhere.length),
        },
      };
    },
    liveTest: undefined,
    test: (request) => followRun((runId) => api.call('operations.testTemplate', { ...request, runId })),
    testRoundTrip: (request) =>
      followRun((runId) => api.call('operations.testRoundTrip', { ...request, runId })),
    cancelOperation: (id) => api.call('operations.cancel', { id }),
  };
});

/** A state of one of the test run's operations: kept when the run is still the one shown. */
function received({ runId, operation: op }: { runId: string; operation: Operation }): void {
  const run = useTemplatesStore.getState().liveTest;
  if (run?.runId !== runId) return;
  const index = run.operations.findIndex((known) => known.id === op.id);
  const steps = (o: Operation) => o.attempts.reduce((n, a) => n + a.steps.length, 0);
  const known = index === -1 ? undefined : run.operations[index];
  // Step events carry no new `updatedAt`: then the step count tells which state is newer.
  if (known) {
    const stale =
      known.updatedAt === op.updatedAt ? steps(known) > steps(op) : known.updatedAt > op.updatedAt;
    if (stale) return;
  }
  const operations = index === -1 ? [...run.operations, op] : run.operations.with(index, op);
  useTemplatesStore.setState({ liveTest: { ...run, operations } });
}

const unsubscribers = [
  api.subscribe('templates.changed', () => {
    if (useTemplatesStore.getState().loaded) void useTemplatesStore.getState().load();
  }),
  api.subscribe('operations.testProgress', received),
];

import.meta.hot?.dispose(() => {
  for (const unsubscribe of unsubscribers) unsubscribe();
});
