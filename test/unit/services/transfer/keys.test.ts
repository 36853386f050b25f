/**
 * SSH private keys in bundles: sealed with the passwords (never in clear, never without secrets),
 * imported into the vault as passwords are (checked as the credential form checks them, undone
 * with the rest), and named when an export left them out.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { KeyChange } from '../../../../shared/domain/credential';
import { keyErrors, keyVaultRef, openKey } from '../../../../electron/services/credentials/private-key';
import { sealSecrets } from '../../../../electron/services/transfer/secrets';
import { deriveKey, newScryptParams, seal } from '../../../../electron/vault/crypto';
import { makeTempDir } from '../../../support/temp-dir';
import { FakeVault } from '../fake-vault';
import { actor, credential, device, keep, readCredentialFiles, setPassword, template } from '../harness';
import { builtIns, bundlePassphrase, FailingWrites, openEnv, settle, testCost, type Env } from './fixtures';
import { ed25519KeyPair } from '../../../support/ssh-key-pair';

const keyPassphrase = 'key-Passphrase-9';
const plainKey = ed25519KeyPair().private;
const lockedKey = ed25519KeyPair({
  passphrase: keyPassphrase,
  cipher: 'aes256-ctr',
  rounds: 4,
}).private;
const deployPassword = 'Depl0y-pa$$word';
const setKey = (privateKey: string, passphrase = ''): KeyChange => ({
  action: 'set',
  privateKey,
  passphrase,
});
/** Every line of a key's body: what a leak would show. */
const bodyLines = (key: string): string[] =>
  key.split('\n').filter((line) => line !== '' && !line.startsWith('-----'));

const dirs: ReturnType<typeof makeTempDir>[] = [];
const envs: Env[] = [];
afterEach(async () => {
  for (const env of envs.splice(0)) await env.close();
  for (const dir of dirs.splice(0)) dir.remove();
});

async function fresh(options: Parameters<typeof openEnv>[1] = { vault: 'real' }) {
  const dir = makeTempDir();
  dirs.push(dir);
  const env = await openEnv(dir.path, options);
  envs.push(env);
  await env.templates.installBuiltIns(builtIns);
  await settle();
  return { env, dir: dir.path };
}

/**
 * root @ web-01 logs in by key only (no password) and runs deploy's templates: the import's rules
 * must count its key, as the form's do. deploy has a password and an encrypted key.
 */
async function seedKeys(env: Env) {
  const builtIn = env.templates.rows().find((t) => t.builtIn);
  if (!builtIn) throw new Error('built-in not installed');
  const web = await env.devices.save(undefined, device({ name: 'web-01' }), actor);
  const disable = await env.templates.save(
    undefined,
    template({
      name: 'Disable',
      executionType: 'Credential disable',
      content: 'exec "usermod -L [#USERNAME#]"\n',
    }),
    actor,
  );
  const root = await env.credentials.save(
    undefined,
    credential({ username: 'root', deviceId: web.id }),
    keep,
    actor,
    undefined,
    setKey(plainKey),
  );
  await env.credentials.save(
    undefined,
    credential({
      username: 'deploy',
      deviceId: web.id,
      type: 'Local user',
      jit: {
        enabled: true,
        type: 'enable_disable',
        authCredentialId: root.id,
        enablePluginId: 'ssh',
        enableTemplateId: builtIn.id,
        disablePluginId: 'ssh',
        disableTemplateId: disable.id,
      },
    }),
    setPassword(deployPassword),
    actor,
    undefined,
    setKey(lockedKey, keyPassphrase),
  );
}

/** The key each credential holds in the vault, by `user`. */
function keysOf(env: Env): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of env.credentials.exportRows()) {
    const ref = keyVaultRef(c.id);
    if (env.vault.has(ref)) out[c.username] = openKey(env.vault.get(ref));
  }
  return out;
}

function expectNoKeyText(text: string) {
  for (const line of [...bodyLines(plainKey), ...bodyLines(lockedKey)]) expect(text).not.toContain(line);
  expect(text).not.toContain('PRIVATE KEY');
  expect(text).not.toContain(keyPassphrase);
}

/** The audit detail of each export, in order. */
const exportDetails: string[] = [];

async function exported(includeSecrets: boolean): Promise<string> {
  const { env } = await fresh();
  await seedKeys(env);
  const input = includeSecrets
    ? { includePasswords: true, passphrase: bundlePassphrase }
    : { includePasswords: false };
  const { content } = await env.transfer.exportBundle(input, actor);
  await settle();
  exportDetails.push(env.audit.list({ action: 'export' }, 0, 1).entries[0]?.detail ?? '');
  return content;
}

describe('SSH keys in an export with secrets', () => {
  it('travel sealed only, and arrive in the vault as they left (a plain key, an encrypted one with its passphrase)', async () => {
    const content = await exported(true);
    expectNoKeyText(content);
    expect(content).not.toContain(deployPassword);
    expect(exportDetails.at(-1)).toBe(
      '1 device, 1 template, 2 credentials; 1 password and 2 SSH keys included, encrypted with the bundle passphrase',
    );
    const file = JSON.parse(content) as {
      version: number;
      credentials: { username: string; hasKey: boolean }[];
    };
    expect(file.version).toBe(3);
    expect(file.credentials.map((c) => [c.username, c.hasKey])).toEqual([
      ['root', true],
      ['deploy', true],
    ]);

    const { env, dir } = await fresh();
    const outcome = await env.transfer.importBundle({ content, passphrase: bundlePassphrase }, actor);
    expect(outcome).toEqual({
      applied: true,
      devices: 1,
      templates: 1,
      credentials: 2,
      passwords: 1,
      keys: 2,
      keysLeftOut: [],
      secretFields: 0,
      secretFieldsLeftOut: [],
      skipped: [],
      renamed: [],
    });
    expect(keysOf(env)).toEqual({
      root: { privateKey: plainKey, passphrase: '' },
      deploy: { privateKey: lockedKey, passphrase: keyPassphrase },
    });
    // The imported keys are ones ssh can use: the encrypted one opens with its passphrase.
    expect(keyErrors(setKey(lockedKey, keyPassphrase))).toEqual([]);
    const views = env.credentials.exportRows().map((c) => env.credentials.get(c.id));
    expect(views.map((c) => [c.username, c.hasKey, c.hasPassword])).toEqual([
      ['root', true, false],
      ['deploy', true, true],
    ]);
    await settle();
    const [entry] = env.audit.list({ action: 'import' }, 0, 1).entries;
    expect(entry?.detail).toBe(
      '1 device, 1 template, 2 credentials imported; 1 password and 2 SSH keys stored in the vault',
    );
    // Sealed in the vault, as a form's Save seals them: nowhere else on disk, nor in the audit.
    expectNoKeyText(readCredentialFiles(dir));
    expectNoKeyText(JSON.stringify(env.audit.list({}, 0, 100).entries));
  });

  it('are refused, named by their credential, when the sealed text is not a usable private key', async () => {
    const source = JSON.parse(await exported(false)) as Record<string, unknown>;
    const cases: { key: unknown; message: RegExp }[] = [
      { key: { privateKey: 'not a key at all', passphrase: '' }, message: /Not a private key/ },
      {
        key: { privateKey: plainKey.replace(bodyLines(plainKey)[1] ?? '', 'AAAA'), passphrase: '' },
        message: /unsupported or damaged/,
      },
      {
        key: { privateKey: lockedKey, passphrase: 'wrong key passphrase' },
        message: /does not open this key/,
      },
      { key: { privateKey: lockedKey, passphrase: '' }, message: /is encrypted: enter its passphrase/ },
      {
        key: { privateKey: `${plainKey}\ud800`, passphrase: '' },
        message: /The key contains half of a character \(a lone UTF-16 surrogate\)/,
      },
      {
        key: { privateKey: plainKey, passphrase: 'pass\udc00phrase' },
        message: /The passphrase contains half of a character/,
      },
      { key: { privateKey: 42 }, message: /is malformed \(privateKey\)/ },
      { key: 'just a string', message: /is malformed/ },
    ];
    for (const { key, message } of cases) {
      const { env, dir } = await fresh();
      const secrets = await sealSecrets(
        { passwords: {}, keys: { c1: key as never } },
        bundlePassphrase,
        testCost,
      );
      const content = JSON.stringify({ ...source, secrets });
      const outcome = await env.transfer.importBundle({ content, passphrase: bundlePassphrase }, actor);
      expect(outcome.applied).toBe(false);
      const problems = outcome.applied ? [] : outcome.problems;
      expect(problems.map((p) => p.path)).toEqual(['secrets.keys["c1"]']);
      expect(problems[0]?.message).toMatch(message);
      expect(problems[0]?.message).toContain('The SSH key of credentials[0] (root @ web-01)');
      expectNoKeyText(JSON.stringify(problems));
      expect(env.credentials.exportRows()).toEqual([]);
      expect(readCredentialFiles(dir)).not.toContain('web-01');
    }
  });

  it('refuses a password with a NUL or half a character, naming the credential, never the value', async () => {
    const source = JSON.parse(await exported(false)) as Record<string, unknown>;
    const cases: [string, RegExp][] = [
      ['Nul\u0000-Pw-77', /^The password of credentials\[0\] contains a NUL character/],
      ['Half\ud83d-Pw-77', /^The password of credentials\[0\] contains half of a character/],
    ];
    for (const [password, message] of cases) {
      const { env } = await fresh();
      const secrets = await sealSecrets(
        { passwords: { c1: password }, keys: { c1: { privateKey: plainKey, passphrase: '' } } },
        bundlePassphrase,
        testCost,
      );
      const content = JSON.stringify({ ...source, secrets });
      const outcome = await env.transfer.importBundle({ content, passphrase: bundlePassphrase }, actor);
      const problems = outcome.applied ? [] : outcome.problems;
      expect(problems.map((p) => p.path)).toEqual(['secrets["c1"]']);
      expect(problems[0]?.message).toMatch(message);
      expect(JSON.stringify(problems)).not.toContain('-Pw-77');
      expect(env.credentials.exportRows()).toEqual([]);
    }
  });

  it('refuses a key for a ref that is no credential of the bundle', async () => {
    const source = JSON.parse(await exported(false)) as Record<string, unknown>;
    const { env } = await fresh();
    const secrets = await sealSecrets(
      {
        passwords: {},
        keys: { c1: { privateKey: plainKey, passphrase: '' }, c9: { privateKey: plainKey, passphrase: '' } },
      },
      bundlePassphrase,
      testCost,
    );
    const outcome = await env.transfer.importBundle(
      { content: JSON.stringify({ ...source, secrets }), passphrase: bundlePassphrase },
      actor,
    );
    expect(outcome).toEqual({
      applied: false,
      problems: [
        {
          path: 'secrets.keys["c9"]',
          message: 'An SSH key for "c9", which is not a credential of this bundle',
        },
      ],
    });
  });
});

describe('SSH keys in an export without secrets', () => {
  it('are not in the file, which says who had one; the import names them to add by hand', async () => {
    const content = await exported(false);
    expectNoKeyText(content);
    expect(exportDetails.at(-1)).toBe(
      '1 device, 1 template, 2 credentials; passwords not included, nor 2 SSH keys',
    );
    const file = JSON.parse(content) as { secrets: unknown; credentials: { hasKey: boolean }[] };
    expect(file.secrets).toBeNull();
    expect(file.credentials.map((c) => c.hasKey)).toEqual([true, true]);

    // Without its key, root has nothing to log in with: deploy's templates cannot run as root.
    const { env } = await fresh();
    const refused = await env.transfer.importBundle({ content }, actor);
    expect(refused).toMatchObject({
      applied: false,
      problems: [
        { path: 'credentials[1].jitRefs.authCredentialRef', message: 'root @ web-01 has no password' },
      ],
    });

    // Without the JIT link, it imports, and says whose key to add.
    const unlinked = JSON.parse(content) as { credentials: Record<string, unknown>[] };
    unlinked.credentials = unlinked.credentials.map((c) =>
      c.username === 'deploy' ? { ...c, jit: { enabled: false } } : c,
    );
    const outcome = await env.transfer.importBundle({ content: JSON.stringify(unlinked) }, actor);
    expect(outcome).toMatchObject({
      applied: true,
      credentials: 2,
      passwords: 0,
      keys: 0,
      keysLeftOut: ['root @ web-01', 'deploy @ web-01'],
      skipped: [],
      renamed: [],
    });
    expect(keysOf(env)).toEqual({});
    await settle();
    const [entry] = env.audit.list({ action: 'import' }, 0, 1).entries;
    expect(entry?.detail).toBe(
      '1 device, 1 template, 2 credentials imported; no passwords; 2 SSH keys not in the bundle',
    );
  });
});

/** A vault whose `put` fails from the nth call on (the disk filled up while writing secrets). */
class FailingVault extends FakeVault {
  puts = 0;
  constructor(private readonly failFrom: number) {
    super();
  }
  override put(ref: string, secret: string): Promise<void> {
    this.puts += 1;
    if (this.puts >= this.failFrom) return Promise.reject(new Error('vault write failed (test)'));
    return super.put(ref, secret);
  }
}

describe('SSH keys and a failed or older import', () => {
  it('the vault fails half-way through the secrets: the keys written are removed too', async () => {
    const content = await exported(true);
    const vault = new FailingVault(3);
    const { env } = await fresh({ vault });
    await expect(env.transfer.importBundle({ content, passphrase: bundlePassphrase }, actor)).rejects.toThrow(
      'vault write failed (test)',
    );
    // root's key, deploy's password, then deploy's key fails: every one tried is removed.
    expect(vault.writes).toEqual([
      'put credential-key:1',
      'put credential:2',
      'remove credential-key:1',
      'remove credential:2',
      'remove credential-key:2',
    ]);
    expect(env.credentials.exportRows()).toEqual([]);
  });

  it('a failing write undoes the import and removes the keys it wrote', async () => {
    const content = await exported(true);
    const writes = new FailingWrites();
    const { env } = await fresh({ vault: 'real', writes });
    writes.failing.add('credentials');
    await expect(env.transfer.importBundle({ content, passphrase: bundlePassphrase }, actor)).rejects.toThrow(
      'write of credentials failed (test)',
    );
    for (let id = 1; id <= 10; id++) {
      expect(env.vault.has(keyVaultRef(id))).toBe(false);
      expect(env.vault.has(`credential:${id}`)).toBe(false);
    }
    expect(env.credentials.exportRows()).toEqual([]);
  });

  it('an id the import takes does not inherit a stale key left by a crashed create', async () => {
    const content = await exported(false);
    const unlinked = JSON.parse(content) as { credentials: Record<string, unknown>[] };
    unlinked.credentials = unlinked.credentials.map((c) => ({ ...c, jit: { enabled: false } }));
    const { env } = await fresh();
    // A create that stopped after sealing its key, before its row: every id the import may take.
    for (let id = 1; id <= 5; id++)
      await env.vault.put(keyVaultRef(id), JSON.stringify({ privateKey: plainKey, passphrase: '' }));
    const outcome = await env.transfer.importBundle({ content: JSON.stringify(unlinked) }, actor);
    expect(outcome).toMatchObject({ applied: true, credentials: 2, keys: 0 });
    for (const c of env.credentials.exportRows()) expect(env.vault.has(keyVaultRef(c.id))).toBe(false);
  });

  it('a version 1 bundle (passwords only, sealed under the version 1 binding) still imports', async () => {
    const current = JSON.parse(await exported(false)) as Record<string, unknown> & {
      credentials: Record<string, unknown>[];
    };
    // What the previous version wrote: no hasKey, secrets a map of ref → password.
    const params = newScryptParams(testCost);
    const key = await deriveKey(bundlePassphrase, params);
    const sealed = seal(key, Buffer.from(JSON.stringify({ c2: deployPassword })), 'jit-pam-bundle/1/secrets');
    const v1 = {
      ...current,
      version: 1,
      credentials: current.credentials.map(({ hasKey: _hasKey, ...c }) =>
        c.username === 'root' ? c : { ...c, jit: { enabled: false } },
      ),
      secrets: { kdf: { name: 'scrypt', ...params }, sealed },
    };
    const { env } = await fresh();
    const outcome = await env.transfer.importBundle(
      { content: JSON.stringify(v1), passphrase: bundlePassphrase },
      actor,
    );
    expect(outcome).toEqual({
      applied: true,
      devices: 1,
      templates: 1,
      credentials: 2,
      passwords: 1,
      keys: 0,
      keysLeftOut: [],
      secretFields: 0,
      secretFieldsLeftOut: [],
      skipped: [],
      renamed: [],
    });
    const deploy = env.credentials.exportRows().find((c) => c.username === 'deploy');
    expect(deploy && env.vault.get(`credential:${deploy.id}`)).toBe(deployPassword);

    // The version binds the sealed blob: a blob of this version relabelled as version 1 does not open.
    const v2 = JSON.parse(await exported(true)) as Record<string, unknown>;
    const { env: other } = await fresh();
    const relabelled = await other.transfer.importBundle(
      { content: JSON.stringify({ ...v2, version: 1 }), passphrase: bundlePassphrase },
      actor,
    );
    expect(relabelled).toEqual({
      applied: false,
      problems: [
        {
          path: 'secrets',
          message: 'Wrong passphrase: the passwords could not be decrypted (or the file was altered)',
        },
      ],
    });
  });
});
