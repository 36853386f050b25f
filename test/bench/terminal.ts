// `npx tsx test/bench/terminal.ts [--n N]`: a JIT session's terminal through the real core
// (createCore, terminal.open on a stream, the core's and the renderer's stream muxes back to back)
// against the lab's sshd, which it starts itself, side by side with a bare `ssh -tt` to the same
// server (root, by the lab's key) in one run:
//  - keystroke round trip: one key sent to its echo received, p50/p95 (target: within 1.5x bare);
//  - throughput: `seq 1 1000000` (7.9 MB through the PTY) from Enter to its last line.
// It prints figures; it never fails on them.

import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore } from '../../electron/core/compose';
import type { CallContext } from '../../electron/core/handler-types';
import { confBackendFactory } from '../../electron/storage/conf-backend';
import { StreamMux } from '../../shared/contract/streams';
import type { Session } from '../../shared/domain/session';
import { installSignalCleanup } from '../lab/index';
import { startSsh } from '../lab/ssh';
import { makeTempDir } from '../support/temp-dir';
import { median, p95 } from './stats';

const args = process.argv.slice(2);
const at = args.indexOf('--n');
const keystrokes = at >= 0 ? Number(args[at + 1]) : 200;
const seqLines = 1_000_000;

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
  readonly out: Output;
  write(keys: string): void;
  close(): void;
}

async function measure(name: string, tty: Tty): Promise<{ p50: number; p95: number; seqMs: number }> {
  // The first prompt: the JIT account's `$ `, root's `# `.
  await Promise.race([tty.out.until('$ ', 0), tty.out.until('# ', 0)]);
  // A prompt both shells share, so that the waits below match the same text.
  tty.write("PS1='bench> '\r");
  await tty.out.until('bench> ', 0);
  const rtts: number[] = [];
  for (let i = 0; i < keystrokes + 10; i++) {
    const from = tty.out.length;
    const started = performance.now();
    tty.write('x');
    await tty.out.until('x', from);
    if (i >= 10) rtts.push(performance.now() - started);
  }
  tty.write('\u0015'); // Ctrl-U: the line of x's goes
  const from = tty.out.length;
  const started = performance.now();
  tty.write(`seq 1 ${seqLines}; echo "seq-""end"\r`);
  await tty.out.until('seq-end', from);
  const seqMs = performance.now() - started;
  const result = { p50: median(rtts), p95: p95(rtts), seqMs };
  console.log(
    `${name}: keystroke round trip p50 ${result.p50.toFixed(2)} ms, p95 ${result.p95.toFixed(2)} ms; ` +
      `seq 1 ${seqLines} in ${seqMs.toFixed(0)} ms (${((tty.out.length - from) / 1e6 / (seqMs / 1000)).toFixed(1)} MB/s)`,
  );
  return result;
}

async function main(): Promise<void> {
  installSignalCleanup();
  const lab = await startSsh();
  const dir = makeTempDir('jit-bench-terminal-');
  const passphraseFile = join(dir.path, 'passphrase');
  writeFileSync(passphraseFile, 'bench passphrase\n', { mode: 0o600 });
  const core = createCore({
    dataDir: join(dir.path, 'data'),
    shell: 'browser',
    createBackend: confBackendFactory,
  });
  try {
    await core.unlockWithPassphraseFile(passphraseFile);
    await core.ready;
    const ctx: CallContext = { transport: 'internal', actor: 'bench' };
    const call = async (method: string, input: unknown, context = ctx): Promise<unknown> => {
      const result = await core.dispatcher.dispatch(method, input, context);
      if (!result.ok) throw new Error(`${method}: ${result.message}`);
      return result.value;
    };
    const { host, port, adminUser, privateKey, privateKeyPath, knownHostsPath } = lab.details;
    const device = (await call('devices.save', {
      device: { name: 'ssh-lab', address: host, type: 'Server', connectivity: [{ protocol: 'SSH', port }] },
    })) as { id: number };
    const root = (await call('credentials.save', {
      credential: { username: adminUser, type: 'Local administrator', deviceId: device.id },
      password: { action: 'keep' },
      key: { action: 'set', privateKey, passphrase: '' },
    })) as { id: number };
    const template = (name: string) => core.inventory.templates.list().find((t) => t.name === name)?.id;
    const credential = (await call('credentials.save', {
      credential: {
        username: 'bench-terminal',
        type: 'Local user',
        deviceId: device.id,
        jit: {
          enabled: true,
          type: 'create_delete',
          authCredentialId: root.id,
          createPluginId: 'ssh',
          createTemplateId: template('Linux: create JIT account'),
          deletePluginId: 'ssh',
          deleteTemplateId: template('Linux: delete JIT account'),
        },
      },
      password: { action: 'keep' },
    })) as { id: number };
    const started = (await call('sessions.start', { credentialId: credential.id })) as Session;
    for (let s = core.sessions.get(started.id); s.state !== 'active'; s = core.sessions.get(started.id)) {
      if (s.state !== 'requested' && s.state !== 'provisioning')
        throw new Error(`session ${s.state}: ${s.error ?? ''}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    // The app's terminal: the renderer's mux acks each chunk as soon as it has it (a fast page).
    const ends: { renderer?: StreamMux } = {};
    const coreMux = new StreamMux((frame) => queueMicrotask(() => ends.renderer?.receive(frame)));
    const renderer = new StreamMux((frame) => queueMicrotask(() => coreMux.receive(frame)), {
      acceptUnknown: true,
    });
    ends.renderer = renderer;
    const { streamId } = (await call(
      'terminal.open',
      { sessionId: started.id, size: { cols: 120, rows: 40 } },
      { ...ctx, transport: 'websocket', streams: coreMux },
    )) as { streamId: number };
    const stream = renderer.attach(streamId);
    const appOut = new Output();
    const decoder = new TextDecoder();
    stream.onData((bytes, done) => {
      appOut.add(decoder.decode(bytes, { stream: true }));
      done();
    });
    const encoder = new TextEncoder();
    const app: Tty = {
      out: appOut,
      write: (k) => stream.write(encoder.encode(k)),
      close: () => stream.close(),
    };

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
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    const bareOut = new Output();
    child.stdout.on('data', (chunk: Buffer) => bareOut.add(chunk.toString('utf8')));
    const bare: Tty = { out: bareOut, write: (k) => child.stdin.write(k), close: () => child.kill() };

    console.log(`terminal bench: ${keystrokes} keystrokes each, then seq 1 ${seqLines}`);
    const bareFigures = await measure('bare ssh -tt   ', bare);
    const appFigures = await measure('JIT terminal   ', app);
    console.log(
      `ratio (terminal / bare): round trip p50 ${(appFigures.p50 / bareFigures.p50).toFixed(2)}x, ` +
        `p95 ${(appFigures.p95 / bareFigures.p95).toFixed(2)}x (target <= 1.5x); ` +
        `seq ${(appFigures.seqMs / bareFigures.seqMs).toFixed(2)}x`,
    );
    bare.close();
    app.close();
    await call('sessions.end', { id: started.id });
    for (
      let s = core.sessions.get(started.id);
      s.state === 'ending' || s.state === 'active';
      s = core.sessions.get(started.id)
    )
      await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    await core.shutdown();
    await lab.stop();
    dir.remove();
  }
}

await main();
