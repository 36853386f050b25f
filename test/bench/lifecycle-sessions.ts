// `npx tsx test/bench/lifecycle-sessions.ts [--n N] [--only ssh,postgresql,mysql,ldap] [--profile]`
// (or `npm run bench -- lifecycle`): JIT Creation and deletion sessions through the real core
// (createCore, the dispatcher's sessions.start / sessions.end, SessionLifecycle) against the lab's
// SSH, PostgreSQL, MariaDB and OpenLDAP on loopback, which it starts itself. Per plugin:
//  - provisioning latency (start asked to Active on disk) p50/p95, beside the plugin's own run of
//    the same template with the same existence checks (accountExists before and after), in pairs
//    that alternate which goes first; the lifecycle's cost is the difference of the medians;
//  - cleanup latency (end asked to Ended on disk: deletion template, endSessions, verified gone);
//  - throughput at 20 concurrent sessions (each ends as soon as it is Active; all started to all
//    ended);
//  - PostgreSQL: that throughput against bare `pg` doing CREATE ROLE + DROP ROLE 20 times on one
//    connection, in alternating rounds of one run.
// Each figure is printed beside its target with PASS or MISS; a miss never fails the run.
// PostgreSQL's rounds also print the CPU a session takes, of the core and of the server, beside bare
// pg's pair (`--rounds N`, 15 by default: a bare round is 20 pairs, about 0.1 s, and a median of
// three such windows swung the ratio by a fifth from one run to the next).
// --profile adds, per plugin, where a sequential session's time goes (session store, audit,
// operation log, vault, plugin calls) by timing those methods while the lifecycle runs.

import { randomInt, randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import { AuditLog } from '../../electron/audit/audit-log';
import { planSession } from '../../electron/lifecycle/session-plan';
import { SessionStore } from '../../electron/lifecycle/session-store';
import { ephemeralUsername } from '../../electron/operations/ephemeral-name';
import { OperationLog } from '../../electron/operations/operation-log';
import { tagValues } from '../../electron/operations/tag-values';
import type { PluginRuntime } from '../../electron/plugins/plugin-runtime';
import { createPluginRegistry } from '../../electron/plugins/registry';
import { generatePassword } from '../../electron/services/credentials/password-generator';
import { VaultService } from '../../electron/vault/vault-service';
import type { Session } from '../../shared/domain/session';
import type { Settings } from '../../shared/domain/settings';
import { installSignalCleanup, startLab, type LabDetails } from '../lab/index';
import { sshClose, sshConnect, sshExec } from '../lab/clients/ssh';
import {
  benchPlugins,
  benchPrefix,
  openBenchCore,
  type BenchCore,
  type BenchPluginId,
} from './lifecycle-core';
import { countPgLogins, cpuOf, type CpuSpent } from './cpu-meter';
import { median, p95 } from './stats';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const only = (option('--only')?.split(',') ?? benchPlugins) as BenchPluginId[];
const profiling = args.includes('--profile');
/** Sequential pairs per plugin (SSH's runs take ~10x the others': fewer of them). */
const iterations = (plugin: BenchPluginId): number => Number(option('--n') ?? (plugin === 'ssh' ? 4 : 20));
const WARM_UP = 1;
const CONCURRENT = 20;
/** `--rounds N`: a whole number of at least 1, or the bench stops before it starts the lab. */
function roundsOption(): number {
  const given = option('--rounds') ?? '15';
  const rounds = Number(given);
  if (!Number.isInteger(rounds) || rounds < 1)
    throw new Error(`--rounds takes a whole number of at least 1, not "${given}"`);
  return rounds;
}
const PG_ROUNDS = roundsOption();

const TARGET_OVERHEAD_MS = 20;
const TARGET_CLEANUP_MS = 1000;
const TARGET_PG_RATIO = 0.5;

const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');
const fmt = (n: number): string => n.toFixed(1);

// --- where the time goes (--profile) ---

const spent = new Map<string, { ms: number; calls: number }>();
let profileOn = false;

/** Times every call of `proto[method]` while profileOn (sequential runs: calls do not overlap). */
function timeMethod(proto: object, method: string, label: string): void {
  const target = proto as Record<string, unknown>;
  const found = target[method];
  if (typeof found !== 'function') throw new Error(`no ${method} to profile (${label})`);
  const original = found as (...callArgs: unknown[]) => unknown;
  target[method] = function (this: unknown, ...callArgs: unknown[]): unknown {
    if (!profileOn) return original.apply(this, callArgs);
    const started = performance.now();
    const done = (): void => {
      const entry = spent.get(label) ?? { ms: 0, calls: 0 };
      entry.ms += performance.now() - started;
      entry.calls += 1;
      spent.set(label, entry);
    };
    const result = original.apply(this, callArgs);
    if (result instanceof Promise) return result.finally(done);
    done();
    return result;
  };
}

function installProfile(runtimes: readonly PluginRuntime[]): void {
  timeMethod(SessionStore.prototype, 'save', 'sessions.jsonl append+fsync');
  timeMethod(AuditLog.prototype, 'record', 'audit append+fsync');
  timeMethod(OperationLog.prototype, 'save', 'operations append+fsync');
  timeMethod(VaultService.prototype, 'put', 'vault put (seal, write)');
  timeMethod(VaultService.prototype, 'remove', 'vault remove (write)');
  for (const runtime of runtimes) {
    const proto = Object.getPrototypeOf(runtime) as object;
    const own = proto === Object.prototype ? runtime : proto;
    timeMethod(own, 'run', `${runtime.id}: plugin run`);
    timeMethod(own, 'accountExists', `${runtime.id}: accountExists`);
    timeMethod(own, 'endSessions', `${runtime.id}: endSessions`);
  }
}

// --- one session, both ways ---

interface Timing {
  readonly provisionMs: number;
  readonly cleanupMs: number;
}

/** A session through the core: start to Active, then end to Ended (both as the disk has them). */
async function lifecycleSession(
  bench: BenchCore,
  plugin: BenchPluginId,
  accounts: Set<string>,
): Promise<Timing> {
  const asked = performance.now();
  const started = (await bench.call('sessions.start', {
    credentialId: bench.credentials[plugin],
  })) as Session;
  accounts.add(`${plugin}:${started.account}`);
  try {
    const active = await bench.watcher.reach(started.id, 'active');
    const ending = performance.now();
    await bench.call('sessions.end', { id: started.id });
    const ended = await bench.watcher.reach(started.id, 'ended');
    return { provisionMs: active - asked, cleanupMs: ended - ending };
  } catch (error) {
    throw new Error(await failureOf(bench, started.id, error));
  }
}

/**
 * The plugin's own runs of the same two templates, with the checks the lifecycle makes: the
 * account must not exist, the creation runs, the account must exist; the deletion runs, its live
 * sessions are ended, the account must be gone. Same plan (template, target, login) and tag values
 * as the lifecycle builds; a fresh plugin runtime, no records.
 */
async function pluginOwnSession(
  bench: BenchCore,
  runtime: PluginRuntime,
  plugin: BenchPluginId,
  accounts: Set<string>,
): Promise<Timing> {
  const { core } = bench;
  const plan = planSession(
    { inventory: core.inventory, plugins: { get: () => runtime }, vault: core.vault },
    {
      credentialId: bench.credentials[plugin],
    },
  );
  const settings = (await bench.call('settings.get', undefined)) as Settings;
  const username = ephemeralUsername(benchPrefix, randomInt);
  accounts.add(`${plugin}:${username}`);
  const password = generatePassword(settings.passwordPolicy);
  const tags = tagValues({
    username,
    newPassword: password,
    currentPassword: password,
    login: {
      username: plan.login.credential.username,
      password: plan.login.login.password ?? '',
      domain: plan.login.credential.domain,
    },
    device: { name: plan.device.name, address: plan.device.address },
    additionalInfo: plan.credential.additionalInfo,
    domain: plan.credential.domain,
    expiration: new Date(Date.now() + settings.jit.maxSessionMinutes * 60_000),
    sessionId: randomUUID(),
    requester: 'bench',
  });
  const request = { target: plan.provision.target, login: plan.login.login, username };
  const run = async (template: string): Promise<void> => {
    const result = await runtime.run({ template, target: request.target, login: request.login, tags });
    if (!result.ok) throw new Error(`${plugin}: ${result.failure?.message ?? 'failed'}`);
  };

  const asked = performance.now();
  if (await runtime.accountExists(request)) throw new Error(`${plugin}: ${username} exists already`);
  await run(plan.provision.template.content);
  if (!(await runtime.accountExists(request)))
    throw new Error(`${plugin}: ${username} missing after the run`);
  const provisioned = performance.now();
  await run(plan.cleanup.template.content);
  await runtime.endSessions(request);
  if (await runtime.accountExists(request)) throw new Error(`${plugin}: ${username} still exists`);
  return { provisionMs: provisioned - asked, cleanupMs: performance.now() - provisioned };
}

interface Throughput {
  /** Sessions that ended cleanly, per second from the first start to the last end. */
  readonly rate: number;
  /** Why the others failed (each was rolled back by the lifecycle). */
  readonly failures: readonly string[];
}

/** CONCURRENT sessions started at once, each ended as soon as it is Active. */
async function concurrentSessions(
  bench: BenchCore,
  plugin: BenchPluginId,
  accounts: Set<string>,
): Promise<Throughput> {
  const began = performance.now();
  const outcomes = await Promise.allSettled(
    Array.from({ length: CONCURRENT }, async () => {
      const started = (await bench.call('sessions.start', {
        credentialId: bench.credentials[plugin],
      })) as Session;
      accounts.add(`${plugin}:${started.account}`);
      try {
        await bench.watcher.reach(started.id, 'active', 180_000);
        await bench.call('sessions.end', { id: started.id });
        await bench.watcher.reach(started.id, 'ended', 180_000);
      } catch (error) {
        throw new Error(await failureOf(bench, started.id, error));
      }
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [String(o.reason)] : []));
  return { rate: (CONCURRENT - failures.length) / seconds, failures };
}

/** A failed session's error and its last operation's (masked) error, to print. */
async function failureOf(bench: BenchCore, id: string, error: unknown): Promise<string> {
  await bench.core.sessions.idle();
  const session = bench.core.sessions.get(id);
  const operationId = session.operationIds.at(-1);
  const operation =
    operationId === undefined
      ? undefined
      : ((await bench.call('operations.get', { id: operationId }).catch(() => undefined)) as
          { attempts: { error: string | null }[] } | undefined);
  const detail = operation?.attempts.at(-1)?.error ?? '';
  const why = [session.error ?? '', ...detail.split('\n').slice(0, 3)].filter((t) => t !== '').join(' | ');
  return `${error instanceof Error ? error.message : String(error)}; ${session.state}: ${why}`;
}

/** Bare `pg`: connect, CONCURRENT times CREATE ROLE + DROP ROLE on that one connection, end. */
async function barePostgres(lab: LabDetails['postgres']): Promise<number> {
  const began = performance.now();
  const client = new pg.Client({
    host: lab.host,
    port: lab.port,
    user: lab.adminUser,
    password: lab.adminPassword,
    database: lab.database,
  });
  await client.connect();
  try {
    for (let i = 0; i < CONCURRENT; i++) {
      const role = client.escapeIdentifier(ephemeralUsername('pgbench', randomInt));
      await client.query(`CREATE ROLE ${role} LOGIN PASSWORD ${client.escapeLiteral(randomUUID())}`);
      await client.query(`DROP ROLE ${role}`);
    }
  } finally {
    await client.end();
  }
  return CONCURRENT / ((performance.now() - began) / 1000);
}

/**
 * PostgreSQL Enable/Disable sessions, one after the other, on a NOLOGIN role of its own: the enable
 * template, then the disable template and the role's live sessions ended (no target of its own:
 * printed beside the cleanup target).
 */
async function enableDisableSessions(bench: BenchCore, lab: LabDetails['postgres']): Promise<void> {
  const role = { username: ephemeralUsername('benchapp', randomInt), password: randomUUID() };
  const admin = new pg.Client({
    host: lab.host,
    port: lab.port,
    user: lab.adminUser,
    password: lab.adminPassword,
    database: lab.database,
  });
  await admin.connect();
  const name = admin.escapeIdentifier(role.username);
  try {
    await admin.query(`CREATE ROLE ${name} NOLOGIN PASSWORD ${admin.escapeLiteral(role.password)}`);
    const credentialId = await bench.enableDisable(role);
    const timings: Timing[] = [];
    for (let i = 0; i < WARM_UP + iterations('postgresql'); i++) {
      const asked = performance.now();
      const started = (await bench.call('sessions.start', { credentialId })) as Session;
      const active = await bench.watcher.reach(started.id, 'active');
      const ending = performance.now();
      await bench.call('sessions.end', { id: started.id });
      const ended = await bench.watcher.reach(started.id, 'ended');
      if (i >= WARM_UP) timings.push({ provisionMs: active - asked, cleanupMs: ended - ending });
    }
    const prov = timings.map((t) => t.provisionMs);
    const clean = timings.map((t) => t.cleanupMs);
    console.log(`postgresql Enable/Disable (n=${timings.length}, sequential)`);
    console.log(
      `  provisioning (start to Active): p50 ${fmt(median(prov))} ms, p95 ${fmt(p95(prov))} ms (no target of its own)`,
    );
    console.log(
      `  cleanup (end to disabled and verified): p50 ${fmt(median(clean))} ms, p95 ${fmt(p95(clean))} ms (target <= ${TARGET_CLEANUP_MS} ms) ${verdict(p95(clean) <= TARGET_CLEANUP_MS)}`,
    );
  } finally {
    await admin.query(`DROP ROLE IF EXISTS ${name}`).catch(() => undefined);
    await admin.end();
  }
}

// --- the run ---

interface PluginFigures {
  readonly lifecycle: Timing[];
  readonly own: Timing[];
}

async function sequential(
  bench: BenchCore,
  runtime: PluginRuntime,
  plugin: BenchPluginId,
  accounts: Set<string>,
): Promise<PluginFigures> {
  const lifecycle: Timing[] = [];
  const own: Timing[] = [];
  for (let i = 0; i < WARM_UP + iterations(plugin); i++) {
    // Alternate which goes first, so load from elsewhere on the machine hits both alike.
    const order = i % 2 === 0 ? (['lifecycle', 'own'] as const) : (['own', 'lifecycle'] as const);
    for (const which of order) {
      const measured = i >= WARM_UP;
      if (which === 'lifecycle') {
        profileOn = profiling && measured;
        const timing = await lifecycleSession(bench, plugin, accounts).finally(() => (profileOn = false));
        if (measured) lifecycle.push(timing);
      } else {
        const timing = await pluginOwnSession(bench, runtime, plugin, accounts);
        if (measured) own.push(timing);
      }
    }
  }
  return { lifecycle, own };
}

function printSequential(plugin: BenchPluginId, { lifecycle, own }: PluginFigures): void {
  const pick = (timings: Timing[], key: keyof Timing) => timings.map((t) => t[key]);
  const lcProv = pick(lifecycle, 'provisionMs');
  const ownProv = pick(own, 'provisionMs');
  const lcClean = pick(lifecycle, 'cleanupMs');
  const ownClean = pick(own, 'cleanupMs');
  const provAdded = median(lcProv) - median(ownProv);
  const cleanAdded = median(lcClean) - median(ownClean);
  console.log(`${plugin} (n=${lifecycle.length}, sequential)`);
  console.log(
    `  provisioning (start to Active): p50 ${fmt(median(lcProv))} ms, p95 ${fmt(p95(lcProv))} ms; plugin's own runs p50 ${fmt(median(ownProv))} ms, p95 ${fmt(p95(ownProv))} ms`,
  );
  console.log(
    `    lifecycle adds ${fmt(provAdded)} ms at p50 (target <= ${TARGET_OVERHEAD_MS} ms) ${verdict(provAdded <= TARGET_OVERHEAD_MS)}`,
  );
  console.log(
    `  cleanup (end to gone and verified): p50 ${fmt(median(lcClean))} ms, p95 ${fmt(p95(lcClean))} ms (target <= ${TARGET_CLEANUP_MS} ms) ${verdict(p95(lcClean) <= TARGET_CLEANUP_MS)}; plugin's own runs p50 ${fmt(median(ownClean))} ms`,
  );
  console.log(
    `    lifecycle adds ${fmt(cleanAdded)} ms at p50 (target <= ${TARGET_OVERHEAD_MS} ms) ${verdict(cleanAdded <= TARGET_OVERHEAD_MS)}`,
  );
}

function printProfile(plugin: BenchPluginId, sessions: number, how = 'sequential'): void {
  if (!profiling) return;
  console.log(`  where a session's time goes (mean per session over ${sessions}, ${how}):`);
  for (const [label, { ms, calls }] of [...spent.entries()].sort((a, b) => b[1].ms - a[1].ms)) {
    console.log(`    ${label}: ${fmt(ms / sessions)} ms in ${(calls / sessions).toFixed(1)} call(s)`);
  }
  spent.clear();
}

function printFailures(failures: readonly string[]): void {
  if (failures.length === 0) return;
  console.log(`    ${failures.length} of ${CONCURRENT} sessions failed (not counted), e.g.:`);
  for (const failure of [...new Set(failures)].slice(0, 3)) console.log(`      ${failure}`);
}

/** SSH accounts are real accounts of this machine: whatever a failed run left is removed. */
async function removeSshLeftovers(lab: LabDetails['ssh'], accounts: Set<string>): Promise<void> {
  const names = [...accounts].filter((a) => a.startsWith('ssh:')).map((a) => a.slice('ssh:'.length));
  if (names.length === 0) return;
  const root = await sshConnect({
    host: lab.host,
    port: lab.port,
    username: lab.adminUser,
    privateKey: lab.privateKey,
  });
  try {
    const script = names
      .map(
        (n) =>
          `getent passwd ${n} >/dev/null && { echo ${n}; pkill -KILL -u ${n}; userdel --force --remove ${n}; }`,
      )
      .join('; ');
    const left = await sshExec(root, `${script}; true`);
    if (left.stdout.trim() !== '')
      console.log(`removed leftover SSH accounts: ${left.stdout.trim().split('\n').join(', ')}`);
  } finally {
    await sshClose(root);
  }
}

/**
 * The CPU a concurrent session takes, against bare pg's pair: with two CPUs shared by the core and
 * the server, their sum per session bounds the throughput, whatever the concurrency.
 */
function printCpu(ours: readonly CpuSpent[], bare: readonly CpuSpent[], loginsPerRound: number): void {
  const perItem = (spent: readonly CpuSpent[], pick: (s: CpuSpent) => number | null): string => {
    const values = spent.map(pick);
    if (values.some((v) => v === null)) return 'n/a';
    return fmt(median(values as number[]) / CONCURRENT);
  };
  console.log(
    `    CPU per session (median of rounds): core ${perItem(ours, (s) => s.processMs)} ms, PostgreSQL server ${perItem(ours, (s) => s.serverMs)} ms; bare pg per pair: client ${perItem(bare, (s) => s.processMs)} ms, server ${perItem(bare, (s) => s.serverMs)} ms`,
  );
  console.log(
    `    new logins to the server per round of ${CONCURRENT} sessions: ${fmt(loginsPerRound)} (bare pg: 1)`,
  );
}

async function measurePlugin(
  bench: BenchCore,
  lab: LabDetails,
  runtime: PluginRuntime,
  plugin: BenchPluginId,
  accounts: Set<string>,
): Promise<void> {
  const figures = await sequential(bench, runtime, plugin, accounts);
  printSequential(plugin, figures);
  printProfile(plugin, figures.lifecycle.length);
  if (plugin === 'postgresql') {
    await countPgLogins((logins) => compareWithBarePostgres(bench, lab, plugin, accounts, logins));
    await enableDisableSessions(bench, lab.postgres);
  } else {
    const { rate, failures } = await concurrentSessions(bench, plugin, accounts);
    console.log(`  throughput at ${CONCURRENT} concurrent sessions: ${fmt(rate)} sessions/s (no target)`);
    printFailures(failures);
  }
}

/** Our sessions' throughput against bare pg's, in alternating rounds, so both see the same machine. */
async function compareWithBarePostgres(
  bench: BenchCore,
  lab: LabDetails,
  plugin: BenchPluginId,
  accounts: Set<string>,
  logins: () => number,
): Promise<void> {
  const ours: number[] = [];
  const bare: number[] = [];
  const oursCpu: CpuSpent[] = [];
  const bareCpu: CpuSpent[] = [];
  let oursLogins = 0;
  for (let round = 0; round < PG_ROUNDS; round++) {
    const bareRound = await cpuOf('postgres', () => barePostgres(lab.postgres));
    bare.push(bareRound.result);
    bareCpu.push(bareRound.spent);
    // The last round is profiled: its calls overlap, so their times add up to more than it took.
    const profiled = profiling && round === PG_ROUNDS - 1;
    const loop = monitorEventLoopDelay({ resolution: 1 });
    if (profiled) loop.enable();
    profileOn = profiled;
    const began = performance.now();
    const loginsBefore = logins();
    const oursRound = await cpuOf('postgres', () => concurrentSessions(bench, plugin, accounts)).finally(
      () => (profileOn = false),
    );
    oursLogins += logins() - loginsBefore;
    oursCpu.push(oursRound.spent);
    const { rate, failures } = oursRound.result;
    ours.push(rate);
    printFailures(failures);
    if (profiled) {
      loop.disable();
      console.log(
        `  round ${round + 1} of ${CONCURRENT} concurrent sessions took ${fmt(performance.now() - began)} ms; the event loop lagged up to ${fmt(loop.max / 1e6)} ms (mean ${fmt(loop.mean / 1e6)} ms)`,
      );
      printProfile(plugin, CONCURRENT, 'summed over overlapping calls');
    }
  }
  const ratio = median(ours) / median(bare);
  console.log(
    `  throughput at ${CONCURRENT} concurrent sessions: ${fmt(median(ours))} sessions/s (median of ${PG_ROUNDS} rounds)`,
  );
  console.log(
    `    bare pg CREATE ROLE + DROP ROLE on one connection: ${fmt(median(bare))} pairs/s; ratio ${ratio.toFixed(2)} (target >= ${TARGET_PG_RATIO}) ${verdict(ratio >= TARGET_PG_RATIO)}`,
  );
  printCpu(oursCpu, bareCpu, oursLogins / PG_ROUNDS);
}

async function main(): Promise<void> {
  installSignalCleanup();
  const began = performance.now();
  const lab = await startLab({ only: ['ssh', 'postgres', 'mariadb', 'ldap'] });
  const accounts = new Set<string>();
  let bench: BenchCore | undefined;
  try {
    bench = await openBenchCore(lab.details);
    // Fresh runtimes for the plugins' own runs (the core's host key check is replaced by trust:
    // the core's is a map lookup).
    const registry = createPluginRegistry({ sshHostKeyCheck: () => Promise.resolve(true) });
    const runtime = (plugin: BenchPluginId): PluginRuntime => {
      const found = registry.get(plugin);
      if (!found) throw new Error(`no ${plugin} plugin`);
      return found;
    };
    if (profiling) installProfile(benchPlugins.map(runtime));
    console.log(
      `lab and core up in ${fmt((performance.now() - began) / 1000)} s; ${WARM_UP} warm-up pairs per plugin; concurrency ${CONCURRENT}`,
    );
    for (const plugin of only) {
      await measurePlugin(bench, lab.details, runtime(plugin), plugin, accounts).catch((error: unknown) => {
        console.log(
          `${plugin}: the bench could not finish: ${error instanceof Error ? error.message : String(error)}`,
        );
        process.exitCode = 1;
      });
    }
    const live = bench.core.sessions.list({ live: true }, 0, 1000);
    if (live.total > 0) console.log(`${live.total} session(s) not ended at the end of the bench`);
  } finally {
    await bench?.close();
    await removeSshLeftovers(lab.details.ssh, accounts).catch((error: unknown) =>
      console.error(`could not check for leftover SSH accounts: ${String(error)}`),
    );
    await lab.stop();
  }
  console.log(`lifecycle bench done in ${fmt((performance.now() - began) / 1000)} s`);
}

await main();
