/**
 * Starts the real shell (electron/shell/start.ts) against the Electron stand-in, on a fresh data
 * directory, with a built-looking dist/ (a renderer folder with an index.html and one script).
 * The calling test file installs the stand-in with vi.mock('electron', ...).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '../../../electron/core/compose';
import { startShell } from '../../../electron/shell/start';
import { makeTempDir } from '../../support/temp-dir';
import { app, StandInBrowserWindow } from './electron-stand-in';

export interface TestShell {
  readonly core: Core;
  readonly window: StandInBrowserWindow;
  readonly dataDir: string;
  /** The temp folder holding dist/ and the data dir. */
  readonly root: string;
  /** dist/electron: where the bundled main and the preload would be. */
  readonly here: string;
  /** Quits as Electron does (the shell ends its sessions first) and removes the temp folder. */
  quit(): Promise<void>;
}

export const indexHtml = '<!doctype html><title>JIT PAM</title><script src="/assets/app.js"></script>';
export const appScript = 'console.log("app");';

export function prepareDist(root: string): string {
  const renderer = join(root, 'dist', 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), indexHtml);
  writeFileSync(join(renderer, 'assets', 'app.js'), appScript);
  mkdirSync(join(root, 'dist', 'electron'), { recursive: true });
  return join(root, 'dist', 'electron');
}

export async function startTestShell(extraArgs: readonly string[] = []): Promise<TestShell> {
  const temp = makeTempDir('jit-shell-');
  const here = prepareDist(temp.path);
  const dataDir = join(temp.path, 'data');
  const started = startShell(['electron', join(here, 'main.js'), '--data-dir', dataDir, ...extraArgs], here);
  app.becomeReady();
  const core = await started;
  if (!core) throw new Error('the shell did not start');
  await core.ready;
  const window = StandInBrowserWindow.created[0];
  if (!window) throw new Error('the shell opened no window');
  return {
    core,
    window,
    dataDir,
    root: temp.path,
    here,
    quit: async () => {
      app.quit();
      await app.quitted();
      temp.remove();
    },
  };
}
