// The layering inside electron/ is a lint rule (eslint/layers.js). These run the rule itself on
// one import per layer, so a rule that stopped reporting (a wrong path split, a tier typo) fails
// here and not silently in review.
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { layersPlugin, tiers } from '../../../eslint/layers.js';

const root = '/repo';

function lint(file: string, source: string): string[] {
  const linter = new Linter({ configType: 'flat', cwd: root });
  const messages = linter.verify(
    source,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser },
        plugins: { layers: layersPlugin },
        rules: { 'layers/import-down': ['error', { root }] },
      },
    ],
    { filename: `${root}/${file}` },
  );
  return messages.map((m) => m.message);
}

const folders = tiers.flat();

describe('the layer rule (eslint/layers.js)', () => {
  it.each(tiers.slice(0, -1).map((tier, i) => [tier[0] ?? '', tiers[i + 1]?.[0] ?? '']))(
    'electron/%s/ may not import electron/%s/ (the tier above)',
    (from, up) => {
      expect(lint(`electron/${from}/a.ts`, `import { x } from '../${up}/b';`)).toEqual([
        `electron/${from}/ may not import electron/${up}/ (a higher layer): move what both need down.`,
      ]);
    },
  );

  it.each(tiers.slice(1).map((tier, i) => [tier[0] ?? '', tiers[i]?.[0] ?? '']))(
    'electron/%s/ may import electron/%s/ (the tier below)',
    (from, down) => {
      expect(lint(`electron/${from}/deep/a.ts`, `import { x } from '../../${down}/b';`)).toEqual([]);
    },
  );

  it('reports type-only imports, re-exports and dynamic imports too', () => {
    const source = [
      "import type { T } from '../services/t';",
      "export { y } from '../core/y';",
      "export * from '../operations/z';",
      "void import('../host/w');",
    ].join('\n');
    expect(lint('electron/plugins/a.ts', source)).toHaveLength(4);
  });

  it('refuses siblings (the shell may not borrow from the browser host)', () => {
    expect(lint('electron/shell/a.ts', "import { x } from '../host/b';")).toEqual([
      'electron/shell/ may not import electron/host/ (a sibling layer): move what both need down.',
    ]);
  });

  it('allows its own folder, shared/ and packages', () => {
    const source = [
      "import { a } from './a';",
      "import { b } from './sub/b';",
      "import { c } from '../../shared/contract';",
      "import { d } from 'ssh2';",
    ].join('\n');
    expect(lint('electron/platform/x.ts', source)).toEqual([]);
  });

  it('names a folder that is in no tier, so a new folder must be placed', () => {
    expect(lint('electron/newthing/a.ts', "import { x } from '../platform/b';")).toEqual([
      'electron/newthing/ is in no layer: add it to a tier in eslint/layers.js.',
    ]);
    expect(folders).not.toContain('newthing');
  });

  it('reports every other way of loading a module: template literals, require, import types', () => {
    const source = [
      'void import(`../host/w`);',
      "import w = require('../host/w');",
      "type W = typeof import('../host/w');",
      "const v = require('../core/v');",
    ].join('\n');
    expect(lint('electron/plugins/a.ts', source)).toEqual(
      Array<string>(4)
        .fill('electron/plugins/ may not import electron/host/ (a higher layer): move what both need down.')
        .map((message, i) => (i === 3 ? message.replaceAll('host', 'core') : message)),
    );
  });

  it('checks module.require too, and refuses createRequire (a require under any name)', () => {
    expect(lint('electron/plugins/a.ts', "const c = module.require('../core/compose');")).toEqual([
      'electron/plugins/ may not import electron/core/ (a higher layer): move what both need down.',
    ]);
    expect(lint('electron/plugins/a.ts', "import { createRequire } from 'node:module';")).toEqual([
      'Inside electron/ modules are imported, not required through createRequire.',
    ]);
  });

  it('refuses a module loaded by a computed path (its layer could not be checked)', () => {
    expect(lint('electron/plugins/a.ts', "const p = '../host/w'; void import(p);")).toEqual([
      'Inside electron/ a module is loaded by a constant path, so its layer can be checked.',
    ]);
  });

  it('places a file directly in electron/ in no layer, in both directions', () => {
    expect(lint('electron/main.ts', "import { x } from './platform/b';")).toEqual([
      '(a file directly in electron/) is in no layer: add it to a tier in eslint/layers.js.',
    ]);
    expect(lint('electron/platform/a.ts', "import { x } from '../main';")).toEqual([
      '(a file directly in electron/) is in no layer: add it to a tier in eslint/layers.js.',
    ]);
  });

  it('ignores files outside electron/', () => {
    expect(lint('test/unit/a.ts', "import { x } from '../../electron/host/b';")).toEqual([]);
  });
});
