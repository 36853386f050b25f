/**
 * The lifecycle's unit-test world: the real lifecycle, store, executor and operation log in a temp
 * data directory, driven by a ManualClock, against a scripted target (FakeTarget) that keeps its
 * accounts in memory. The target is the only stand-in: what is tested is the lifecycle.
 */
import { credentialSchema, type Credential } from '../../../shared/domain/credential';
import { deviceSchema, type Device } from '../../../shared/domain/device';
import type { AuditEntry } from '../../../shared/domain/audit';
import type { Session } from '../../../shared/domain/session';
import { defaultSettings, type Settings } from '../../../shared/domain/settings';
import type { Template } from '../../../shared/domain/template';
import type { AuditEvent, AuditTrail } from '../../../electron/audit/audit-trail';
import { SessionLifecycle } from '../../../electron/lifecycle/session-lifecycle';
import { SessionStore } from '../../../electron/lifecycle/session-store';
import { OperationLog } from '../../../electron/operations/operation-log';
import { TemplateExecutor } from '../../../electron/operations/template-executor';
import { EventBus } from '../../../electron/platform/event-bus';
import { ManualClock } from '../../../electron/platform/manual-clock';
import type {
  AccountLoginRequest,
  AccountNameRules,
  AccountRequest,
  PluginRuntime,
  RunRequest,
  RunResult,
} from '../../../electron/plugins/plugin-runtime';
import { CredentialLogins } from '../../../electron/services/credentials/credential-logins';
import { vaultRef } from '../../../electron/services/credentials/credential-service';
import { notFound } from '../../../electron/services/service-error';
import { FakeVault } from '../services/fake-vault';
import { makeTempDir } from '../../support/temp-dir';

type Verb = 'create' | 'delete' | 'enable' | 'disable';

/**
 * A target whose templates are one word (create, delete, enable, disable) acting on `[#USERNAME#]`.
 * `failures[verb]` makes that many next runs of the verb fail; `halfCreate` makes a creation
 * leave the account (with its password, or with only its mark for 'mark-only') behind and still
 * report a failure. An account logs in with its password while enabled; a creation marks it with
 * the session (`marks`, as SSH's comment does).
 */
export class FakeTarget implements PluginRuntime {
  readonly id = 'postgresql' as const;
  accountNames: AccountNameRules = { maxLength: 63, caseInsensitive: false };
  /** The logins tried as accounts (the ownership proofs). */
  readonly logins: string[] = [];
  /** Makes accountEnabled fail (the target cannot tell). */
  enabledCheckFails = false;
  readonly accounts = new Map<string, { enabled: boolean; password: string }>();
  readonly runs: { verb: Verb; username: string }[] = [];
  readonly ended: string[] = [];
  readonly failures: Partial<Record<Verb, number>> = {};
  halfCreate: boolean | 'mark-only' = false;
  /** The session each account was created by, as the plugin's mark says. */
  readonly marks = new Map<string, string>();
  /** Holds every run until released (to look at the state written before the run). */
  gate: Promise<void> | undefined;
  /** Runs waiting at the gate now: the work they belong to can go no further until it opens. */
  atGate = 0;

  check() {
    return [];
  }

  async run(request: RunRequest): Promise<RunResult> {
    if (this.gate) {
      this.atGate += 1;
      await this.gate;
      this.atGate -= 1;
    }
    const verb = request.template.trim() as Verb;
    const username = this.#name(request.tags.USERNAME ?? '');
    this.runs.push({ verb, username });
    const left = this.failures[verb] ?? 0;
    if (left > 0) {
      this.failures[verb] = left - 1;
      if (verb === 'create' && this.halfCreate !== false) {
        const password = this.halfCreate === 'mark-only' ? '' : (request.tags.NEW_PASSWORD ?? '');
        this.accounts.set(username, { enabled: true, password });
        this.marks.set(username, request.tags.SESSION_ID ?? '');
      }
      return failure(`${verb} failed`);
    }
    const account = this.accounts.get(username);
    if (verb === 'create') {
      if (account) return failure('exists');
      this.accounts.set(username, { enabled: true, password: request.tags.NEW_PASSWORD ?? '' });
      this.marks.set(username, request.tags.SESSION_ID ?? '');
    } else if (verb === 'delete') {
      this.accounts.delete(username);
      this.marks.delete(username);
    } else if (!account) return failure('no such account');
    else account.enabled = verb === 'enable';
    return { ok: true, steps: [], failure: null, durationMs: 1 };
  }

  accountExists(request: AccountRequest): Promise<boolean> {
    return Promise.resolve(this.accounts.has(this.#name(request.username)));
  }

  endSessions(request: AccountRequest): Promise<number> {
    this.ended.push(request.username);
    return Promise.resolve(0);
  }

  accountLogsIn(request: AccountLoginRequest): Promise<boolean> {
    this.logins.push(request.username);
    const account = this.accounts.get(this.#name(request.username));
    return Promise.resolve(account !== undefined && account.enabled && account.password === request.password);
  }

  accountMarkedBy(request: AccountRequest, sessionId: string): Promise<boolean> {
    const name = this.#name(request.username);
    return Promise.resolve(this.accounts.has(name) && this.marks.get(name) === sessionId);
  }

  accountEnabled(request: AccountRequest): Promise<boolean> {
    if (this.enabledCheckFails) return Promise.reject(new Error('the target cannot tell'));
    return Promise.resolve(this.accounts.get(this.#name(request.username))?.enabled ?? false);
  }

  /** Names as the target compares them (tests keep `accounts` in lower case). */
  #name(username: string): string {
    return this.accountNames.caseInsensitive ? username.toLowerCase() : username;
  }
}

function failure(message: string): RunResult {
  return {
    ok: false,
    steps: [],
    failure: { kind: 'target', line: 1, message, outputTail: '' },
    durationMs: 1,
  };
}

const at = '2026-12-01T10:00:00.000Z';

function template(id: number, executionType: Template['executionType'], content: Verb): Template {
  return {
    id,
    name: `PG ${content}`,
    pluginId: 'postgresql',
    executionType,
    active: true,
    description: '',
    content,
    version: 1,
    builtIn: false,
    createdAt: at,
    updatedAt: at,
  };
}

export interface World {
  readonly dir: ReturnType<typeof makeTempDir>;
  readonly clock: ManualClock;
  readonly target: FakeTarget;
  readonly vault: FakeVault;
  readonly audit: AuditEntry[];
  readonly changes: Session[];
  readonly credentials: Map<number, Credential>;
  settings: Settings;
  /** When set, an audit entry's record() resolves only when the promise it returns for it does. */
  auditDelay?: ((entry: AuditEntry) => Promise<void> | undefined) | undefined;
  store: SessionStore;
  operations: OperationLog;
  lifecycle: SessionLifecycle;
  /** A new lifecycle on the same data directory and target, as after a restart. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Credential 1: the administrator; 2: Creation and deletion; 3 and 4: Enable/Disable of `app`. */
export const ADMIN = 1;
export const CREATE = 2;
export const ENABLE = 3;
export const ENABLE_TWIN = 4;

export function makeWorld(options: { randomInt?: (max: number) => number } = {}): World {
  const dir = makeTempDir('jit-lifecycle-');
  const clock = new ManualClock(at);
  const target = new FakeTarget();
  target.accounts.set('app', { enabled: false, password: 'app-password' });
  const vault = new FakeVault();
  const audit: AuditEntry[] = [];
  const changes: Session[] = [];
  const device: Device = deviceSchema.parse({
    id: 1,
    name: 'db-01',
    address: '127.0.0.1',
    type: 'Database',
    createdAt: at,
    updatedAt: at,
    credentialCount: 4,
  });
  const templates = new Map<number, Template>([
    [1, template(1, 'New user', 'create')],
    [2, template(2, 'User delete', 'delete')],
    [3, template(3, 'Credential enable', 'enable')],
    [4, template(4, 'Credential disable', 'disable')],
  ]);
  const credential = (id: number, username: string, jit: Partial<Credential['jit']>): Credential =>
    credentialSchema.parse({
      id,
      username,
      type: 'Local user',
      deviceId: 1,
      jit,
      hasPassword: true,
      deleted: false,
      createdAt: at,
      updatedAt: at,
      lastUsedAt: null,
    });
  const credentials = new Map<number, Credential>([
    [ADMIN, credential(ADMIN, 'postgres', {})],
    [
      CREATE,
      credential(CREATE, 'reporting', {
        enabled: true,
        type: 'create_delete',
        authCredentialId: ADMIN,
        createPluginId: 'postgresql',
        createTemplateId: 1,
        deletePluginId: 'postgresql',
        deleteTemplateId: 2,
      }),
    ],
    ...[ENABLE, ENABLE_TWIN].map(
      (id) =>
        [
          id,
          credential(id, 'app', {
            enabled: true,
            type: 'enable_disable',
            authCredentialId: ADMIN,
            enablePluginId: 'postgresql',
            enableTemplateId: 3,
            disablePluginId: 'postgresql',
            disableTemplateId: 4,
          }),
        ] as const,
    ),
  ]);
  vault.secrets.set(vaultRef(ADMIN), 'admin-password');
  vault.secrets.set(vaultRef(ENABLE), 'app-password');
  const get = <T>(map: Map<number, T>, what: string) => ({
    get(id: number): T {
      const found = map.get(id);
      if (!found) throw notFound(what, id);
      return found;
    },
  });
  const inventory = {
    credentials: get(credentials, 'Credential'),
    devices: get(new Map([[1, device]]), 'Device'),
    templates: get(templates, 'Template'),
    logins: new CredentialLogins({
      credentials: get(credentials, 'Credential'),
      devices: get(new Map([[1, device]]), 'Device'),
      vault,
    }),
  };
  const trail: AuditTrail = {
    record(event: AuditEvent) {
      const entry: AuditEntry = {
        seq: audit.length + 1,
        at: clock.now().toISOString(),
        result: 'success',
        detail: '',
        fields: [],
        ...event,
      };
      audit.push(entry);
      // Written "to disk" when the test says so (world.auditDelay), else at once.
      const written = world.auditDelay?.(entry);
      return written ? written.then(() => entry) : Promise.resolve(entry);
    },
  };
  const events = new EventBus();
  events.subscribe((event, payload) => {
    if (event === 'sessions.changed') changes.push(payload as Session);
  });

  const build = () => {
    const store = SessionStore.open({ dir: dir.path });
    const operations = OperationLog.open({ dir: dir.path, clock, events });
    const executor = new TemplateExecutor({ operations, plugins: { get: () => target }, clock });
    const lifecycle = new SessionLifecycle({
      store,
      executor,
      plugins: { get: () => target },
      inventory,
      vault,
      audit: trail,
      events,
      settings: () => world.settings,
      clock,
      random: () => 0.5,
      ...(options.randomInt ? { randomInt: options.randomInt } : {}),
      closeWaitMs: 1000,
    });
    return { store, operations, lifecycle };
  };
  const world: World = {
    dir,
    clock,
    target,
    vault,
    audit,
    changes,
    credentials,
    settings: structuredClone(defaultSettings),
    ...build(),
    async restart() {
      await world.operations.close();
      await world.store.close();
      Object.assign(world, build());
    },
    async close() {
      await world.lifecycle.close();
      await world.operations.close();
      dir.remove();
    },
  };
  return world;
}

/** Waits (real time, bounded) until `check` holds: background steps write files as they go. */
export async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

export function stateOf(world: World, id: string): Session['state'] | undefined {
  return world.store.get(id)?.state;
}
