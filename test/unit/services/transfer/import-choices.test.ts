/**
 * A preview and the import of its choices, through the core's dispatcher (contract-checked input
 * and output), on the real services over real files: the bundle of an installation imported back
 * into it, so that every device and user template clashes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { methodNames } from '../../../../shared/contract';
import { fail } from '../../../../shared/result';
import { Dispatcher, type AllHandlers } from '../../../../electron/core/dispatcher';
import { transferHandlers } from '../../../../electron/core/handlers/transfer';
import { makeTempDir } from '../../../support/temp-dir';
import { actor, device } from '../harness';
import { builtIns, bundlePassphrase, openEnv, passwords, seedRich, type Env } from './fixtures';

const dirs: ReturnType<typeof makeTempDir>[] = [];
const envs: Env[] = [];
afterEach(async () => {
  for (const env of envs.splice(0)) await env.close();
  for (const dir of dirs.splice(0)) dir.remove();
});

interface Clash {
  kind: string;
  path: string;
  name: string;
  proposed: string;
  existingCredentials: string[];
}
interface Preview {
  previewed: true;
  token: string;
  devices: string[];
  clashes: Clash[];
}

async function seeded() {
  const dir = makeTempDir();
  dirs.push(dir);
  const env = await openEnv(dir.path, { vault: 'real' });
  envs.push(env);
  await env.templates.installBuiltIns(builtIns);
  await seedRich(env);
  const others = Object.fromEntries(
    methodNames.map((m) => [m, () => Promise.resolve(fail('unavailable', 'not wired in this test'))]),
  ) as unknown as AllHandlers;
  const dispatcher = new Dispatcher({ ...others, ...transferHandlers(env.transfer) }, () => undefined);
  const call = async (method: string, input: unknown): Promise<unknown> => {
    const result = await dispatcher.dispatch(method, input, { transport: 'internal', actor });
    if (!result.ok) throw new Error(`${method}: ${result.message}`);
    return result.value;
  };
  const { content } = (await call('transfer.export', {
    includePasswords: true,
    passphrase: bundlePassphrase,
  })) as { content: string };
  const input = { content, passphrase: bundlePassphrase };
  const preview = (await call('transfer.preview', input)) as Preview;
  return { env, call, input, preview };
}

const names = (env: Env) =>
  env.devices
    .list()
    .map((d) => d.name)
    .sort();

describe('import with a preview and a choice per clash', () => {
  it('previews what the bundle holds and every clash, writing nothing', async () => {
    const { env, preview } = await seeded();
    expect(preview).toMatchObject({ previewed: true, devices: ['web-01', 'db-01', 'spare-01'] });
    const byName = new Map(preview.clashes.map((c) => [c.name, c]));
    expect(byName.get('web-01')).toMatchObject({ kind: 'device', proposed: 'web-01 (2)' });
    expect(byName.get('web-01')?.existingCredentials).toContain('admin @ web-01');
    expect(preview.clashes.filter((c) => c.kind === 'template')).toHaveLength(6);
    expect(names(env)).toEqual(['db-01', 'spare-01', 'web-01']);
  });

  it('Rename: the items arrive under the new names, and the credentials follow them', async () => {
    const { env, call, input, preview } = await seeded();
    const credentialsBefore = env.credentials.exportRows().length;
    const choices = preview.clashes.map((c) => ({ path: c.path, action: 'rename', name: c.proposed }));
    const outcome = await call('transfer.import', { ...input, preview: { token: preview.token, choices } });
    expect(outcome).toMatchObject({ applied: true, devices: 3, templates: 6, credentials: 7, passwords: 3 });
    expect((outcome as { renamed: string[] }).renamed).toContain('Device "web-01" → "web-01 (2)"');
    expect(names(env)).toEqual(['db-01', 'db-01 (2)', 'spare-01', 'spare-01 (2)', 'web-01', 'web-01 (2)']);
    const renamedWeb = env.devices.list().find((d) => d.name === 'web-01 (2)');
    const renamedDisable = env.templates.rows().find((t) => t.name === 'Disable (2)');
    const moved = env.credentials.exportRows().filter((c) => c.deviceId === renamedWeb?.id);
    expect(moved.map((c) => c.username)).toEqual(expect.arrayContaining(['admin', 'deploy']));
    // A JIT reference follows its renamed template, not the existing one of the old name.
    expect(moved.some((c) => c.jit.disableTemplateId === renamedDisable?.id)).toBe(true);
    expect(env.credentials.exportRows()).toHaveLength(credentialsBefore + 7);
  });

  it('Skip: the existing records stay, credentials already there are skipped, new ones attach', async () => {
    const { env, call, input, preview } = await seeded();
    // One credential the installation does not have, on a device it has (web-01, ref kept).
    const bundle = JSON.parse(input.content) as { credentials: Record<string, unknown>[] };
    const plain = bundle.credentials.find((c) => !(c.jit as { enabled: boolean }).enabled);
    if (!plain) throw new Error('seed has no plain credential');
    bundle.credentials.push({ ...plain, ref: 'newcomer', username: 'newcomer', hasKey: false });
    const content = JSON.stringify(bundle);
    const fresh = (await call('transfer.preview', { ...input, content })) as Preview;
    const before = env.credentials.exportRows().length;
    const choices = fresh.clashes.map((c) => ({ path: c.path, action: 'skip' }));
    const outcome = (await call('transfer.import', {
      ...input,
      content,
      preview: { token: fresh.token, choices },
    })) as { applied: boolean; devices: number; credentials: number; skipped: string[] };
    expect(outcome).toMatchObject({ applied: true, devices: 0, templates: 0, credentials: 1 });
    expect(outcome.skipped).toContain(
      'Device "web-01": kept the existing one, its credentials attached to it',
    );
    expect(outcome.skipped).toContain(
      'Credential admin @ web-01: already on that device here, kept as it is',
    );
    expect(names(env)).toEqual(['db-01', 'spare-01', 'web-01']);
    const rows = env.credentials.exportRows();
    expect(rows).toHaveLength(before + 1);
    const newcomer = rows.find((c) => c.username === 'newcomer');
    const plainDevice = env.devices.list().find((d) => d.id === newcomer?.deviceId);
    // The device the file names for it: the existing one of that name (skipped, not added).
    expect(plainDevice?.name).toBe(preview.devices[deviceIndexOf(bundle, plain)]);
    // The existing admin keeps its own password.
    const admin = rows.find((c) => c.username === 'admin');
    expect(env.vault.get(`credential:${admin?.id ?? 0}`)).toBe(passwords.admin);
  });

  it('refuses a stale preview (data changed since), a missing choice and a taken new name', async () => {
    const { env, call, input, preview } = await seeded();
    const choices = preview.clashes.map((c) => ({ path: c.path, action: 'skip' }));
    const [first, ...rest] = choices;
    const missing = (await call('transfer.import', {
      ...input,
      preview: { token: preview.token, choices: rest },
    })) as {
      applied: false;
      problems: { path: string; message: string }[];
    };
    expect(missing.applied).toBe(false);
    expect(missing.problems[0]?.message).toMatch(/already exists here: choose Skip or Rename/);
    const taken = (await call('transfer.import', {
      ...input,
      preview: { token: preview.token, choices: [{ ...first, action: 'rename', name: 'db-01' }, ...rest] },
    })) as { problems: { message: string }[] };
    expect(taken.problems.map((p) => p.message)).toEqual([
      'Rename the device "web-01": A device named "db-01" already exists or is imported too',
    ]);
    await env.devices.save(undefined, device({ name: 'added-meanwhile' }), actor);
    const stale = await call('transfer.import', { ...input, preview: { token: preview.token, choices } });
    expect(stale).toEqual({
      applied: false,
      problems: [
        { path: '', message: 'The bundle or the data here changed since the preview: preview it again' },
      ],
    });
    expect(names(env)).toEqual(['added-meanwhile', 'db-01', 'spare-01', 'web-01']);
  });
});

function deviceIndexOf(
  bundle: { credentials: Record<string, unknown>[] },
  c: Record<string, unknown>,
): number {
  const devices = (bundle as unknown as { devices: { ref: string }[] }).devices;
  return devices.findIndex((d) => d.ref === c.deviceRef);
}
