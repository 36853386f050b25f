/**
 * What `npm run dist` packs: electron-builder.yml's `files` applied to a fresh build of dist/electron
 * (the same esbuild options as scripts/build.mjs, into a temp folder), plus the production
 * dependencies electron-builder adds itself. Checks that every package the bundles import is one it
 * packs, that they all load from such a node_modules (optional native ones like cpu-features
 * missing their build included), that the preload requires nothing but electron, and that no source
 * map, test or lab file is packed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join, relative, sep } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronBuilds } from '../../../scripts/build.mjs';
import { makeTempDir } from '../../support/temp-dir';

const root = join(import.meta.dirname, '..', '..', '..');
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const pkg = readJson(join(root, 'package.json')) as { main: string; dependencies: Record<string, string> };

/** The package a bare import names: `@scope/name/sub` → `@scope/name`, `pg/lib/x` → `pg`. */
const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/** electron-builder.yml's `files`: the forms it uses, `dir/**`, `file` and `!**\/*.ext`; others fail. */
function packedFiles(all: string[]): string[] {
  const yml = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
  const block = /^files:\n((?: {2}- .*\n)+)/m.exec(yml)?.[1];
  if (!block) throw new Error('electron-builder.yml: no files list');
  const patterns = block.split('\n').flatMap((line) => {
    const value = line.replace(/^ {2}- /, '').trim();
    return value ? [value.replace(/^'(.*)'$/, '$1')] : [];
  });
  const matchers = patterns.map((pattern) => {
    const negated = pattern.startsWith('!');
    const glob = negated ? pattern.slice(1) : pattern;
    let test: (file: string) => boolean;
    if (/^[\w./-]+\/\*\*$/.test(glob)) test = (file) => file.startsWith(glob.slice(0, -2));
    else if (/^\*\*\/\*\.\w+$/.test(glob)) test = (file) => file.endsWith(glob.slice(4));
    else if (/^[\w.-]+$/.test(glob)) test = (file) => file === glob;
    else throw new Error(`electron-builder.yml: a files pattern this test does not read: ${pattern}`);
    return { negated, test };
  });
  return all.filter((file) => {
    let included = false;
    for (const m of matchers) if (m.test(file)) included = !m.negated;
    return included;
  });
}

function walk(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) return [];
    return entry.isDirectory() ? walk(path, base) : [relative(base, path).split(sep).join('/')];
  });
}

interface LockEntry {
  dev?: boolean;
  optional?: boolean;
}

let temp: { path: string; remove: () => void };
let metafiles: Metafile[];
let packed: string[];

beforeAll(async () => {
  temp = makeTempDir('jit-package-');
  const outdir = join(temp.path, 'dist', 'electron');
  const builds = electronBuilds({ outdir, quiet: true });
  const results = await Promise.all(
    builds.map((options) => build({ ...options, metafile: true, logLevel: 'silent' })),
  );
  metafiles = results.map((r) => r.metafile);
  // The renderer as Vite builds it (its own build is checked by the end-to-end tests).
  mkdirSync(join(temp.path, 'dist', 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(temp.path, 'dist', 'renderer', 'index.html'), '<!doctype html>');
  writeFileSync(join(temp.path, 'package.json'), readFileSync(join(root, 'package.json')));
  packed = packedFiles(walk(temp.path));
}, 60_000);
afterAll(() => temp.remove());

/** Every bare import the bundles leave to node_modules, by output file. */
function externals(): Map<string, string[]> {
  const byOutput = new Map<string, string[]>();
  for (const metafile of metafiles) {
    for (const [output, info] of Object.entries(metafile.outputs)) {
      if (output.endsWith('.map')) continue;
      const name = output.split('/').pop() ?? output;
      const imports = info.imports.filter((i) => i.external && !isBuiltin(i.path)).map((i) => i.path);
      byOutput.set(name, [...new Set(imports)].sort());
    }
  }
  return byOutput;
}

describe('the package', () => {
  it('holds the main bundle, the preload, the renderer and package.json, whose main is packed', () => {
    expect(packed).toEqual(
      expect.arrayContaining([
        'dist/electron/main.js',
        'dist/electron/preload.cjs',
        'dist/renderer/index.html',
        'package.json',
      ]),
    );
    expect(packed).toContain(pkg.main);
  });

  it('holds no source map, test or lab file', () => {
    expect(walk(temp.path).some((file) => file.endsWith('.map'))).toBe(true); // built, then left out
    expect(packed.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(packed.filter((file) => /(^|\/)(test|tests|lab|__tests__)\//.test(file))).toEqual([]);
    const bundled = metafiles.flatMap((m) => Object.keys(m.inputs));
    expect(bundled.filter((input) => input.startsWith('test/') || input.includes('.test.'))).toEqual([]);
  });

  it('the preload requires nothing but electron (a sandboxed preload cannot)', () => {
    expect(externals().get('preload.cjs')).toEqual(['electron']);
  });

  it("every package the bundles import is electron or one of package.json's dependencies", () => {
    const all = [...externals().values()].flat().map(packageOf);
    const main = (externals().get('main.js') ?? []).map(packageOf);
    expect(main).toEqual(
      expect.arrayContaining(['electron', 'electron-store', 'ssh2', 'pg', 'mysql2', 'ldapts']),
    );
    const undeclared = all.filter((name) => name !== 'electron' && !(name in pkg.dependencies));
    expect(undeclared).toEqual([]);
  });

  it('they all load from a node_modules of the production dependencies only, as electron-builder packs it', () => {
    // electron-builder packs the lock's non-dev packages; link exactly those into a node_modules.
    const lock = readJson(join(root, 'package-lock.json')) as { packages: Record<string, LockEntry> };
    const modules = join(temp.path, 'node_modules');
    mkdirSync(modules);
    for (const [key, entry] of Object.entries(lock.packages)) {
      const name = key.replace(/^node_modules\//, '');
      if (!key.startsWith('node_modules/') || name.includes('/node_modules/') || entry.dev) continue;
      const from = join(root, key);
      if (!existsSync(from)) continue; // An optional package for another platform.
      mkdirSync(join(modules, name, '..'), { recursive: true });
      symlinkSync(from, join(modules, name), 'dir');
    }
    // Electron's own module is built into its binary: a stand-in that exports nothing.
    mkdirSync(join(modules, 'electron'));
    writeFileSync(join(modules, 'electron', 'package.json'), '{"name":"electron","main":"index.js"}');
    writeFileSync(join(modules, 'electron', 'index.js'), 'module.exports = {};');

    const specifiers = [...new Set([...externals().values()].flat())].filter((s) => s !== 'electron');
    const probe = join(temp.path, 'dist', 'electron', 'probe.mjs');
    writeFileSync(
      probe,
      `const failed = [];
for (const s of ${JSON.stringify(specifiers)}) {
  try { await import(s); } catch (e) { failed.push(s + ': ' + e.message); }
}
console.log(JSON.stringify(failed));`,
    );
    // --preserve-symlinks: each package resolves its own dependencies from this node_modules,
    // not from the repository's, where the dev dependencies are.
    const run = spawnSync(process.execPath, ['--preserve-symlinks', '--preserve-symlinks-main', probe], {
      cwd: temp.path,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout) as string[]).toEqual([]);
  }, 60_000);
});
