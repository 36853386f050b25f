import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/compose';
import { startBrowserHost, type BrowserHost } from '../../../electron/host/browser-host';
import { launcherFileName, openInChromiumApp } from '../../../electron/host/open-browser';
import { confBackendFactory } from '../../../electron/storage/conf-backend';
import { connect, wireClient } from '../../support/host-client';
import { makeTempDir } from '../../support/temp-dir';

let dir: ReturnType<typeof makeTempDir>;
let core: Core;
let host: BrowserHost;
let token: string;

beforeAll(async () => {
  dir = makeTempDir();
  const rendererDir = join(dir.path, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>JIT</title>');
  core = createCore({ dataDir: join(dir.path, 'data'), shell: 'browser', createBackend: confBackendFactory });
  host = await startBrowserHost({ core, rendererDir, port: 0 });
  token = new URL(host.url).hash.replace('#token=', '');
});

afterAll(async () => {
  await host.close();
  await core.shutdown();
  dir.remove();
});

/**
 * A stand-in for Chromium that records what every local user could read of it: its command line
 * (`ps`, /proc/PID/cmdline) and its environment.
 */
function fakeChromium(name: string): { path: string; recorded: () => { argv: string[]; env: string } } {
  const out = join(dir.path, name);
  mkdirSync(out);
  const path = join(out, 'chromium');
  writeFileSync(
    path,
    [
      '#!/bin/sh',
      `cat /proc/$$/cmdline > '${out}/cmdline.tmp'`,
      `cat /proc/$$/environ > '${out}/environ.tmp'`,
      `mv '${out}/cmdline.tmp' '${out}/cmdline' && mv '${out}/environ.tmp' '${out}/environ'`,
      '',
    ].join('\n'),
    { mode: 0o700 },
  );
  return {
    path,
    recorded: () => ({
      argv: readFileSync(join(out, 'cmdline'), 'utf8').split('\0'),
      env: readFileSync(join(out, 'environ'), 'utf8'),
    }),
  };
}

const appPath = (argv: readonly string[]) => {
  const app = argv.find((a) => a.startsWith('--app='));
  if (!app) throw new Error('no --app argument');
  return fileURLToPath(app.slice('--app='.length));
};

describe('opening the browser host in Chromium', () => {
  it('keeps the session token off the command line and out of the environment', async () => {
    const chromium = fakeChromium('plain');
    const dataDir = join(dir.path, 'data-plain');
    const opened = openInChromiumApp(host.url, dataDir, chromium.path);
    await expect.poll(() => existsSync(join(dirname(chromium.path), 'environ'))).toBe(true);
    const { argv, env } = chromium.recorded();

    expect(argv.join(' ')).not.toContain(token);
    expect(env).not.toContain(token);
    // Chromium is sent to the launcher page, which only this user can read.
    const launcher = appPath(argv);
    expect(opened).toEqual({ launcher });
    expect(launcher).toBe(join(dataDir, 'chromium-profile', launcherFileName));
    expect(statSync(launcher).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(launcher)).mode & 0o777).toBe(0o700);
    expect(argv).toContain(`--user-data-dir=${dirname(launcher)}`);
  });

  it('the launcher page leads to the address, whose token opens a working session', async () => {
    const chromium = fakeChromium('follow');
    const opened = openInChromiumApp(host.url, join(dir.path, 'data-follow'), chromium.path);
    const page = readFileSync(opened?.launcher ?? '', 'utf8');
    expect(page).toContain(`location.replace(${JSON.stringify(host.url)})`);
    expect(page).toContain(`content="0;url=${host.url}"`);

    const target = new URL(/location\.replace\("([^"]+)"\)/.exec(page)?.[1] ?? '');
    const socket = await connect(`ws://${target.host}/rpc?token=${target.hash.replace('#token=', '')}`, {
      Origin: target.origin,
    });
    if (!('socket' in socket)) throw new Error(`refused with ${socket.refused}`);
    expect(await wireClient(socket.socket).call('app.info')).toMatchObject({ ok: true });
    socket.socket.terminate();
  });

  it('tightens a profile directory others can read, and does not write through a planted symlink', () => {
    const dataDir = join(dir.path, 'data-hostile');
    const profile = join(dataDir, 'chromium-profile');
    mkdirSync(profile, { recursive: true });
    chmodSync(profile, 0o755);
    const elsewhere = join(dir.path, 'elsewhere.txt');
    writeFileSync(elsewhere, 'untouched');
    symlinkSync(elsewhere, join(profile, launcherFileName));

    const opened = openInChromiumApp(host.url, dataDir, fakeChromium('hostile').path);

    expect(statSync(profile).mode & 0o777).toBe(0o700);
    expect(lstatSync(opened?.launcher ?? '').isSymbolicLink()).toBe(false);
    expect(readFileSync(elsewhere, 'utf8')).toBe('untouched');
  });
});
