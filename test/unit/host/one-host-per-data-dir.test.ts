import { spawn, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockFileName } from '../../../electron/platform/data-dir-lock';
import { makeTempDir } from '../../support/temp-dir';

const serve = join(import.meta.dirname, '..', '..', '..', 'electron', 'host', 'serve.ts');

interface Host {
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  /** Resolves with the address once the host prints `Open:`; rejects if it exits first. */
  readonly opened: Promise<string>;
  readonly exited: Promise<{ code: number | null; output: string }>;
}

/**
 * The real browser host (`npm run serve` runs the same file, built), as a process of its own; or,
 * `underShell`, as npm runs a script: under `sh -c`, which stays its parent (`; true` keeps the
 * shell from exec'ing it), with the variable npm sets.
 */
function startHost(dataDir: string, underShell = false): Host {
  const host = [
    process.execPath,
    '--import',
    'tsx',
    serve,
    '--port',
    '0',
    '--no-open',
    '--data-dir',
    dataDir,
  ];
  // The test may itself run under npm (npm test): each start says whether npm is its starter.
  const { npm_lifecycle_event: _npm, ...notNpm } = process.env;
  const child = underShell
    ? spawn('sh', ['-c', '"$@"; true', 'sh', ...host], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...notNpm, npm_lifecycle_event: 'serve' },
      })
    : spawn(host[0] ?? process.execPath, host.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env: notNpm });
  let output = '';
  const exited = new Promise<{ code: number | null; output: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, output })),
  );
  const opened = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^Open: (\S+)$/m.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(() => reject(new Error(`the host exited:\n${output}`)));
  });
  opened.catch(() => undefined);
  started.push(child);
  return { child, opened, exited };
}

let temp: ReturnType<typeof makeTempDir>;
let started: ChildProcess[];
beforeEach(() => {
  temp = makeTempDir();
  started = [];
});
afterEach(async () => {
  await Promise.all(
    started
      .filter((child) => child.exitCode === null && child.signalCode === null)
      .map((child) => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM')))),
  );
  temp.remove();
});

describe('one browser host per data directory', () => {
  it('refuses a second host on the same data directory, naming the first one', async () => {
    const dataDir = join(temp.path, 'data');
    const first = startHost(dataDir);
    await first.opened;
    const second = startHost(dataDir);
    const outcome = await Promise.race([
      second.opened.then(
        () => 'started as well',
        () => 'refused',
      ),
      second.exited.then(() => 'refused'),
    ]);
    expect(outcome).toBe('refused');
    const { code, output } = await second.exited;
    expect(code).toBe(1);
    expect(output).toContain(`is in use by another JIT PAM process (pid ${first.child.pid}`);
    expect(output).not.toContain('Open:');
    // The first one is unaffected, and frees the directory when it stops.
    expect(first.child.exitCode).toBeNull();
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
    expect(existsSync(join(dataDir, lockFileName))).toBe(false);
  }, 60_000);

  it('takes over the lock of a host killed with kill -9', async () => {
    const dataDir = join(temp.path, 'data');
    const first = startHost(dataDir);
    await first.opened;
    first.child.kill('SIGKILL');
    await first.exited;
    const left = JSON.parse(readFileSync(join(dataDir, lockFileName), 'utf8')) as { pid: number };
    expect(left.pid).toBe(first.child.pid);
    const second = startHost(dataDir);
    await second.opened;
    const taken = JSON.parse(readFileSync(join(dataDir, lockFileName), 'utf8')) as { pid: number };
    expect(taken.pid).toBe(second.child.pid);
  }, 60_000);
});

/** Polls `done` every 50 ms until it holds; fails after 15 s (the watch looks once a second). */
async function until(what: string, done: () => boolean): Promise<void> {
  const end = Date.now() + 15_000;
  while (!done()) {
    if (Date.now() > end) throw new Error(`${what}: not within 15 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('stopping the browser host', () => {
  it('stops on SIGHUP (its terminal closed) and frees the directory', async () => {
    const dataDir = join(temp.path, 'data');
    const host = startHost(dataDir);
    await host.opened;
    host.child.kill('SIGHUP');
    const { code, output } = await host.exited;
    expect(code).toBe(0);
    expect(output).toContain('Stopping (SIGHUP)');
    expect(existsSync(join(dataDir, lockFileName))).toBe(false);
  }, 60_000);

  it('stops when the shell that started it is gone, as when npm run serve is stopped by its pid', async () => {
    const dataDir = join(temp.path, 'data');
    const shell = startHost(dataDir, true);
    await shell.opened;
    const { pid } = JSON.parse(readFileSync(join(dataDir, lockFileName), 'utf8')) as { pid: number };
    expect(pid).not.toBe(shell.child.pid);
    try {
      // What npm does with a SIGTERM to its own pid: it reaches the shell, which does not pass it on.
      shell.child.kill('SIGTERM');
      await shell.exited;
      await until('the host stopped', () => !alive(pid));
      expect(existsSync(join(dataDir, lockFileName))).toBe(false);
    } finally {
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
  }, 60_000);
});

describe('a browser host started in the background, not by npm', () => {
  it('keeps serving after the script that started it has ended', async () => {
    const dataDir = join(temp.path, 'data');
    const { npm_lifecycle_event: _npm, ...notNpm } = process.env;
    // A launcher script: starts the host in the background, waits (here: for a line), ends.
    const script = spawn(
      'sh',
      [
        '-c',
        '"$@" & read line',
        'sh',
        process.execPath,
        '--import',
        'tsx',
        serve,
        '--port',
        '0',
        '--no-open',
        '--data-dir',
        dataDir,
      ],
      { stdio: ['pipe', 'pipe', 'pipe'], env: notNpm },
    );
    started.push(script);
    let output = '';
    script.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    script.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await until('the host opened', () => output.includes('Open: '));
    const { pid } = JSON.parse(readFileSync(join(dataDir, lockFileName), 'utf8')) as { pid: number };
    try {
      script.stdin.end('done\n');
      await new Promise((resolve) => script.once('exit', resolve));
      // Orphaned now; the watch, were it on, would have looked three times by then.
      await new Promise((resolve) => setTimeout(resolve, 3500));
      expect(alive(pid)).toBe(true);
      expect(existsSync(join(dataDir, lockFileName))).toBe(true);
    } finally {
      if (alive(pid)) process.kill(pid, 'SIGTERM');
      await until('the host stopped', () => !alive(pid));
    }
  }, 60_000);
});
