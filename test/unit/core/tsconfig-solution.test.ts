// tsconfig.json is what editors open: it must reference every layer config, or files of the
// missing layer fall back to an inferred project without the strict settings.
import { readdirSync } from 'node:fs';
import ts from 'typescript';
import { expect, it } from 'vitest';

it('tsconfig.json references every layer config', () => {
  const { config, error } = ts.readConfigFile('tsconfig.json', (path) => ts.sys.readFile(path)) as {
    config?: { files?: unknown[]; references?: { path: string }[] };
    error?: unknown;
  };
  expect(error).toBeUndefined();
  expect(config?.files).toEqual([]);
  const referenced = (config?.references ?? []).map((r) => r.path.replace(/^\.\//, '')).sort();
  const layers = readdirSync('.')
    .filter((name) => /^tsconfig\..+\.json$/.test(name) && name !== 'tsconfig.base.json')
    .sort();
  expect(referenced).toEqual(layers);
});
