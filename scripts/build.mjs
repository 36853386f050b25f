// Builds what is stale: the core and shells (esbuild) into dist/electron, the renderer (Vite) into
// dist/renderer. `node scripts/build.mjs` builds everything; start/serve call buildIfStale().
import { build as esbuild } from 'esbuild';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** @param {string} file @returns {unknown} */
export const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

const stampFile = join(root, 'dist', '.build-stamp');
const inputs = ['electron', 'shared', 'renderer', 'package.json', 'package-lock.json', 'vite.config.ts'];

/** @param {string} path @returns {number} newest modification time below path */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

export function isStale() {
  if (!existsSync(stampFile)) return true;
  const built = statSync(stampFile).mtimeMs;
  return inputs.some((input) => newest(join(root, input)) > built);
}

/**
 * The esbuild builds of the core and shells into `outdir` (dist/electron); the package-contents
 * test builds them into a temp folder with the same options.
 * @param {{ outdir?: string, quiet?: boolean }} [options]
 * @returns {import('esbuild').BuildOptions[]}
 */
export function electronBuilds({ outdir = 'dist/electron', quiet = false } = {}) {
  const pkg = /** @type {{ version: string }} */ (readJson(join(root, 'package.json')));
  const common = {
    bundle: true,
    platform: /** @type {import('esbuild').Platform} */ ('node'),
    target: 'node20',
    sourcemap: /** @type {import('esbuild').BuildOptions['sourcemap']} */ ('linked'),
    logLevel: /** @type {import('esbuild').LogLevel} */ (quiet ? 'warning' : 'info'),
    define: { __APP_VERSION__: JSON.stringify(pkg.version) },
    absWorkingDir: root,
  };
  return [
    // Main process and browser host: ESM, node_modules left as imports.
    {
      ...common,
      entryPoints: {
        main: 'electron/shell/main.ts',
        serve: 'electron/host/serve.ts',
        'template-cli': 'electron/cli/template-cli.ts',
        'session-cli': 'electron/cli/session-main.ts',
      },
      outdir,
      format: 'esm',
      packages: 'external',
    },
    // A sandboxed preload must be one CommonJS file that requires nothing but electron.
    {
      ...common,
      entryPoints: ['electron/shell/preload.ts'],
      outfile: join(outdir, 'preload.cjs'),
      format: 'cjs',
      external: ['electron'],
    },
  ];
}

export async function buildAll({ quiet = false } = {}) {
  await Promise.all(electronBuilds({ quiet }).map((options) => esbuild(options)));
  const { build: viteBuild } = await import('vite');
  await viteBuild({
    configFile: join(root, 'vite.config.ts'),
    root: join(root, 'renderer'),
    logLevel: quiet ? 'warn' : 'info',
  });
  mkdirSync(dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, new Date().toISOString());
}

export async function buildIfStale() {
  if (!isStale()) return false;
  console.log('Building (sources changed since the last build)…');
  await buildAll({ quiet: true });
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildAll();
}
