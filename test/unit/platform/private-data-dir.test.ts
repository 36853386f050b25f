import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/compose';
import { confBackendFactory } from '../../../electron/storage/conf-backend';
import type { AppInfo } from '../../../shared/contract/app';
import { makeTempDir } from '../../support/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
let dataDir: string;
let umask: number;
beforeEach(() => {
  temp = makeTempDir();
  dataDir = join(temp.path, 'data');
  // The usual desktop umask: without explicit modes, new files would be 0644 and folders 0755.
  umask = process.umask(0o022);
});
afterEach(() => {
  process.umask(umask);
  temp.remove();
});

const modeOf = (path: string) => statSync(path).mode & 0o777;

/** Every folder and file under the data directory with its mode, e.g. `credentials/ 700`. */
function modes(dir = dataDir, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    const line = `${prefix}${entry.name}${entry.isDirectory() ? '/' : ''} ${modeOf(path).toString(8)}`;
    return entry.isDirectory() ? [line, ...modes(path, `${prefix}${entry.name}/`)] : [line];
  });
}

async function start() {
  const core = createCore({ dataDir, shell: 'browser', createBackend: confBackendFactory });
  await core.ready;
  const info = await core.dispatcher.dispatch('app.info', undefined, core.context('ipc'));
  if (!info.ok) throw new Error('app.info failed');
  return { core, notices: (info.value as AppInfo).notices };
}

describe('a private data directory', () => {
  it('creates every folder 0700 and every file 0600, the configuration written by conf included', async () => {
    const { core, notices } = await start();
    await core.vault.setup('correct horse battery staple', 'alice');
    core.close();
    expect(modeOf(dataDir)).toBe(0o700);
    const all = modes();
    expect(all).toContain('config.json 600');
    expect(all).toContain('vault.json 600');
    expect(all).toContain('audit.jsonl 600');
    expect(all.filter((line) => !/\/ 700$|[^/] 600$/.test(line))).toEqual([]);
    expect(notices).toEqual([]);
  });

  it('makes a data directory others could read private at start, and says so on screen', async () => {
    mkdirSync(join(dataDir, 'credentials'), { recursive: true });
    writeFileSync(join(dataDir, 'config.json'), '{}');
    writeFileSync(join(dataDir, 'audit.jsonl'), '');
    writeFileSync(join(dataDir, 'credentials', 'ids-1-500.json'), '{}');
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'credentials'), 0o755);
    chmodSync(join(dataDir, 'config.json'), 0o644);
    chmodSync(join(dataDir, 'audit.jsonl'), 0o640);
    chmodSync(join(dataDir, 'credentials', 'ids-1-500.json'), 0o666);

    const { core, notices } = await start();
    core.close();
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modes().filter((line) => !/\/ 700$|[^/] 600$/.test(line))).toEqual([]);
    const warning = notices.find((n) => n.level === 'warning');
    expect(warning?.message).toContain(`Other users could read ${dataDir}, `);
    expect(warning?.message).toContain(join(dataDir, 'credentials', 'ids-1-500.json'));
    expect(warning?.message).toContain('made private now');
  });

  it('removes the temporary files an interrupted write left, and nothing else', async () => {
    mkdirSync(join(dataDir, 'credentials'), { recursive: true, mode: 0o700 });
    const leftovers = [
      'config.json.4242.tmp',
      'vault.json.17.tmp',
      'sessions.jsonl.99.tmp',
      'credentials/ids-1-500.json.tmp-1764590000a1b2c3',
    ];
    for (const name of leftovers) writeFileSync(join(dataDir, name), 'half', { mode: 0o600 });
    writeFileSync(join(dataDir, 'notes.tmp'), 'not ours', { mode: 0o600 });

    const { core } = await start();
    core.close();
    const names = [...readdirSync(dataDir), ...readdirSync(join(dataDir, 'credentials'))];
    expect(names.filter((name) => name.includes('.tmp'))).toEqual(['notes.tmp']);
  });
});
