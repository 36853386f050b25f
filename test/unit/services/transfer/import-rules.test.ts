import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../support/temp-dir';
import { actor } from '../harness';
import { builtIns, bundlePassphrase, filesOf, openEnv, seedRich, settle, type Env } from './fixtures';

/** The import runs the new rules too: a mixed JIT plugin pair and a duplicate account are refused. */
type Json = Record<string, unknown>;
type Item = Json & { ref: string; deviceRef: string; username: string; domain: string; jit: Json };
interface BundleJson extends Json {
  devices: (Json & { ref: string; name: string })[];
  credentials: Item[];
}

const dirs: ReturnType<typeof makeTempDir>[] = [];
const envs: Env[] = [];
let source: Env;

async function fresh(): Promise<Env> {
  const dir = makeTempDir();
  dirs.push(dir);
  const env = await openEnv(dir.path, { vault: 'real' });
  envs.push(env);
  await env.templates.installBuiltIns(builtIns);
  await settle();
  return env;
}
const dirOf = (env: Env) => dirs[envs.indexOf(env)]?.path ?? '';

beforeEach(async () => {
  source = await fresh();
  await seedRich(source);
});
afterEach(async () => {
  for (const env of envs.splice(0)) await env.close();
  for (const dir of dirs.splice(0)) dir.remove();
});

const exported = async () =>
  JSON.parse(
    (await source.transfer.exportBundle({ includePasswords: true, passphrase: bundlePassphrase }, actor))
      .content,
  ) as BundleJson;

const item = (bundle: BundleJson, username: string): Item => {
  const found = bundle.credentials.find((c) => c.username === username);
  if (!found) throw new Error(`no ${username} in the bundle`);
  return found;
};

/**
 * Imports, expecting a refusal; proves that not one byte of the data dir changed but the one
 * audit entry of the refusal.
 */
async function refused(target: Env, bundle: BundleJson) {
  await settle();
  const { 'audit.jsonl': auditBefore = '', ...before } = filesOf(dirOf(target));
  const events = target.emitted.length;
  const outcome = await target.transfer.importBundle(
    { content: JSON.stringify(bundle), passphrase: bundlePassphrase },
    actor,
  );
  await settle();
  expect(outcome.applied).toBe(false);
  const { 'audit.jsonl': auditAfter = '', ...after } = filesOf(dirOf(target));
  expect(after).toEqual(before);
  expect(auditAfter.slice(auditBefore.length)).toMatch(
    /^[^\n]*"action":"import"[^\n]*"result":"failure"[^\n]*\n$/,
  );
  expect(target.emitted.slice(events).map((e) => e.event)).toEqual(['audit.appended']);
  if (outcome.applied) throw new Error('applied');
  return outcome.problems;
}

describe('import: JIT types whose two directions use different plugins', () => {
  it('is refused at the path of the second direction’s plugin', async () => {
    const bundle = await exported();
    // provisioner: Creation via SSH; app_ro: Enable via PostgreSQL.
    item(bundle, 'provisioner').jit.deletePluginId = 'mysql';
    item(bundle, 'app_ro').jit.disablePluginId = 'ssh';
    const index = (name: string) => bundle.credentials.indexOf(item(bundle, name));
    expect(await refused(await fresh(), bundle)).toEqual([
      {
        path: `credentials[${index('provisioner')}].jit.deletePluginId`,
        message:
          'Deletion must use the plugin of Creation (SSH): an account one plugin made cannot be removed by another',
      },
      {
        path: `credentials[${index('app_ro')}].jit.disablePluginId`,
        message:
          'Disable must use the plugin of Enable (PostgreSQL): an account one plugin enabled cannot be disabled by another',
      },
    ]);
  });
});

describe('import: duplicate credentials', () => {
  it('two items for one account (device, user name, domain in any case) are refused at the later one', async () => {
    const bundle = await exported();
    const app = item(bundle, 'app_ro');
    const first = bundle.credentials.indexOf(app);
    expect(app.domain).toBe('CORP');
    bundle.credentials.push(
      { ...app, ref: 'copy-1', domain: 'corp', jit: { enabled: false } },
      // Another user name case, or another domain: other accounts.
      { ...app, ref: 'copy-2', username: 'APP_RO', jit: { enabled: false } },
      { ...app, ref: 'copy-3', domain: 'OTHER', jit: { enabled: false } },
    );
    const copy = bundle.credentials.length - 3;
    expect(await refused(await fresh(), bundle)).toEqual([
      {
        path: `credentials[${copy}].username`,
        message: `app_ro @ db-01 is already credentials[${first}] in this bundle`,
      },
    ]);
  });

  it('a bundle whose records exist here already is refused (its devices exist), writing nothing', async () => {
    const bundle = await exported();
    const problems = await refused(source, bundle);
    // Bundle credentials land on the bundle's own devices, which must be new: an account that
    // exists here can only come back on a device whose name is taken, and that is refused.
    expect(problems.map((p) => p.path).filter((p) => !p.startsWith('templates'))).toEqual([
      'devices[0].name',
      'devices[1].name',
      'devices[2].name',
    ]);
    expect(problems[0]?.message).toBe('A device named "web-01" already exists');
  });

  it('an exported installation imports without a duplicate (the fixtures hold none)', async () => {
    const bundle = await exported();
    const outcome = await (
      await fresh()
    ).transfer.importBundle({ content: JSON.stringify(bundle), passphrase: bundlePassphrase }, actor);
    expect(outcome).toMatchObject({ applied: true, credentials: bundle.credentials.length });
  });
});
