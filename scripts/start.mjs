// `npm start [-- --data-dir DIR] [-- --port N]`: build what is stale, then run the Electron shell
// when its binary is present (fetching it once when missing), else the browser host, which opens
// Chromium in app mode when one is installed and otherwise prints the address to open.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from './build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');
// A failed fetch is remembered for a day so that an offline machine does not wait at every start.
const fetchMarker = join(root, 'node_modules', '.cache', 'jit-pam', 'electron-fetch-failed');
const dayMs = 24 * 60 * 60 * 1000;

/** @returns {string | undefined} the Electron binary, when installed */
function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

/** Runs electron's own install script (skipped by `ignore-scripts`), with a deadline. */
function fetchElectron() {
  if (existsSync(fetchMarker) && Date.now() - statSync(fetchMarker).mtimeMs < dayMs)
    return Promise.resolve(false);
  console.log("Electron's binary is missing; trying once to fetch it…");
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(electronDir, 'install.js')], {
      cwd: electronDir,
      stdio: 'ignore',
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0 && electronBinary()) return resolve(true);
      mkdirSync(dirname(fetchMarker), { recursive: true });
      writeFileSync(fetchMarker, new Date().toISOString());
      resolve(false);
    });
    child.on('error', () => resolve(false));
  });
}

/** @param {string} command @param {string[]} args */
function run(command, args) {
  const child = spawn(command, args, { stdio: 'inherit', cwd: root });
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM']))
    process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  // `npm start` stopped by its pid: npm's shell dies without passing the signal on, and this
  // process is re-parented (electron/platform/parent-watch.ts says more). Stop the app as on SIGTERM.
  const parent = process.ppid;
  if (parent > 1) {
    const watch = setInterval(() => {
      if (process.ppid === parent) return;
      clearInterval(watch);
      child.kill('SIGTERM');
    }, 1000);
    watch.unref();
  }
}

const args = process.argv.slice(2);
await buildIfStale();

const hasDisplay = Boolean(process.env.DISPLAY ?? process.env.WAYLAND_DISPLAY);
let binary = electronBinary();
if (!binary && hasDisplay) binary = (await fetchElectron()) ? electronBinary() : undefined;

if (binary && hasDisplay) {
  // Electron's own sandbox cannot start as root; the renderer stays sandboxed by its web preferences.
  const extra = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  console.log('Starting the Electron shell.');
  run(binary, [...extra, join(root, 'dist', 'electron', 'main.js'), ...args]);
} else {
  console.log(
    !hasDisplay
      ? 'No display: running the browser host.'
      : "Electron's binary is not installed and could not be fetched: running the browser host.",
  );
  run(process.execPath, [join(root, 'dist', 'electron', 'serve.js'), ...args]);
}
