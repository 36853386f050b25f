/**
 * Kills the real core with SIGKILL at random moments while it saves devices and credentials,
 * imports bundles and deactivates devices (kill-loop-child.ts), then restarts it on the same data
 * directory and checks, after every kill:
 * - every acknowledged change is on disk, with its audit entry;
 * - nothing is on disk without its audit entry, and no audit entry names a change not on disk
 *   (a credential at `v<n>` has exactly n update entries; an import is in full with one entry,
 *   or not at all; a deactivated device has deactivated all its credentials);
 * - no interrupted change is left pending once the core is ready.
 *
 * Seeded: the seed is printed; KILL_LOOP_SEED=<seed> repeats the same kill moments (the process's
 * own speed still varies). KILL_LOOP_KILLS sets the number of kills (default 50).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntrySchema, type AuditEntry } from '../../../shared/domain/audit';
import { createCore } from '../../../electron/core/compose';
import { confBackendFactory } from '../../../electron/storage/conf-backend';
import { intentFileName } from '../../../electron/storage/intent-journal';
import { makeTempDir } from '../../support/temp-dir';
import { importCredentials, importDevices, random } from './kill-loop-child';

const kills = Number(process.env.KILL_LOOP_KILLS ?? 50);
const seed = Number(process.env.KILL_LOOP_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** Most kills come 0 to this many ms after the core is ready: a few changes, or a few dozen. */
const maxDelayMs = 400;
/**
 * The others come at any moment of the start (0 to this many ms after the spawn): while the
 * core completes the change the last kill interrupted, or installs the built-in templates.
 */
const maxStartDelayMs = 2500;
const startKills = 0.2;

const root = join(import.meta.dirname, '..', '..', '..');
/** Bundled once (as scripts/build.mjs bundles the host): a TypeScript loader per start is slow. */
const childFile = join(root, 'node_modules', '.cache', 'kill-loop', 'kill-loop-child.mjs');

interface Acknowledged {
  readonly devices: Set<number>;
  readonly credentials: Map<number, number>;
  readonly imports: Set<string>;
  readonly deactivated: Set<number>;
}

/**
 * On tmpfs when there is one: a killed process loses nothing the kernel already has, fsynced or
 * not, so the disk only adds its fsync time (tens of ms a change on a busy machine).
 */
const dir = existsSync('/dev/shm') ? makeTempDirIn('/dev/shm') : makeTempDir('jit-kill-loop-');
beforeAll(async () => {
  mkdirSync(join(root, 'node_modules', '.cache', 'kill-loop'), { recursive: true });
  await build({
    entryPoints: [join(root, 'test/unit/storage/kill-loop-child.ts')],
    outfile: childFile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
});
afterAll(() => dir.remove());

describe('kill -9 at random moments', () => {
  it(`every acknowledged change is on disk with its audit entry, nothing half there (${kills} kills)`, async () => {
    console.log(`kill loop: seed ${seed} (KILL_LOOP_SEED=${seed} repeats it), ${kills} kills`);
    const delay = random(seed);
    const acked: Acknowledged = {
      devices: new Set(),
      credentials: new Map(),
      imports: new Set(),
      deactivated: new Set(),
    };
    let changes = 0;
    for (let run = 1; run <= kills; run++) {
      const duringStart = delay() < startKills;
      const ms = Math.floor(delay() * (duringStart ? maxStartDelayMs : maxDelayMs));
      const lines = await runAndKill(run, seed + run, duringStart ? { afterSpawn: ms } : { afterReady: ms });
      for (const line of lines) {
        const [kind, what, n] = line.split(' ').slice(1);
        changes += 1;
        if (kind === 'device') acked.devices.add(Number(what));
        else if (kind === 'cred') acked.credentials.set(Number(what), Number(n));
        else if (kind === 'import') acked.imports.add(what ?? '');
        else if (kind === 'deactivate') acked.deactivated.add(Number(what));
      }
      const violations = await check(dir.path, acked);
      expect(violations, `after kill ${run} (seed ${seed})`).toEqual([]);
    }
    console.log(`kill loop: ${changes} acknowledged changes over ${kills} kills`);
    expect(changes).toBeGreaterThan(kills);
  }, 600_000);
});

/** Starts the child, kills it after the delay given; returns its acknowledgement lines. */
function runAndKill(
  run: number,
  childSeed: number,
  delay: { afterReady: number } | { afterSpawn: number },
): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childFile, dir.path, String(run), String(childSeed)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let killed = false;
    const kill = () => {
      killed = true;
      child.kill('SIGKILL');
    };
    if ('afterSpawn' in delay) setTimeout(kill, delay.afterSpawn);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const ready = !out.includes('ready\n');
      out += chunk;
      if (ready && out.includes('ready\n') && 'afterReady' in delay) setTimeout(kill, delay.afterReady);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('exit', () => {
      if (!killed) {
        reject(new Error(`run ${run} stopped by itself before it was killed:\n${err}`));
        return;
      }
      // A line cut by the kill has no newline: it was not acknowledged as far as the test knows.
      resolve(
        out
          .split('\n')
          .slice(0, -1)
          .filter((line) => line.startsWith('ack ')),
      );
    });
  });
}

/** Starts the core on `dataDir` as the app would (recovery included) and lists what is wrong. */
async function check(dataDir: string, acked: Acknowledged): Promise<string[]> {
  const core = createCore({ dataDir, shell: 'browser', createBackend: confBackendFactory });
  await core.ready;
  const devices = core.inventory.devices.list();
  const credentials = core.inventory.credentials.exportRows();
  core.close();
  const entries = readAudit(dataDir);
  const wrong: string[] = [];
  const countOf = (entity: string, id: number, action: string) =>
    entries.filter((e) => e.entity === entity && e.entityId === id && e.action === action).length;
  const expectCount = (entity: string, id: number, action: string, want: number, what: string) => {
    const got = countOf(entity, id, action);
    if (got !== want) wrong.push(`${what}: ${got} ${action} audit entries, expected ${want}`);
  };

  const imported = new Map<string, { devices: number; credentials: number }>();
  const tagOf = (name: string) => name.replace(/-u?\d+$/, '');
  const tally = (name: string, kind: 'devices' | 'credentials') => {
    const tag = tagOf(name);
    const t = imported.get(tag) ?? { devices: 0, credentials: 0 };
    t[kind] += 1;
    imported.set(tag, t);
  };
  const deviceById = new Map(devices.map((d) => [d.id, d]));
  for (const d of devices) {
    if (d.name.startsWith('i')) {
      tally(d.name, 'devices');
      continue;
    }
    expectCount('device', d.id, 'create', 1, `device ${d.name}`);
    expectCount('device', d.id, 'deactivate', d.active ? 0 : 1, `device ${d.name}`);
  }
  for (const c of credentials) {
    if (c.username.startsWith('i')) {
      tally(c.username, 'credentials');
      continue;
    }
    const version = Number(c.additionalInfo.slice(1));
    expectCount('credential', c.id, 'create', 1, `credential ${c.username}`);
    expectCount('credential', c.id, 'update', version, `credential ${c.username} at v${version}`);
    expectCount('credential', c.id, 'deactivate', c.status === 'Active' ? 0 : 1, `credential ${c.username}`);
    if (deviceById.get(c.deviceId)?.active === false && c.status === 'Active') {
      wrong.push(`credential ${c.username} is Active on a deactivated device`);
    }
  }
  for (const [tag, t] of imported) {
    if (t.devices !== importDevices || t.credentials !== importCredentials) {
      wrong.push(`import ${tag} is half there: ${t.devices} devices, ${t.credentials} credentials`);
    }
  }
  const importEntries = entries.filter((e) => e.action === 'import').length;
  if (importEntries !== imported.size) {
    wrong.push(`${importEntries} import audit entries for ${imported.size} imports on disk`);
  }
  for (const e of entries) {
    if (e.action !== 'create') continue;
    const there = e.entity === 'device' ? deviceById.has(e.entityId ?? 0) : true;
    if (!there) wrong.push(`audit entry ${e.seq} creates device ${e.entityId}, which is not on disk`);
  }
  const credentialIds = new Set(credentials.map((c) => c.id));
  for (const e of entries) {
    if (e.entity === 'credential' && e.action === 'create' && !credentialIds.has(e.entityId ?? 0)) {
      wrong.push(`audit entry ${e.seq} creates credential ${e.entityId}, which is not on disk`);
    }
  }

  for (const id of acked.devices) if (!deviceById.has(id)) wrong.push(`acknowledged device ${id} is lost`);
  for (const [id, version] of acked.credentials) {
    const row = credentials.find((c) => c.id === id);
    if (!row || Number(row.additionalInfo.slice(1)) < version) {
      wrong.push(`acknowledged credential ${id} v${version} is lost (${row?.additionalInfo ?? 'no row'})`);
    }
  }
  for (const tag of acked.imports) if (!imported.has(tag)) wrong.push(`acknowledged import ${tag} is lost`);
  for (const id of acked.deactivated) {
    if (deviceById.get(id)?.active !== false) wrong.push(`acknowledged deactivation of device ${id} is lost`);
  }
  const intent = join(dataDir, intentFileName);
  if (existsSync(intent) && readFileSync(intent, 'utf8') !== '') {
    wrong.push('an interrupted change is still pending once the core is ready');
  }
  return wrong;
}

function makeTempDirIn(parent: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(parent, 'jit-kill-loop-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

function readAudit(dataDir: string): AuditEntry[] {
  const path = join(dataDir, 'audit.jsonl');
  if (!existsSync(path)) return [];
  const entries: AuditEntry[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    try {
      const parsed = auditEntrySchema.safeParse(JSON.parse(line));
      if (parsed.success) entries.push(parsed.data);
    } catch {
      // A line cut by the kill: the log skips it too.
    }
  }
  return entries;
}
