import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { credentialQuerySchema } from '../../../../shared/contract/credentials';
import type { KeyChange } from '../../../../shared/domain/credential';
import { CredentialLogins } from '../../../../electron/services/credentials/credential-logins';
import { keyVaultRef, openKey } from '../../../../electron/services/credentials/private-key';
import { ServiceError } from '../../../../electron/services/service-error';
import { runSecrets } from '../../../../electron/plugins/tag-engine';
import { makeTempDir } from '../../../support/temp-dir';
import {
  actor,
  credential,
  device,
  enableDisableJit,
  keep,
  openServices,
  readCredentialFiles,
  readText,
  seedJit,
  settle,
  type Services,
} from '../harness';
import { ed25519KeyPair } from '../../../support/ssh-key-pair';

let dir: ReturnType<typeof makeTempDir>;
let s: Services;
beforeEach(() => {
  dir = makeTempDir();
  s = openServices(dir.path);
});
afterEach(async () => {
  await s.audit.close();
  dir.remove();
});

const plainKey = ed25519KeyPair().private;
const lockedKey = ed25519KeyPair({
  passphrase: 'key-Passphrase-9',
  cipher: 'aes256-ctr',
  rounds: 4,
}).private;
const setKey = (privateKey: string, passphrase = ''): KeyChange => ({
  action: 'set',
  privateKey,
  passphrase,
});
/** A line of the key's body: what a leak would show. */
const bodyLine = (key: string): string => key.split('\n')[2] ?? '';

async function refusal(run: Promise<unknown>): Promise<ServiceError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServiceError);
  return error as ServiceError;
}

const logins = (services: Services) =>
  new CredentialLogins({
    credentials: services.credentials,
    devices: services.devices,
    vault: services.vault,
  });

describe('a credential with an SSH private key', () => {
  it('seals the key and its passphrase in the vault, and shows only that a key is stored', async () => {
    const web = await s.devices.save(undefined, device(), actor);
    const saved = await s.credentials.save(
      undefined,
      credential({ deviceId: web.id }),
      keep,
      actor,
      undefined,
      setKey(lockedKey, 'key-Passphrase-9'),
    );
    expect(saved).toMatchObject({ hasKey: true, hasPassword: false });
    expect(openKey(s.vault.secrets.get(keyVaultRef(saved.id)) ?? '')).toEqual({
      privateKey: lockedKey,
      passphrase: 'key-Passphrase-9',
    });
    await settle();
    const returned = JSON.stringify([
      saved,
      s.credentials.get(saved.id),
      s.credentials.list(credentialQuerySchema.parse({})),
      s.credentials.options(),
      s.credentials.history(saved.id),
      s.emitted,
    ]);
    for (const text of [returned, readCredentialFiles(dir.path), readText(dir.path, 'audit.jsonl')]) {
      expect(text).not.toContain(bodyLine(lockedKey));
      expect(text).not.toContain('key-Passphrase-9');
    }
    expect(s.audit.forEntity('credential', saved.id)[0]).toMatchObject({
      action: 'create',
      fields: expect.arrayContaining(['privateKey']) as string[],
      detail: 'SSH key set',
    });
    expect(s.credentials.options({ usable: true }).rows.map((r) => r.id)).toEqual([saved.id]);
  });

  it('refuses a key that does not parse, beside the field, without echoing it, and writes nothing', async () => {
    const web = await s.devices.save(undefined, device(), actor);
    const cases: [KeyChange, string, string][] = [
      [setKey('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI not-a-private-key'), 'privateKey', 'Not a private key'],
      [
        setKey(
          plainKey.replace(
            bodyLine(plainKey),
            'AAAA' + bodyLine(plainKey).slice(4).split('').reverse().join(''),
          ),
        ),
        'privateKey',
        'Not a private key',
      ],
      [setKey(lockedKey), 'keyPassphrase', 'The key is encrypted: enter its passphrase'],
      [setKey(lockedKey, 'wrong-passphrase'), 'keyPassphrase', 'The passphrase does not open this key'],
    ];
    for (const [key, field, message] of cases) {
      const error = await refusal(
        s.credentials.save(undefined, credential({ deviceId: web.id }), keep, actor, undefined, key),
      );
      expect(error.field).toBe(field);
      expect(error.message).toContain(message);
      if (key.action === 'set' && key.privateKey.startsWith('-----')) {
        expect(error.message).not.toContain(bodyLine(key.privateKey).slice(0, 20));
      }
    }
    expect(s.credentials.options().total).toBe(0);
    expect(s.vault.writes).toEqual([]);
  });

  it('keeps the key on a save without a key change, and clears it on request', async () => {
    const web = await s.devices.save(undefined, device(), actor);
    const saved = await s.credentials.save(
      undefined,
      credential({ deviceId: web.id }),
      keep,
      actor,
      undefined,
      setKey(plainKey),
    );
    const renamed = await s.credentials.save(
      saved.id,
      credential({ deviceId: web.id, tags: ['prod'] }),
      keep,
      actor,
    );
    expect(renamed.hasKey).toBe(true);
    const cleared = await s.credentials.save(
      saved.id,
      credential({ deviceId: web.id, tags: ['prod'] }),
      keep,
      actor,
      undefined,
      { action: 'clear' },
    );
    expect(cleared.hasKey).toBe(false);
    expect(s.vault.secrets.has(keyVaultRef(saved.id))).toBe(false);
    expect(s.audit.forEntity('credential', saved.id)[0]).toMatchObject({
      fields: ['privateKey'],
      detail: 'SSH key cleared',
    });
  });

  it('may authenticate JIT credentials with its key alone, and is not left without a way to log in', async () => {
    const seed = await seedJit(s);
    const rootKey = await s.credentials.save(
      undefined,
      credential({ username: 'root', deviceId: seed.web.id }),
      keep,
      actor,
      undefined,
      setKey(plainKey),
    );
    const jit = await s.credentials.save(
      undefined,
      credential({ username: 'jit1', deviceId: seed.web.id, jit: enableDisableJit(seed, rootKey.id) }),
      keep,
      actor,
    );
    expect(jit.jit.authCredentialId).toBe(rootKey.id);
    const error = await refusal(
      s.credentials.save(
        rootKey.id,
        credential({ username: 'root', deviceId: seed.web.id }),
        keep,
        actor,
        undefined,
        { action: 'clear' },
      ),
    );
    expect(error).toMatchObject({ code: 'conflict', field: 'privateKey' });
  });
});

describe('CredentialLogins.loginFor with a key', () => {
  it('logs in with the key and its passphrase; with both, the password too (for sudo)', async () => {
    const web = await s.devices.save(undefined, device(), actor);
    const keyOnly = await s.credentials.save(
      undefined,
      credential({ deviceId: web.id }),
      keep,
      actor,
      undefined,
      setKey(lockedKey, 'key-Passphrase-9'),
    );
    const { login } = logins(s).loginFor(keyOnly.id, { field: 'f', purpose: 'to run templates' });
    expect(login).toEqual({ username: 'root', privateKey: lockedKey, passphrase: 'key-Passphrase-9' });

    const both = await s.credentials.save(
      undefined,
      credential({ username: 'ops', deviceId: web.id }),
      { action: 'set', value: 'Ops-pw-1' },
      actor,
      undefined,
      setKey(plainKey),
    );
    expect(logins(s).loginFor(both.id, { field: 'f', purpose: 'p' }).login).toEqual({
      username: 'ops',
      password: 'Ops-pw-1',
      privateKey: plainKey,
    });
  });

  it('refuses a credential with neither a password nor a key', async () => {
    const web = await s.devices.save(undefined, device(), actor);
    const none = await s.credentials.save(undefined, credential({ deviceId: web.id }), keep, actor);
    expect(() => logins(s).loginFor(none.id, { field: 'runAs', purpose: 'p' })).toThrow(
      'root @ web-01 has no password or key to connect with',
    );
  });

  it('masks the key, each of its lines, and its passphrase in run output', () => {
    const secrets = runSecrets(
      {},
      { username: 'root', privateKey: lockedKey, passphrase: 'key-Passphrase-9' },
    );
    expect(secrets).toContain('key-Passphrase-9');
    expect(secrets).toContain(bodyLine(lockedKey));
  });
});
