/**
 * kill -9 at each step of a JIT session (kill-child.ts, kill-points.ts), for Creation and deletion
 * and for Enable/Disable against the lab's real PostgreSQL: before the provisioning template
 * runs, after it, while Active, once Ending before and after the cleanup template, and between two
 * cleanup attempts. The session file then says what may exist on the target; the next start on
 * the same data directory drives the session to its end: no role stays existing or able to log
 * in, sessions.jsonl still holds the session (Failed after a provisioning, Ended after a session),
 * and no `session:*` secret is left in the vault.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/compose';
import { SessionStore } from '../../../electron/lifecycle/session-store';
import { confBackendFactory } from '../../../electron/storage/conf-backend';
import { appStoppedActor, type Session } from '../../../shared/domain/session';
import { uniqueName } from '../../lab/names';
import { makeTempDir } from '../../support/temp-dir';
import { asPostgresAdmin, callCore, seedPostgresLab } from '../support/postgres-lab-core';
import { killPoints, type KillPoint } from './kill-points';

const root = join(import.meta.dirname, '..', '..', '..');
const childFile = join(root, 'node_modules', '.cache', 'lifecycle-kill', 'kill-child.mjs');
const dir = makeTempDir('jit-session-kill-');
const passphraseFile = join(dir.path, 'passphrase');
/** Seeded once (the lab device, its administrator, the JIT credentials), copied for each case. */
const seedDir = join(dir.path, 'seed');
const rolesToDrop = new Set<string>();
const databasesToDrop = new Set<string>();

type JitType = 'create_delete' | 'enable_disable';
/** The JIT credential of each case: one Creation and deletion, one Enable/Disable per kill point. */
const credentialOf = new Map<string, number>();
const caseKey = (type: JitType, point: KillPoint) => (type === 'create_delete' ? type : `${type}:${point}`);
/** The Enable/Disable role of each kill point. */
const roleOf = new Map<KillPoint, string>();

/** Where each kill leaves things: the state on disk, whether the account is there (created or
 * able to log in), and the state the next start ends the session in. */
const expected: Record<KillPoint, { onDisk: Session['state']; accountOn: boolean; end: Session['state'] }> = {
  'before-provision': { onDisk: 'provisioning', accountOn: false, end: 'failed' },
  'after-provision': { onDisk: 'provisioning', accountOn: true, end: 'failed' },
  active: { onDisk: 'active', accountOn: true, end: 'ended' },
  'before-cleanup': { onDisk: 'ending', accountOn: true, end: 'ended' },
  'after-cleanup': { onDisk: 'ending', accountOn: false, end: 'ended' },
  'between-retries': { onDisk: 'ending', accountOn: true, end: 'ended' },
};

async function openCore(dataDir: string): Promise<Core> {
  const core = createCore({ dataDir, shell: 'browser', createBackend: confBackendFactory });
  await core.unlockWithPassphraseFile(passphraseFile);
  await core.ready;
  return core;
}

/** The role as PostgreSQL has it: absent, or whether it may log in. */
async function roleOn(name: string): Promise<'absent' | 'login' | 'nologin'> {
  const result = await asPostgresAdmin((c) =>
    c.query<{ rolcanlogin: boolean }>('SELECT rolcanlogin FROM pg_roles WHERE rolname = $1', [name]),
  );
  const row = result.rows[0];
  return row === undefined ? 'absent' : row.rolcanlogin ? 'login' : 'nologin';
}

beforeAll(async () => {
  mkdirSync(join(root, 'node_modules', '.cache', 'lifecycle-kill'), { recursive: true });
  await build({
    entryPoints: [join(root, 'test/integration/lifecycle/kill-child.ts')],
    outfile: childFile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  writeFileSync(passphraseFile, 'integration passphrase\n', { mode: 0o600 });

  const setup = await openCore(seedDir);
  const lab = await seedPostgresLab(setup);
  const save = async (credential: object, password: object) =>
    ((await callCore(setup, 'credentials.save', { credential, password })) as { id: number }).id;
  credentialOf.set(
    'create_delete',
    await save(
      {
        username: 'reporting',
        type: 'Local user',
        deviceId: lab.deviceId,
        jit: {
          enabled: true,
          type: 'create_delete',
          authCredentialId: lab.adminId,
          createPluginId: 'postgresql',
          createTemplateId: lab.templateId('PostgreSQL: JIT create role'),
          deletePluginId: 'postgresql',
          deleteTemplateId: lab.templateId('PostgreSQL: JIT drop role'),
        },
      },
      { action: 'keep' },
    ),
  );
  for (const point of killPoints) {
    const role = uniqueName('jitkill');
    const password = `Pw-${uniqueName('x')}`;
    roleOf.set(point, role);
    rolesToDrop.add(role);
    await asPostgresAdmin((c) => c.query(`CREATE ROLE "${role}" NOLOGIN PASSWORD '${password}'`));
    credentialOf.set(
      caseKey('enable_disable', point),
      await save(
        {
          username: role,
          type: 'Local user',
          deviceId: lab.deviceId,
          jit: {
            enabled: true,
            type: 'enable_disable',
            authCredentialId: lab.adminId,
            enablePluginId: 'postgresql',
            enableTemplateId: lab.templateId('PostgreSQL: JIT enable role'),
            disablePluginId: 'postgresql',
            disableTemplateId: lab.templateId('PostgreSQL: JIT disable role'),
          },
        },
        { action: 'set', value: password },
      ),
    );
  }
  await setup.shutdown();
});

afterAll(async () => {
  await asPostgresAdmin(async (c) => {
    for (const database of databasesToDrop) await c.query(`DROP DATABASE IF EXISTS "${database}"`);
    for (const role of rolesToDrop) await c.query(`DROP ROLE IF EXISTS "${role}"`);
  });
  dir.remove();
});

/**
 * What makes the first cleanup attempt fail, undone before the next start: a database the created
 * role owns (DROP OWNED leaves databases, so DROP ROLE refuses), or the Enable/Disable role renamed
 * away (ALTER ROLE finds no such role).
 */
async function obstruct(type: JitType, account: string): Promise<() => Promise<void>> {
  if (type === 'create_delete') {
    const database = `${account}_db`;
    databasesToDrop.add(database);
    await asPostgresAdmin((c) => c.query(`CREATE DATABASE "${database}" OWNER "${account}"`));
    return () => asPostgresAdmin((c) => c.query(`DROP DATABASE "${database}"`)).then(() => undefined);
  }
  const away = `${account}_away`;
  rolesToDrop.add(away);
  await asPostgresAdmin((c) => c.query(`ALTER ROLE "${account}" RENAME TO "${away}"`));
  return () =>
    asPostgresAdmin((c) => c.query(`ALTER ROLE "${away}" RENAME TO "${account}"`)).then(() => undefined);
}

/** Runs the child until it kills itself at `point`; answers the account it was working on. */
function runChild(
  dataDir: string,
  credentialId: number,
  point: KillPoint,
  type: JitType,
): Promise<{
  account: string;
  unobstruct: (() => Promise<void>) | undefined;
}> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childFile, dataDir, passphraseFile, String(credentialId), point], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let unobstruct: (() => Promise<void>) | undefined;
    let told = false;
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const active = /^active (\S+)$/m.exec(out);
      if (active && !told) {
        told = true;
        // The child waits for this line before it ends the session (after the obstacle, if any).
        const account = active[1] ?? '';
        const ready = point === 'between-retries' ? obstruct(type, account) : Promise.resolve(undefined);
        ready.then(
          (undo) => {
            unobstruct = undo;
            child.stdin.write('go\n');
          },
          (error: unknown) => {
            child.kill('SIGKILL');
            reject(error instanceof Error ? error : new Error(String(error)));
          },
        );
      }
    });
    // A child that never reaches its point would wait forever: it is ended, and the case fails.
    const stuck = setTimeout(() => child.kill('SIGTERM'), 90_000);
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(stuck);
      const killed = /^killed (\S+)$/m.exec(out);
      if (signal === 'SIGKILL' && killed) resolve({ account: killed[1] ?? '', unobstruct });
      else reject(new Error(`the child did not kill itself at ${point}:\n${err}`));
    });
  });
}

/** The `session:*` references in the data directory's vault file (they are not secret). */
function sessionSecrets(dataDir: string): string[] {
  const vault = JSON.parse(readFileSync(join(dataDir, 'vault.json'), 'utf8')) as {
    entries: Record<string, unknown>;
  };
  return Object.keys(vault.entries).filter((ref) => ref.startsWith('session:'));
}

/** Polls (bounded) until the session is in `state`: the restarted core's sweep drives it there. */
async function settle(core: Core, id: string, state: Session['state']): Promise<Session> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const session = core.sessions.get(id);
    if (session.state === state || Date.now() > deadline) return session;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const cases = (['create_delete', 'enable_disable'] as const).flatMap((type) =>
  killPoints.map((point) => [type, point] as const),
);

// One case at a time: a case is a child process and a core start (about 6 s alone, three times
// that on a loaded machine); run together they only fight for the CPU.
describe('kill -9 at each step of a session, then a start on the same data directory', () => {
  it.for(cases)('%s killed at %s', { timeout: 120_000 }, async ([type, point], { expect }) => {
    const want = expected[point];
    const dataDir = join(dir.path, `${type}-${point}`);
    cpSync(seedDir, dataDir, { recursive: true });
    const credentialId = credentialOf.get(caseKey(type, point)) ?? 0;

    const { account, unobstruct } = await runChild(dataDir, credentialId, point, type);
    rolesToDrop.add(account);
    if (type === 'create_delete') expect(account).toMatch(/^senseg\d{7}$/);
    else expect(account).toBe(roleOf.get(point));
    await unobstruct?.();
    const onDisk = SessionStore.open({ dir: dataDir });
    const crashed = onDisk.all();
    await onDisk.close();
    expect(crashed).toHaveLength(1);
    const id = crashed[0]?.id ?? '';
    expect(crashed[0]).toMatchObject({ account, state: want.onDisk });
    const on = await roleOn(account);
    // Created (Creation and deletion), or able to log in (Enable/Disable: the role stays).
    if (type === 'create_delete') expect(on !== 'absent').toBe(want.accountOn);
    else expect(on).toBe(want.accountOn ? 'login' : 'nologin');
    // A created account's password was in the vault from before its template ran.
    expect(sessionSecrets(dataDir)).toEqual(type === 'create_delete' ? [`session:${id}`] : []);

    // The next start: its sweep (once the vault is unlocked) drives the session to its end. One
    // killed while Active is ended then, well within its maximum length: the app that ran it is gone.
    const core = await openCore(dataDir);
    const ended = await settle(core, id, want.end);
    await core.shutdown();
    expect(ended).toMatchObject({ state: want.end, rollback: want.end === 'failed' });
    if (point === 'active') expect(ended.endedBy).toBe(appStoppedActor);
    if (want.end === 'ended') expect(ended.error).toBeNull();
    expect(await roleOn(account)).toBe(type === 'create_delete' ? 'absent' : 'nologin');

    // Nothing lost, nothing left: the one session on disk in its end state, no session secret.
    const after = SessionStore.open({ dir: dataDir });
    expect(after.problems).toEqual([]);
    expect(after.all().map((s) => [s.id, s.state])).toEqual([[id, want.end]]);
    await after.close();
    expect(sessionSecrets(dataDir)).toEqual([]);
  });
});
