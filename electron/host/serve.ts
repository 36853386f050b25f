/**
 * The browser host's command line: `npm run serve -- [--port N] [--data-dir DIR] [--no-open]`.
 * Prints one line `Open: http://127.0.0.1:N/#token=...` and runs until SIGINT, SIGTERM or SIGHUP, or
 * until the process that started it is gone.
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core/compose';
import { defaultDataDir } from '../platform/data-dir';
import { lockDataDir } from '../platform/data-dir-lock';
import { watchParent } from '../platform/parent-watch';
import { confBackendFactory } from '../storage/conf-backend';
import { UsageError } from '../platform/usage-error';
import { hostUsage, parseHostArgs } from './args';
import { startBrowserHost } from './browser-host';
import { openInChromiumApp } from './open-browser';

async function main(): Promise<void> {
  const args = parseHostArgs(process.argv.slice(2));
  const dataDir = args.dataDir ?? defaultDataDir();
  // One process per data dir: a second one is refused here, naming the holder's pid.
  const lock = lockDataDir(dataDir);
  process.on('exit', () => lock.release());
  const core = createCore({ dataDir, shell: 'browser', createBackend: confBackendFactory });
  // The bundle lives in dist/electron/; the renderer beside it in dist/renderer/.
  const rendererDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
  if (args.passphraseFile) await core.unlockWithPassphraseFile(args.passphraseFile);
  const host = await startBrowserHost({ core, rendererDir, port: args.port });

  console.log(`Open: ${host.url}`);
  console.log(`Data: ${dataDir}`);
  const chromiumWindow = args.open ? openInChromiumApp(host.url, dataDir) : undefined;
  if (args.open && !chromiumWindow) console.log('No Chromium found: open the address above in a browser.');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Stopping (${signal})…`);
    // The launcher page holds this launch's token: it goes with the host.
    if (chromiumWindow) rmSync(chromiumWindow.launcher, { force: true });
    // Live JIT sessions are ended first (a bounded wait; the next start sweeps what is left).
    void host
      .close()
      .then(() => core.shutdown())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // The terminal it runs in was closed.
  process.on('SIGHUP', () => stop('SIGHUP'));
  // `npm run serve` stopped by its pid: npm's shell is gone and the signal never reached us. Only
  // under npm (it names the script it runs): started in the background by a script or launcher
  // that then ends (`node … &`, setsid, a desktop entry), the host is orphaned too, and must stay.
  if (process.env.npm_lifecycle_event !== undefined)
    watchParent(() => stop('the process that started it is gone'));
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n${hostUsage}`);
    process.exit(2);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
