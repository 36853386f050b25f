// `npx tsx test/bench/terminal.ts [--n N] [--in-process]` (or `npm run bench -- terminal`): a JIT
// session's terminal as a user of the browser host gets it, side by side with a bare `ssh -tt` to
// the same server (the lab's sshd, root by the lab's key, in sh as the JIT account), in one run:
//  - keystroke round trip: one key sent to its echo received, p50/p95 (target: within 1.5x bare);
//    the keystrokes alternate, one on bare ssh, one on the app, so both see the same machine at the
//    same moment (a burst of other work on the machine lands on both), after warm-up ones (below);
//  - throughput: `seq 1 1000000` (7.9 MB through the PTY) from Enter to its last line, each in turn.
// What is measured: the core runs where it runs for a user, in its own process (the built
// `dist/electron/serve.js`, built here if stale), and this script is the page: it sets everything
// up through the host's WebSocket as the page does (vault, device, root credential with the lab's
// key, JIT credential, sessions.start, terminal.open) and carries the terminal's bytes in the
// binary stream frames of that same socket (ws-client.ts). The renderer is another process
// (Chromium) in the product, so the figure must not share the core's event loop with the
// harness's own decoding, waiting and garbage. xterm's drawing is not counted (in both columns,
// what is timed is bytes arriving at the client).
// --in-process: the former figure, kept for comparison: the core (createCore) in this process, the
// two stream multiplexers back to back (queueMicrotask), no socket and no process hop, but the
// harness's work on the core's event loop.
// It prints figures; it never fails on them. It ends the session (its account is a real user of
// this machine), stops the host and the lab and removes its temp dir, on a failure or Ctrl-C too.

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildIfStale } from '../../scripts/build.mjs';
import { createCore } from '../../electron/core/compose';
import { confBackendFactory } from '../../electron/storage/conf-backend';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import { StreamMux } from '../../shared/contract/streams';
import type { Session } from '../../shared/domain/session';
import type { Result } from '../../shared/result';
import { startHost } from '../e2e/support/host-process';
import { startSsh } from '../lab/ssh';
import type { SshDetails } from '../lab/types';
import { makeTempDir } from '../support/temp-dir';
import { pidCpuMs } from './cpu-meter';
import { measureHops } from './hop-floor';
import { median, p95 } from './stats';
import { connectRpc, valueOf, type RpcClient } from './ws-client';

const args = process.argv.slice(2);
const at = args.indexOf('--n');
const keystrokes = at >= 0 ? Number(args[at + 1]) : 2000;
const inProcess = args.includes('--in-process');
/**
 * Keystrokes each before the measured ones. The figure is the steady state of a host that has been
 * typed into: V8 compiles the path (ws, the stream mux, ssh2's packet) over its first thousand or
 * so keystrokes, and until then a round trip is about 0.1 ms slower (0.42 then 0.31, 0.27 ms at
 * p50 over successive 500s on 4 December). That cold start is printed too, on a line of its own:
 * the first `coldKeystrokes` after the first 10.
 */
const warmUp = 1500;
const coldKeystrokes = 500;
const seqLines = 1_000_000;
const targetRatio = 1.5;
const passphrase = 'bench passphrase';
/** How long the session may take to become Active, or to end (its templates run over SSH). */
const sessionWaitMs = 60_000;

/**
 * Text arriving from one terminal, and waits on it. Only a short tail is kept: searching a string
 * built by appending flattens it, and doing that per chunk made the bench itself quadratic (the
 * app's smaller chunks paid it far more often than bare ssh's).
 */
class Output {
  /** Characters received so far. */
  length = 0;
  /** The last characters received, enough for a needle split over two chunks. */
  #recent = '';
  #waiters: { needle: string; from: number; resolve: () => void }[] = [];
  add(chunk: string): void {
    const windowStart = this.length - this.#recent.length;
    const window = this.#recent + chunk;
    this.length += chunk.length;
    this.#waiters = this.#waiters.filter((w) => {
      const found = window.includes(w.needle, Math.max(0, w.from - windowStart));
      if (found) w.resolve();
      return !found;
    });
    this.#recent = window.slice(-256);
  }
  /** Resolves once `needle` appears after `from` (a position no older than the kept tail). */
  until(needle: string, from: number): Promise<void> {
    return new Promise((resolve) => {
      const windowStart = this.length - this.#recent.length;
      if (this.#recent.includes(needle, Math.max(0, from - windowStart))) resolve();
      else this.#waiters.push({ needle, from, resolve });
    });
  }
}

interface Tty {
  readonly name: string;
  readonly out: Output;
  /**
   * The process that carries this terminal's keys (the host, or the ssh client), whose CPU time
   * per keystroke is printed: a steadier figure than the round trip on a busy machine. None
   * --in-process (the core shares this process).
   */
  readonly pid: number | undefined;
  write(keys: string): void;
  close(): void;
}

/** The first prompt (the JIT account's `$ `, root's `# `), then one both shells share. */
async function prepare(tty: Tty): Promise<void> {
  await Promise.race([tty.out.until('$ ', 0), tty.out.until('# ', 0)]);
  tty.write("PS1='bench> '\r");
  await tty.out.until('bench> ', 0);
}

/** One key to its echo, in ms. */
async function keystroke(tty: Tty): Promise<number> {
  const from = tty.out.length;
  const started = performance.now();
  tty.write('x');
  await tty.out.until('x', from);
  return performance.now() - started;
}

/**
 * The line of x's is cleared every so many keystrokes: the JIT account's shell (sh, no line editing)
 * leaves the line to the PTY, which holds at most 4,095 characters of it.
 */
const lineKeystrokes = 1000;

/** Ctrl-U, and a keystroke not counted: it waits for the echo of the erasing before it. */
async function clearLine(tty: Tty): Promise<void> {
  tty.write('\u0015');
  await keystroke(tty);
}

/** `seq 1 N` from Enter to its last line: ms, and the characters that came. */
async function seq(tty: Tty): Promise<{ ms: number; chars: number }> {
  tty.write('\u0015'); // Ctrl-U: the line of x's goes
  const from = tty.out.length;
  const started = performance.now();
  tty.write(`seq 1 ${seqLines}; echo "seq-""end"\r`);
  await tty.out.until('seq-end', from);
  return { ms: performance.now() - started, chars: tty.out.length - from };
}

/** A contract call that must succeed (the bench stops with its message otherwise). */
async function must<M extends MethodName>(
  rpc: RpcClient,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  return valueOf(await rpc.call(method, input), method);
}

/** Waits until `done(state)`, asking sessions.get every 50 ms; fails on `failed` or the deadline. */
async function waitForSession(
  rpc: RpcClient,
  id: string,
  done: (s: Session) => boolean,
  failed: (s: Session) => boolean = () => false,
): Promise<Session> {
  const deadline = performance.now() + sessionWaitMs;
  for (;;) {
    const session = await must(rpc, 'sessions.get', { id });
    if (done(session)) return session;
    if (failed(session)) throw new Error(`session ${session.state}: ${session.error ?? ''}`);
    if (performance.now() > deadline)
      throw new Error(`session still ${session.state} after ${sessionWaitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * What the page does to get a terminal: the vault unlocked (set up, on a fresh data dir), the
 * device, its root credential with the lab's key, a JIT credential using the built-in Linux
 * templates, a session started and waited for until Active. `onSession` hears its id at once, so
 * that a failure after it still ends it.
 */
async function startSession(
  rpc: RpcClient,
  lab: SshDetails,
  onSession: (id: string) => void,
): Promise<Session> {
  const vault = await must(rpc, 'vault.status', undefined);
  if (vault.state === 'uninitialized') await must(rpc, 'vault.setup', { passphrase });
  else if (vault.state === 'locked') await must(rpc, 'vault.unlock', { passphrase });
  const { host, port, adminUser, privateKey } = lab;
  const device = await must(rpc, 'devices.save', {
    device: { name: 'ssh-lab', address: host, type: 'Server', connectivity: [{ protocol: 'SSH', port }] },
  });
  const root = await must(rpc, 'credentials.save', {
    credential: { username: adminUser, type: 'Local administrator', deviceId: device.id },
    password: { action: 'keep' },
    key: { action: 'set', privateKey, passphrase: '' },
  });
  // The built-in templates are installed as the core starts: asked until both are there.
  const deadline = performance.now() + sessionWaitMs;
  let templates = await must(rpc, 'templates.list', undefined);
  const named = (name: string) => templates.find((t) => t.name === name)?.id;
  while (
    named('Linux: create JIT account') === undefined ||
    named('Linux: delete JIT account') === undefined
  ) {
    if (performance.now() > deadline) throw new Error('the built-in Linux templates never appeared');
    await new Promise((resolve) => setTimeout(resolve, 50));
    templates = await must(rpc, 'templates.list', undefined);
  }
  const credential = await must(rpc, 'credentials.save', {
    credential: {
      username: 'bench-terminal',
      type: 'Local user',
      deviceId: device.id,
      jit: {
        enabled: true,
        type: 'create_delete',
        authCredentialId: root.id,
        createPluginId: 'ssh',
        createTemplateId: named('Linux: create JIT account'),
        deletePluginId: 'ssh',
        deleteTemplateId: named('Linux: delete JIT account'),
      },
    },
    password: { action: 'keep' },
  });
  const started = await must(rpc, 'sessions.start', { credentialId: credential.id });
  onSession(started.id);
  return waitForSession(
    rpc,
    started.id,
    (s) => s.state === 'active',
    (s) => s.state !== 'requested' && s.state !== 'provisioning',
  );
}

/** The session's terminal on the client's stream, acked as soon as it arrives (a fast page). */
async function openTerminal(rpc: RpcClient, sessionId: string, pid: number | undefined): Promise<Tty> {
  const { streamId } = await must(rpc, 'terminal.open', { sessionId, size: { cols: 120, rows: 40 } });
  const stream = rpc.stream(streamId);
  const out = new Output();
  const decoder = new TextDecoder();
  stream.onData((bytes, done) => {
    out.add(decoder.decode(bytes, { stream: true }));
    done();
  });
  const encoder = new TextEncoder();
  return {
    name: 'JIT terminal',
    out,
    pid,
    write: (keys) => stream.write(encoder.encode(keys)),
    close: () => stream.close(),
  };
}

function bareSsh(lab: SshDetails): Tty {
  const { host, port, adminUser, privateKeyPath, knownHostsPath } = lab;
  const child = spawn(
    'ssh',
    [
      '-tt',
      '-F',
      '/dev/null',
      '-p',
      String(port),
      '-i',
      privateKeyPath,
      '-o',
      `UserKnownHostsFile=${knownHostsPath}`,
      '-o',
      'StrictHostKeyChecking=yes',
      '-o',
      'LogLevel=ERROR',
      `${adminUser}@${host}`,
      // The JIT account's login shell is sh (useradd's default), which leaves echo to the PTY;
      // root's is bash, whose readline echoes each key itself (a process woken more per key).
      // The same shell on both sides.
      '/bin/sh',
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const out = new Output();
  child.stdout.on('data', (chunk: Buffer) => out.add(chunk.toString('utf8')));
  return {
    name: 'bare ssh -tt',
    out,
    pid: child.pid,
    write: (keys) => child.stdin.write(keys),
    close: () => child.kill(),
  };
}

/** The core as a client sees it: over the host's WebSocket, or (--in-process) in this process. */
interface CoreUnderTest {
  readonly rpc: RpcClient;
  readonly where: string;
  /** The core's own process, if it has one. */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

async function browserHost(dataDir: string): Promise<CoreUnderTest> {
  await buildIfStale();
  // The host watches its parent only under npm (electron/host/serve.ts), as `npm run bench` runs
  // this: the same when run directly, so that a host this script could not stop (killed) stops
  // itself and ends the session.
  process.env.npm_lifecycle_event ??= 'bench';
  const host = await startHost(dataDir);
  try {
    const rpc = await connectRpc(host.url);
    return {
      rpc,
      where: 'the browser host (dist/electron/serve.js) in its own process, over its WebSocket',
      pid: host.pid,
      stop: async () => {
        rpc.close();
        await host.stop();
      },
    };
  } catch (error) {
    await host.stop();
    throw error;
  }
}

/** The former bench: the core's and the renderer's muxes back to back, in this process. */
function inProcessCore(dataDir: string): CoreUnderTest {
  const core = createCore({ dataDir, shell: 'browser', createBackend: confBackendFactory });
  const ends: { renderer?: StreamMux } = {};
  const coreMux = new StreamMux((frame) => queueMicrotask(() => ends.renderer?.receive(frame)));
  const renderer = new StreamMux((frame) => queueMicrotask(() => coreMux.receive(frame)), {
    acceptUnknown: true,
  });
  ends.renderer = renderer;
  const context = { ...core.context('websocket'), streams: coreMux };
  const rpc: RpcClient = {
    call: async <M extends MethodName>(method: M, input: MethodInput<M>) => {
      await core.ready;
      return (await core.dispatcher.dispatch(method, input, context)) as Result<MethodOutput<M>>;
    },
    stream: (id) => renderer.attach(id),
    close: () => renderer.closeAll(),
  };
  return {
    rpc,
    where: 'the core in this process (--in-process), its stream mux wired back to back',
    pid: undefined,
    stop: async () => {
      rpc.close();
      await core.shutdown();
    },
  };
}

/**
 * Which crypto ssh2 runs on in this project (the host loads the same node_modules): its JavaScript,
 * a new Node cipher per packet, or its optional native binding, which `ignore-scripts` leaves
 * unbuilt (built by hand it made little difference warm: docs/testing.md).
 */
function sshCrypto(): string {
  const crypto = createRequire(import.meta.url)('ssh2/lib/protocol/crypto.js') as {
    bindingAvailable: boolean;
  };
  return crypto.bindingAvailable ? 'native' : 'JavaScript (its native binding is not built)';
}

const ratio = (app: number, bare: number) => app / bare;
const cpuMs = (tty: Tty) => (tty.pid === undefined ? null : pidCpuMs(tty.pid));
const verdict = (r: number) => (r <= targetRatio ? 'PASS' : 'MISS');

async function measure(bare: Tty, app: Tty): Promise<void> {
  await Promise.all([prepare(bare), prepare(app)]);
  const rtts = new Map<Tty, number[]>([
    [bare, []],
    [app, []],
  ]);
  const colds = new Map<Tty, number[]>([
    [bare, []],
    [app, []],
  ]);
  const cpuAtStart = new Map<Tty, number | null>();
  // One on bare ssh, one on the app, in turn, each first every other time.
  for (let i = 0; i < warmUp + keystrokes; i++) {
    if (i === warmUp) for (const tty of [bare, app]) cpuAtStart.set(tty, cpuMs(tty));
    for (const tty of i % 2 === 0 ? [bare, app] : [app, bare]) {
      if (i > 0 && i % lineKeystrokes === 0) await clearLine(tty);
      const ms = await keystroke(tty);
      if (i >= warmUp) rtts.get(tty)?.push(ms);
      else if (i >= 10 && i < 10 + coldKeystrokes) colds.get(tty)?.push(ms);
    }
  }
  const cpuPerKey = new Map<Tty, number>();
  for (const tty of [bare, app]) {
    const [before, after] = [cpuAtStart.get(tty), cpuMs(tty)];
    if (before != null && after != null) cpuPerKey.set(tty, (after - before) / keystrokes);
  }
  const seqs = new Map<Tty, { ms: number; chars: number }>();
  for (const tty of [bare, app]) seqs.set(tty, await seq(tty));

  const figures = (tty: Tty) => {
    const samples = rtts.get(tty) ?? [];
    const s = seqs.get(tty) ?? { ms: NaN, chars: 0 };
    return {
      p50: median(samples),
      p95: p95(samples),
      seqMs: s.ms,
      mbps: s.chars / 1e6 / (s.ms / 1000),
      cpu: cpuPerKey.get(tty),
    };
  };
  const b = figures(bare);
  const a = figures(app);
  for (const [tty, f] of [
    [bare, b],
    [app, a],
  ] as const) {
    console.log(
      `${tty.name.padEnd(13)}: keystroke round trip p50 ${f.p50.toFixed(2)} ms, p95 ${f.p95.toFixed(2)} ms` +
        (f.cpu === undefined ? '' : `, ${f.cpu.toFixed(3)} ms of its process's CPU`) +
        `; seq 1 ${seqLines} in ${f.seqMs.toFixed(0)} ms (${f.mbps.toFixed(1)} MB/s)`,
    );
  }
  const cold = (tty: Tty) => colds.get(tty) ?? [];
  const [c50, c95] = [median, p95].map((stat) => ratio(stat(cold(app)), stat(cold(bare))));
  console.log(
    `a fresh host's first ${coldKeystrokes} keystrokes (before the warm-up's end): terminal p50 ` +
      `${median(cold(app)).toFixed(2)} ms, p95 ${p95(cold(app)).toFixed(2)} ms; ratio p50 ` +
      `${(c50 ?? NaN).toFixed(2)}x, p95 ${(c95 ?? NaN).toFixed(2)}x (not the target's figure)`,
  );
  const r50 = ratio(a.p50, b.p50);
  const r95 = ratio(a.p95, b.p95);
  console.log(
    `ratio (terminal / bare): round trip p50 ${r50.toFixed(2)}x ${verdict(r50)}, ` +
      `p95 ${r95.toFixed(2)}x ${verdict(r95)} (target <= ${targetRatio}x); ` +
      `seq time ${ratio(a.seqMs, b.seqMs).toFixed(2)}x (MB/s ${ratio(a.mbps, b.mbps).toFixed(2)}x of bare)`,
  );
  if (inProcess) return;
  const hops = await measureHops(keystrokes);
  const extra = (stat: 'p50' | 'p95') => hops.ws[stat] - hops.pipe[stat];
  console.log(
    `the hop alone (no SSH): WebSocket echo to a Node process p50 ${hops.ws.p50.toFixed(3)} ms, ` +
      `p95 ${hops.ws.p95.toFixed(3)} ms; pipe echo through cat p50 ${hops.pipe.p50.toFixed(3)} ms, ` +
      `p95 ${hops.pipe.p95.toFixed(3)} ms: the page's WebSocket adds ${extra('p50').toFixed(3)} / ` +
      `${extra('p95').toFixed(3)} ms to each terminal round trip before the host runs any code of its own; ` +
      `the target allows ${(b.p50 * (targetRatio - 1)).toFixed(3)} / ${(b.p95 * (targetRatio - 1)).toFixed(3)} ms in all`,
  );
}

/** Runs every step, even after one failed; what failed is thrown at the end. */
async function cleanUp(steps: (() => Promise<void> | void)[]): Promise<void> {
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length === 1 && failures[0] instanceof Error) throw failures[0];
  if (failures.length > 0) throw new AggregateError(failures, 'the clean-up failed');
}

/**
 * Ctrl-C (or SIGTERM, SIGHUP) runs the same clean-up as the end of a run, then exits: the
 * session's account is a real user of this machine, and only the session's end removes it (its
 * deletion template, over the lab's sshd, which must still be up). Further signals are ignored
 * meanwhile: a Ctrl-C reaches this process twice (from the terminal, and relayed by tsx), and
 * stopping at the second would leave the account. The waits are bounded (sessionWaitMs).
 */
function cleanUpOnSignals(finish: () => Promise<void>): void {
  let signalled = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (signalled) return;
      signalled = true;
      console.error(`${signal}: ending the session and stopping`);
      void finish()
        .catch((error: unknown) => console.error(error))
        .finally(() => process.exit(1));
    });
  }
}

async function main(): Promise<void> {
  let lab: Awaited<ReturnType<typeof startSsh>> | undefined;
  const dir = makeTempDir('jit-bench-terminal-');
  let core: CoreUnderTest | undefined;
  let sessionId: string | undefined;
  const ttys: Tty[] = [];
  let finishing: Promise<void> | undefined;
  const finish = () =>
    (finishing ??= cleanUp([
      ...ttys.map((tty) => () => tty.close()),
      async () => {
        const rpc = core?.rpc;
        if (!rpc || sessionId === undefined) return;
        const id = sessionId;
        await must(rpc, 'sessions.end', { id });
        await waitForSession(rpc, id, (s) => s.state !== 'active' && s.state !== 'ending');
      },
      () => core?.stop(),
      () => lab?.stop(),
      () => dir.remove(),
    ]));
  cleanUpOnSignals(finish);
  try {
    lab = await startSsh();
    const dataDir = join(dir.path, 'data');
    core = inProcess ? inProcessCore(dataDir) : await browserHost(dataDir);
    const session = await startSession(core.rpc, lab.details, (id) => (sessionId = id));
    const app = await openTerminal(core.rpc, session.id, core.pid);
    ttys.push(app);
    const bare = bareSsh(lab.details);
    ttys.push(bare);
    const [load] = loadavg();
    console.log(
      `terminal bench: ${keystrokes} keystrokes each (after ${warmUp} warm-up), alternating, then ` +
        `seq 1 ${seqLines} each; core: ${core.where}; ssh2's crypto: ${sshCrypto()}; ` +
        `${availableParallelism()} CPUs, load average ${(load ?? 0).toFixed(2)}`,
    );
    await measure(bare, app);
  } finally {
    await finish();
  }
}

await main();
