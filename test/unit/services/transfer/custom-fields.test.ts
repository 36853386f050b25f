/**
 * Secret custom fields in bundles (version 3): their values sealed with the passwords (never in
 * clear, never without secrets), imported into the vault as a form's Save seals them (checked as
 * the form checks them), and named when an export left them out. Older files still import.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { customFieldRef } from '../../../../electron/services/custom-field-secrets';
import { sealSecrets } from '../../../../electron/services/transfer/secrets';
import { deriveKey, newScryptParams, seal } from '../../../../electron/vault/crypto';
import { makeTempDir } from '../../../support/temp-dir';
import { actor, credential, device, keep, readText, setPassword } from '../harness';
import { builtIns, bundlePassphrase, filesOf, openEnv, settle, testCost, type Env } from './fixtures';

const deviceSecret = 'dev1ce-API-key-7f3a';
const credentialSecret = 'cred-TOKEN-91c2e';
const rootPassword = 'R00t-pa$$word';
const secretValues = [deviceSecret, credentialSecret, rootPassword, bundlePassphrase];

const dirs: ReturnType<typeof makeTempDir>[] = [];
const envs: Env[] = [];
afterEach(async () => {
  for (const env of envs.splice(0)) await env.close();
  for (const dir of dirs.splice(0)) dir.remove();
});

async function fresh() {
  const dir = makeTempDir();
  dirs.push(dir);
  const env = await openEnv(dir.path, { vault: 'real' });
  envs.push(env);
  await env.templates.installBuiltIns(builtIns);
  await settle();
  return { env, dir: dir.path };
}

/** web-01 with a text and a secret field; root on it with a password and a secret field. */
async function seed(env: Env) {
  const web = await env.devices.save(
    undefined,
    device({
      name: 'web-01',
      customFields: [
        { name: 'HOME', kind: 'text', value: '/srv/app' },
        { name: 'API_KEY', kind: 'secret', value: deviceSecret },
      ],
    }),
    actor,
  );
  await env.credentials.save(
    undefined,
    credential({
      username: 'root',
      deviceId: web.id,
      customFields: [{ name: 'TOKEN', kind: 'secret', value: credentialSecret }],
    }),
    setPassword(rootPassword),
    actor,
  );
}

async function exported(includeSecrets: boolean): Promise<{ content: string; detail: string }> {
  const { env } = await fresh();
  await seed(env);
  const input = includeSecrets
    ? { includePasswords: true, passphrase: bundlePassphrase }
    : { includePasswords: false };
  const { content } = await env.transfer.exportBundle(input, actor);
  await settle();
  return { content, detail: env.audit.list({ action: 'export' }, 0, 1).entries[0]?.detail ?? '' };
}

function expectNoSecret(text: string) {
  for (const value of secretValues) expect(text).not.toContain(value);
}

/**
 * The imported records' custom fields as the forms get them (with whether each has a value), and
 * their secret values read as a run reads them.
 */
function customOf(env: Env) {
  const [web] = env.devices.list();
  const [row] = env.credentials.exportRows();
  if (!web || !row) throw new Error('not imported');
  const root = env.credentials.get(row.id);
  return {
    device: { fields: web.customFields, values: env.devices.customValues(web.id) },
    credential: { fields: root.customFields, values: env.credentials.customValues(root.id) },
  };
}

const importDetail = async (env: Env) => {
  await settle();
  return env.audit.list({ action: 'import' }, 0, 1).entries[0]?.detail;
};

describe('secret custom fields in an export with secrets', () => {
  it('travel sealed only, and arrive in the vault of a fresh installation, nowhere else', async () => {
    const { content, detail } = await exported(true);
    expectNoSecret(content);
    expect(detail).toBe(
      '1 device, 0 templates, 1 credential; 1 password and 2 secret custom fields included, encrypted with the bundle passphrase',
    );
    const file = JSON.parse(content) as {
      version: number;
      devices: { customFields: unknown }[];
      credentials: { customFields: unknown }[];
    };
    expect(file.version).toBe(3);
    // Named in the records, the value empty: it is only in the sealed secrets.
    expect(file.devices[0]?.customFields).toEqual([
      { name: 'HOME', kind: 'text', value: '/srv/app' },
      { name: 'API_KEY', kind: 'secret', value: '' },
    ]);
    expect(file.credentials[0]?.customFields).toEqual([{ name: 'TOKEN', kind: 'secret', value: '' }]);

    const { env, dir } = await fresh();
    expect(await env.transfer.previewBundle({ content, passphrase: bundlePassphrase }, actor)).toMatchObject({
      previewed: true,
      passwords: 1,
      keys: 0,
      secretFields: 2,
    });
    const outcome = await env.transfer.importBundle({ content, passphrase: bundlePassphrase }, actor);
    expect(outcome).toEqual({
      applied: true,
      devices: 1,
      templates: 0,
      credentials: 1,
      passwords: 1,
      keys: 0,
      keysLeftOut: [],
      secretFields: 2,
      secretFieldsLeftOut: [],
      skipped: [],
      renamed: [],
    });
    expect(customOf(env)).toEqual({
      device: {
        fields: [
          { name: 'HOME', kind: 'text', value: '/srv/app', hasValue: true },
          { name: 'API_KEY', kind: 'secret', value: '', hasValue: true },
        ],
        values: { text: { HOME: '/srv/app' }, secret: { API_KEY: deviceSecret } },
      },
      credential: {
        fields: [{ name: 'TOKEN', kind: 'secret', value: '', hasValue: true }],
        values: { text: {}, secret: { TOKEN: credentialSecret } },
      },
    });
    expect(await importDetail(env)).toBe(
      '1 device, 0 templates, 1 credential imported; 1 password and 2 secret custom fields stored in the vault',
    );
    // Sealed in the vault (encrypted), as a form's Save seals them: in no file in clear, no audit entry.
    expectNoSecret(readText(dir, 'audit.jsonl'));
    expectNoSecret(JSON.stringify(filesOf(dir)));
  });

  it('a bad value in a hand-made bundle is refused at its place, naming the field, never the value', async () => {
    const source = JSON.parse((await exported(false)).content) as Record<string, unknown> & {
      devices: { customFields: { value: string }[] }[];
    };
    const refusedWith = async (customFields: unknown, content = source) => {
      const { env, dir } = await fresh();
      const before = filesOf(dir);
      const secrets = await sealSecrets(
        { passwords: {}, keys: {}, customFields: customFields as never },
        bundlePassphrase,
        testCost,
      );
      const outcome = await env.transfer.importBundle(
        { content: JSON.stringify({ ...content, secrets }), passphrase: bundlePassphrase },
        actor,
      );
      expect(env.devices.list()).toEqual([]);
      const after = filesOf(dir);
      expect(Object.keys(after).filter((name) => after[name] !== before[name])).toEqual(['audit.jsonl']);
      return outcome.applied ? [] : outcome.problems;
    };

    const tooLong = 'k'.repeat(257);
    const problems = await refusedWith({ devices: { d1: { API_KEY: tooLong } }, credentials: {} });
    expect(problems).toEqual([
      {
        path: 'secrets.customFields.devices["d1"]["API_KEY"]',
        message: 'The secret custom field API_KEY of devices[0] ("web-01"): At most 256 characters',
      },
    ]);
    expect(JSON.stringify(problems)).not.toContain(tooLong.slice(0, 20));

    expect(
      await refusedWith({
        devices: { d1: { API_KEY: 'ok-value', OTHER: 'x' }, d9: { API_KEY: 'x' } },
        credentials: { c1: { TOKEN: '' } },
      }),
    ).toEqual([
      {
        path: 'secrets.customFields.devices["d1"]["OTHER"]',
        message: 'A value for "OTHER", which is not a secret custom field of devices[0] ("web-01")',
      },
      {
        path: 'secrets.customFields.devices["d9"]',
        message: 'Secret custom field values for "d9", which is not a device of this bundle',
      },
      {
        path: 'secrets.customFields.credentials["c1"]["TOKEN"]',
        message: 'The secret custom field TOKEN of credentials[0] (root @ web-01) is empty',
      },
    ]);

    // A value in clear in the record is refused, not stored: the message does not repeat it.
    const clear = structuredClone(source);
    const field = clear.devices[0]?.customFields[1];
    if (field) field.value = deviceSecret;
    const inClear = await refusedWith({ devices: {}, credentials: {} }, clear);
    expect(inClear.map((p) => p.path)).toEqual(['devices[0].customFields[1].value']);
    expect(inClear[0]?.message).toContain('must not be in clear');
    expectNoSecret(JSON.stringify(inClear));
  });
});

describe('secret custom fields in an export without secrets', () => {
  it('are named without a value; the import brings them empty, without a value, named to set by hand', async () => {
    const { content, detail } = await exported(false);
    expectNoSecret(content);
    expect(detail).toBe(
      '1 device, 0 templates, 1 credential; passwords not included, nor 2 secret custom fields',
    );
    const file = JSON.parse(content) as { secrets: unknown; devices: { customFields: unknown }[] };
    expect(file.secrets).toBeNull();
    expect(file.devices[0]?.customFields).toEqual([
      { name: 'HOME', kind: 'text', value: '/srv/app' },
      { name: 'API_KEY', kind: 'secret', value: '' },
    ]);

    const { env } = await fresh();
    // A create that stopped after sealing a value, before its row: the import's ids must not inherit it.
    await env.vault.put(customFieldRef('device', 1, 'API_KEY'), 'stale value');
    const outcome = await env.transfer.importBundle({ content }, actor);
    expect(outcome).toMatchObject({
      applied: true,
      passwords: 0,
      secretFields: 0,
      secretFieldsLeftOut: ['API_KEY of web-01', 'TOKEN of root @ web-01'],
    });
    const custom = customOf(env);
    // The forms learn that no value is stored (the stale one above is not the device's).
    expect(custom.device.fields).toEqual([
      { name: 'HOME', kind: 'text', value: '/srv/app', hasValue: true },
      { name: 'API_KEY', kind: 'secret', value: '', hasValue: false },
    ]);
    expect(custom.credential.fields).toEqual([{ name: 'TOKEN', kind: 'secret', value: '', hasValue: false }]);
    expect(custom.device.values.secret).toEqual({});
    expect(custom.credential.values.secret).toEqual({});
    expect(env.vault.has(customFieldRef('device', 1, 'API_KEY'))).toBe(false);
    expect(await importDetail(env)).toBe(
      '1 device, 0 templates, 1 credential imported; no passwords; 2 secret custom fields not in the bundle',
    );
  });

  it('a field imported without its value has one once it is typed; saved empty, it still has none', async () => {
    const { content } = await exported(false);
    const { env } = await fresh();
    await env.transfer.importBundle({ content }, actor);
    const [web] = env.devices.list();
    const [row] = env.credentials.exportRows();
    if (!web || !row) throw new Error('not imported');

    // Saved as imported (the form allows the empty value: a run refuses the tag by name).
    const keptEmpty = await env.credentials.save(
      row.id,
      credential({ deviceId: web.id, customFields: [{ name: 'TOKEN', kind: 'secret', value: '' }] }),
      keep,
      actor,
    );
    expect(keptEmpty.customFields).toEqual([{ name: 'TOKEN', kind: 'secret', value: '', hasValue: false }]);

    const typed = await env.devices.save(
      web.id,
      device({
        name: 'web-01',
        customFields: [
          { name: 'HOME', kind: 'text', value: '/srv/app' },
          { name: 'API_KEY', kind: 'secret', value: deviceSecret },
        ],
      }),
      actor,
    );
    expect(typed.customFields).toEqual([
      { name: 'HOME', kind: 'text', value: '/srv/app', hasValue: true },
      { name: 'API_KEY', kind: 'secret', value: '', hasValue: true },
    ]);
    expect(env.devices.get(web.id).customFields[1]).toEqual({
      name: 'API_KEY',
      kind: 'secret',
      value: '',
      hasValue: true,
    });
    // A flag only: the value is in nothing the renderer gets.
    expectNoSecret(JSON.stringify([typed, env.devices.list(), keptEmpty]));
  });
});

describe('an older bundle', () => {
  it('a version 2 file (text custom fields, passwords and keys sealed under its binding) still imports', async () => {
    const current = JSON.parse((await exported(false)).content) as Record<string, unknown> & {
      devices: { customFields: { kind: string }[] }[];
      credentials: { customFields: { kind: string }[] }[];
    };
    // What version 2 wrote: text custom fields only, and `{ passwords, keys }` sealed.
    const textOnly = <T extends { customFields: { kind: string }[] }>(r: T): T => ({
      ...r,
      customFields: r.customFields.filter((f) => f.kind === 'text'),
    });
    const params = newScryptParams(testCost);
    const key = await deriveKey(bundlePassphrase, params);
    const plaintext = Buffer.from(JSON.stringify({ passwords: { c1: rootPassword }, keys: {} }));
    const v2 = {
      ...current,
      version: 2,
      devices: current.devices.map(textOnly),
      credentials: current.credentials.map(textOnly),
      secrets: {
        kdf: { name: 'scrypt', ...params },
        sealed: seal(key, plaintext, 'jit-pam-bundle/2/secrets'),
      },
    };
    const { env } = await fresh();
    const outcome = await env.transfer.importBundle(
      { content: JSON.stringify(v2), passphrase: bundlePassphrase },
      actor,
    );
    expect(outcome).toMatchObject({ applied: true, passwords: 1, secretFields: 0, secretFieldsLeftOut: [] });
    const custom = customOf(env);
    expect(custom.device.fields).toEqual([{ name: 'HOME', kind: 'text', value: '/srv/app', hasValue: true }]);
    const [root] = env.credentials.exportRows();
    expect(root && env.vault.get(`credential:${root.id}`)).toBe(rootPassword);

    // The version binds the sealed blob: this version's relabelled as version 2 does not open.
    const v3 = JSON.parse((await exported(true)).content) as Record<string, unknown>;
    const { env: other } = await fresh();
    const relabelled = await other.transfer.importBundle(
      { content: JSON.stringify({ ...v3, version: 2 }), passphrase: bundlePassphrase },
      actor,
    );
    expect(relabelled).toMatchObject({ applied: false, problems: [{ path: 'secrets' }] });
  });
});
