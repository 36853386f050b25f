/**
 * For the lifecycle bench: a real core (createCore, its vault unlocked with a passphrase file) in a
 * temp data dir, seeded with the lab's four servers as devices, their administrators as
 * authentication credentials, and one Creation and deletion JIT credential per plugin on the
 * built-in templates. Also watches `sessions.changed`, to time each state as it reaches the disk.
 * Not a bench itself (run-all.ts runs only lifecycle-*.ts / plugins-*.ts scripts by name).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core } from '../../electron/core/compose';
import { confBackendFactory } from '../../electron/storage/conf-backend';
import type { MethodName } from '../../shared/contract';
import type { PluginId } from '../../shared/domain/plugin';
import type { Session, SessionState } from '../../shared/domain/session';
import type { Settings } from '../../shared/domain/settings';
import type { LabDetails } from '../lab/index';
import { makeTempDir } from '../support/temp-dir';

/** Generated account names start with this (not `senseg`: other runs on this machine use that). */
export const benchPrefix = 'lcbench';

export interface BenchCore {
  readonly core: Core;
  /** A contract method through the dispatcher, as the renderer calls it; a failure throws. */
  call(method: MethodName, input: unknown): Promise<unknown>;
  /** The JIT credential (Creation and deletion on the built-ins) of each plugin. */
  readonly credentials: Readonly<Record<BenchPluginId, number>>;
  /**
   * An Enable/Disable credential of the lab's PostgreSQL for `role` (made NOLOGIN by the caller
   * first), logged in as the administrator; the built-in enable and disable templates.
   */
  enableDisable(role: { username: string; password: string }): Promise<number>;
  readonly watcher: SessionWatcher;
  /** Shuts the core down (ends what is live, bounded) and removes its data dir. */
  close(): Promise<void>;
}

export type BenchPluginId = Extract<PluginId, 'ssh' | 'postgresql' | 'mysql' | 'ldap'>;
export const benchPlugins: readonly BenchPluginId[] = ['ssh', 'postgresql', 'mysql', 'ldap'];

const failedStates: ReadonlySet<SessionState> = new Set(['failed', 'needs_attention', 'force_closed']);

/**
 * When each session reached each state, as `sessions.changed` told it (the lifecycle emits it once
 * the state is on disk): the bench's clock stops there, not at a polling interval.
 */
export class SessionWatcher {
  readonly #reached = new Map<string, Map<SessionState, number>>();
  readonly #errors = new Map<string, string>();
  readonly #waiters = new Set<() => void>();
  readonly #unsubscribe: () => void;

  constructor(core: Core) {
    this.#unsubscribe = core.events.subscribe((event, payload) => {
      if (event !== 'sessions.changed') return;
      const session = payload as Session;
      const states = this.#reached.get(session.id) ?? new Map<SessionState, number>();
      if (!states.has(session.state)) states.set(session.state, performance.now());
      this.#reached.set(session.id, states);
      if (session.error !== null) this.#errors.set(session.id, session.error);
      for (const wake of [...this.#waiters]) wake();
    });
  }

  /** performance.now() when session `id` reached `state`; rejects when it failed instead. */
  reach(id: string, state: SessionState, timeoutMs = 60_000): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`session ${id} did not reach ${state} in ${timeoutMs} ms`));
      }, timeoutMs);
      const check = (): void => {
        const states = this.#reached.get(id);
        const at = states?.get(state);
        const failed = [...(states?.keys() ?? [])].find((s) => failedStates.has(s));
        if (at === undefined && failed === undefined) return;
        this.#waiters.delete(check);
        clearTimeout(timer);
        if (at !== undefined) resolve(at);
        else reject(new Error(`session ${id} is ${failed ?? ''}: ${this.#errors.get(id) ?? ''}`));
      };
      this.#waiters.add(check);
      check();
    });
  }

  close(): void {
    this.#unsubscribe();
  }
}

/** Creates the core and saves the lab's devices and credentials in it. */
export async function openBenchCore(lab: LabDetails): Promise<BenchCore> {
  const dir = makeTempDir('jit-bench-lifecycle-');
  const core = createCore({
    dataDir: join(dir.path, 'data'),
    shell: 'browser',
    createBackend: confBackendFactory,
  });
  const passphraseFile = join(dir.path, 'passphrase');
  writeFileSync(passphraseFile, 'bench passphrase\n', { mode: 0o600 });
  await core.unlockWithPassphraseFile(passphraseFile);
  await core.ready;
  const call = async (method: MethodName, input: unknown): Promise<unknown> => {
    const result = await core.dispatcher.dispatch(method, input, core.context('internal'));
    if (!result.ok) throw new Error(`${method}: ${result.message}`);
    return result.value;
  };
  const settings = (await call('settings.get', undefined)) as Settings;
  await call('settings.set', { ...settings, jit: { ...settings.jit, usernamePrefix: benchPrefix } });

  const templates = core.inventory.templates.list();
  const templateId = (name: string): number => {
    const found = templates.find((t) => t.name === name);
    if (!found) throw new Error(`no built-in template ${name}`);
    return found.id;
  };
  const save = async (what: string, input: unknown): Promise<number> =>
    ((await call(what as MethodName, input)) as { id: number }).id;

  /** A device, its administrator, and a JIT credential whose sessions log in as that administrator. */
  async function seed(options: {
    plugin: BenchPluginId;
    device: { name: string; address: string; type: string; protocol: string; port: number };
    admin: {
      username: string;
      domain?: string;
      additionalInfo?: string;
      password?: string;
      privateKey?: string;
    };
    create: string;
    remove: string;
  }): Promise<{ deviceId: number; adminId: number; jitId: number }> {
    const { device, admin } = options;
    const deviceId = await save('devices.save', {
      device: {
        name: device.name,
        address: device.address,
        type: device.type,
        connectivity: [{ protocol: device.protocol, port: device.port }],
      },
    });
    const adminId = await save('credentials.save', {
      credential: {
        username: admin.username,
        type: 'Local administrator',
        deviceId,
        domain: admin.domain ?? '',
        additionalInfo: admin.additionalInfo ?? '',
      },
      password: admin.password === undefined ? { action: 'keep' } : { action: 'set', value: admin.password },
      ...(admin.privateKey === undefined ? {} : { key: { action: 'set', privateKey: admin.privateKey } }),
    });
    const jitId = await save('credentials.save', {
      credential: {
        username: `jit-${options.plugin}`,
        type: 'Local user',
        deviceId,
        domain: admin.domain ?? '',
        additionalInfo: admin.additionalInfo ?? '',
        jit: {
          enabled: true,
          type: 'create_delete',
          authCredentialId: adminId,
          createPluginId: options.plugin,
          createTemplateId: templateId(options.create),
          deletePluginId: options.plugin,
          deleteTemplateId: templateId(options.remove),
        },
      },
      password: { action: 'keep' },
    });
    return { deviceId, adminId, jitId };
  }

  const { ssh, postgres, mariadb, ldap } = lab;
  const seeded = {
    ssh: await seed({
      plugin: 'ssh',
      device: { name: 'ssh-lab', address: ssh.host, type: 'Server', protocol: 'SSH', port: ssh.port },
      admin: { username: ssh.adminUser, privateKey: ssh.privateKey },
      create: 'Linux: create JIT account',
      remove: 'Linux: delete JIT account',
    }),
    postgresql: await seed({
      plugin: 'postgresql',
      device: {
        name: 'pg-lab',
        address: postgres.host,
        type: 'Database',
        protocol: 'PostgreSQL',
        port: postgres.port,
      },
      admin: {
        username: postgres.adminUser,
        password: postgres.adminPassword,
        additionalInfo: postgres.database,
      },
      create: 'PostgreSQL: JIT create role',
      remove: 'PostgreSQL: JIT drop role',
    }),
    mysql: await seed({
      plugin: 'mysql',
      device: {
        name: 'mariadb-lab',
        address: mariadb.host,
        type: 'Database',
        protocol: 'MySQL',
        port: mariadb.port,
      },
      admin: { username: mariadb.adminUser, password: mariadb.adminPassword },
      create: 'MySQL/MariaDB: JIT create user',
      remove: 'MySQL/MariaDB: JIT drop user',
    }),
    ldap: await seed({
      plugin: 'ldap',
      device: { name: 'ldap-lab', address: ldap.host, type: 'Directory', protocol: 'LDAP', port: ldap.port },
      admin: { username: ldap.adminDn, password: ldap.adminPassword, domain: ldap.baseDn },
      create: 'LDAP: JIT create entry',
      remove: 'LDAP: JIT delete entry',
    }),
  };
  const credentials: Record<BenchPluginId, number> = {
    ssh: seeded.ssh.jitId,
    postgresql: seeded.postgresql.jitId,
    mysql: seeded.mysql.jitId,
    ldap: seeded.ldap.jitId,
  };
  const enableDisable = (role: { username: string; password: string }): Promise<number> =>
    save('credentials.save', {
      credential: {
        username: role.username,
        type: 'Local user',
        deviceId: seeded.postgresql.deviceId,
        additionalInfo: postgres.database,
        jit: {
          enabled: true,
          type: 'enable_disable',
          authCredentialId: seeded.postgresql.adminId,
          enablePluginId: 'postgresql',
          enableTemplateId: templateId('PostgreSQL: JIT enable role'),
          disablePluginId: 'postgresql',
          disableTemplateId: templateId('PostgreSQL: JIT disable role'),
        },
      },
      password: { action: 'set', value: role.password },
    });
  const watcher = new SessionWatcher(core);
  return {
    core,
    call,
    credentials,
    enableDisable,
    watcher,
    close: async () => {
      watcher.close();
      await core.shutdown();
      dir.remove();
    },
  };
}
