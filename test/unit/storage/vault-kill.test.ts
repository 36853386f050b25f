/**
 * Kills a process with SIGKILL while the vault's grouped writer has writes in flight and changes
 * waiting (vault-kill-child.ts), then reads vault.json as the next start would, after every kill:
 * - the file is a whole vault (the old one or the new one, never a torn mix): it parses, matches
 *   the vault's schema, and every entry in it decrypts;
 * - every put whose promise resolved is there with its value, and every resolved remove is gone;
 * - the counter is at least the last value acknowledged.
 * And over the loop: some kills left a write's temporary file behind, so the kill did land in the
 * middle of a write.
 *
 * Seeded: the seed is printed; VAULT_KILL_SEED=<seed> repeats the same kill moments.
 * VAULT_KILLS sets the number of kills (default 20).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus } from '../../../electron/platform/event-bus';
import { vaultFileSchema } from '../../../electron/vault/vault-file';
import { VaultService } from '../../../electron/vault/vault-service';
import { RecordingAudit } from '../../support/recording-audit';
import { makeTempDir } from '../../support/temp-dir';
import { random } from './kill-loop-child';
import { valueOf, xorKeys } from './vault-kill-child';

const kills = Number(process.env.VAULT_KILLS ?? 20);
const seed = Number(process.env.VAULT_KILL_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** Kills come 0 to this many ms after the vault is open: a few writes, or a few dozen. */
const maxDelayMs = 300;

const root = join(import.meta.dirname, '..', '..', '..');
/** Bundled once (as scripts/build.mjs bundles the host): a TypeScript loader per start is slow. */
const childFile = join(root, 'node_modules', '.cache', 'vault-kill', 'vault-kill-child.mjs');

/** On the real disk (not tmpfs): its fsyncs take long enough for writes to group and overlap. */
const dir = makeTempDir('jit-vault-kill-');
beforeAll(async () => {
  mkdirSync(join(root, 'node_modules', '.cache', 'vault-kill'), { recursive: true });
  await build({
    entryPoints: [join(root, 'test/unit/storage/vault-kill-child.ts')],
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

interface Acknowledged {
  readonly puts: Set<string>;
  readonly issuedDels: Set<string>;
  readonly dels: Set<string>;
  counter: number;
}

describe('kill -9 during grouped vault writes', () => {
  it(`vault.json is whole after every kill, with every resolved change (${kills} kills)`, async () => {
    console.log(`vault kill: seed ${seed} (VAULT_KILL_SEED=${seed} repeats it), ${kills} kills`);
    const delay = random(seed);
    const acked: Acknowledged = { puts: new Set(), issuedDels: new Set(), dels: new Set(), counter: 0 };
    let inFlight = 0;
    let changes = 0;
    for (let run = 1; run <= kills; run++) {
      const lines = await runAndKill(run, Math.floor(delay() * maxDelayMs));
      for (const line of lines) {
        const [verb, kind, what = ''] = line.split(' ');
        if (verb === 'issue') acked.issuedDels.add(what);
        if (verb !== 'ack') continue;
        changes += 1;
        if (kind === 'put') acked.puts.add(what);
        else if (kind === 'del') acked.dels.add(what);
        else acked.counter = Math.max(acked.counter, Number(what));
      }
      const temps = readdirSync(dir.path).filter((f) => f.endsWith('.tmp'));
      if (temps.length > 0) inFlight += 1;
      expect(check(acked), `after kill ${run} (seed ${seed})`).toEqual([]);
      // As the next start does (platform/private-data-dir.ts), so the next kill counts its own.
      for (const temp of temps) rmSync(join(dir.path, temp));
    }
    console.log(`vault kill: ${changes} acknowledged changes, ${inFlight} of ${kills} kills during a write`);
    expect(changes).toBeGreaterThan(kills);
    expect(inFlight).toBeGreaterThan(0);
  }, 600_000);
});

/** Starts the child, kills it `ms` after it is ready; returns its complete output lines. */
function runAndKill(run: number, ms: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childFile, dir.path, String(run)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let killed = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const before = out.includes('ready\n');
      out += chunk;
      if (!before && out.includes('ready\n')) {
        setTimeout(() => {
          killed = true;
          child.kill('SIGKILL');
        }, ms);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('exit', () => {
      if (!killed) {
        reject(new Error(`run ${run} stopped by itself before it was killed:\n${err}`));
        return;
      }
      // A line cut by the kill has no newline: not acknowledged as far as the test knows.
      resolve(out.split('\n').slice(0, -1));
    });
  });
}

/** Reads vault.json as the next start would; lists what is wrong. */
function check(acked: Acknowledged): string[] {
  const wrong: string[] = [];
  const text = readFileSync(join(dir.path, 'vault.json'), 'utf8');
  let entries: string[];
  try {
    entries = Object.keys(vaultFileSchema.parse(JSON.parse(text)).entries);
  } catch (error) {
    return [`vault.json is not a whole vault (${String(error)}): ${text.length} bytes`];
  }
  const problems: string[] = [];
  const vault = new VaultService({
    dataDir: dir.path,
    events: new EventBus(),
    audit: new RecordingAudit(),
    clock: { now: () => new Date() },
    osKeys: xorKeys,
    onProblem: (message) => problems.push(message),
  });
  wrong.push(...problems);
  for (const ref of entries) {
    try {
      const value = vault.get(ref);
      if (ref !== 'counter' && value !== valueOf(ref)) wrong.push(`${ref} holds another value`);
    } catch {
      wrong.push(`${ref} does not decrypt`);
    }
  }
  const present = new Set(entries);
  for (const ref of acked.puts) {
    if (!acked.issuedDels.has(ref) && !present.has(ref)) wrong.push(`acknowledged put ${ref} is lost`);
  }
  for (const ref of acked.dels) if (present.has(ref)) wrong.push(`acknowledged remove of ${ref} is lost`);
  const counter = present.has('counter') ? Number(vault.get('counter')) : 0;
  if (counter < acked.counter) wrong.push(`counter ${counter} is below the acknowledged ${acked.counter}`);
  return wrong;
}
