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

/** The real browser host (`npm run serve` runs the same file, built), as a process of its own. */
function startHost(dataDir: string): Host {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', serve, '--port', '0', '--no-open', '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
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
