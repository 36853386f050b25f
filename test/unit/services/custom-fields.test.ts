// Custom fields on credentials and devices: text values in the record, secret values sealed in
// the vault (never in a record, a returned object, a file or the audit log), kept when saved
// empty, audited by name; and the values a run gets, the credential's winning over the device's.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tagValues } from '../../../electron/operations/tag-values';
import { customFieldRef } from '../../../electron/services/custom-field-secrets';
import { isSecretTag, runSecrets } from '../../../electron/plugins/tag-engine';
import { makeTempDir } from '../../support/temp-dir';
import {
  actor,
  credential,
  device,
  keep,
  openServices,
  readCredentialFiles,
  readText,
  settle,
  type Services,
} from './harness';

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

const apiKey = 'Api-K3y-Never-Shown';

describe('custom fields on a credential', () => {
  it('keeps a text value in the record and a secret one only in the vault, audited by name', async () => {
    const web = await s.devices.save(undefined, device(), actor);
    const fields = [
      { name: 'HOME_DIR', kind: 'text' as const, value: '/srv/home' },
      { name: 'API_KEY', kind: 'secret' as const, value: apiKey },
    ];
    const saved = await s.credentials.save(
      undefined,
      credential({ deviceId: web.id, customFields: fields }),
      keep,
      actor,
    );
    expect(saved.customFields).toEqual([
      { name: 'HOME_DIR', kind: 'text', value: '/srv/home', hasValue: true },
      { name: 'API_KEY', kind: 'secret', value: '', hasValue: true },
    ]);
    expect(s.vault.secrets.get(customFieldRef('credential', saved.id, 'API_KEY'))).toBe(apiKey);
    await settle();
    const history = s.credentials.history(saved.id);
    expect(history[0]?.fields).toEqual(
      expect.arrayContaining(['customFields.HOME_DIR', 'customFields.API_KEY']),
    );
    expect(JSON.stringify([saved, s.credentials.get(saved.id), history])).not.toContain(apiKey);
    expect(readCredentialFiles(dir.path)).not.toContain(apiKey);
    expect(readCredentialFiles(dir.path)).toContain('/srv/home');

    // Saved with the secret left empty: kept; the audit entry names only what changed.
    const kept = await s.credentials.save(
      saved.id,
      credential({
        deviceId: web.id,
        customFields: [
          { name: 'HOME_DIR', kind: 'text', value: '/srv/other' },
          { name: 'API_KEY', kind: 'secret', value: '' },
        ],
      }),
      keep,
      actor,
    );
    expect(s.vault.secrets.get(customFieldRef('credential', kept.id, 'API_KEY'))).toBe(apiKey);
    expect(s.credentials.history(saved.id)[0]?.fields).toEqual(['customFields.HOME_DIR']);
    expect(kept.customFields[1]).toEqual({ name: 'API_KEY', kind: 'secret', value: '', hasValue: true });
    // The vault answers whether it holds the value while locked too (never the value itself).
    s.vault.state = 'locked';
    expect(s.credentials.get(saved.id).customFields[1]?.hasValue).toBe(true);
    s.vault.state = 'unlocked';

    // Removed: its sealed value goes with it.
    await s.credentials.save(saved.id, credential({ deviceId: web.id, customFields: [] }), keep, actor);
    expect(s.vault.secrets.has(customFieldRef('credential', saved.id, 'API_KEY'))).toBe(false);
  });

  it('refuses bad rows beside each field, writing nothing', async () => {
    const web = await s.devices.save(undefined, device(), actor);
    const writes = s.vault.writes.length;
    await expect(
      s.credentials.save(
        undefined,
        // Past the contract's schema (which refuses the name too): the core checks on its own.
        {
          ...credential({ deviceId: web.id }),
          customFields: [
            { name: 'USERNAME', kind: 'text', value: 'x' },
            { name: 'KEY', kind: 'secret', value: '' },
          ],
        },
        keep,
        actor,
      ),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      problems: [
        { field: 'customFields.0.name', message: '[#USERNAME#] is a built-in tag: choose another name' },
        { field: 'customFields.1.value', message: 'Required' },
      ],
    });
    expect(s.vault.writes.length).toBe(writes);
  });

  it('refuses a secret change while the vault is locked', async () => {
    const web = await s.devices.save(undefined, device(), actor);
    s.vault.state = 'locked';
    await expect(
      s.credentials.save(
        undefined,
        credential({ deviceId: web.id, customFields: [{ name: 'K', kind: 'secret', value: 'v' }] }),
        keep,
        actor,
      ),
    ).rejects.toMatchObject({ code: 'locked' });
  });
});

describe('custom fields on a device, and the values of a run', () => {
  it('seals a device’s secret, and a run takes the credential’s field over the device’s', async () => {
    const web = await s.devices.save(
      undefined,
      device({
        customFields: [
          { name: 'REGION', kind: 'text', value: 'eu-west' },
          { name: 'API_KEY', kind: 'secret', value: 'device-Key-1' },
        ],
      }),
      actor,
    );
    expect(web.customFields).toEqual([
      { name: 'REGION', kind: 'text', value: 'eu-west', hasValue: true },
      { name: 'API_KEY', kind: 'secret', value: '', hasValue: true },
    ]);
    expect(s.devices.list()[0]?.customFields[1]?.hasValue).toBe(true);
    expect(readText(dir.path, 'config.json')).not.toContain('device-Key-1');
    const c = await s.credentials.save(
      undefined,
      credential({ deviceId: web.id, customFields: [{ name: 'API_KEY', kind: 'secret', value: apiKey }] }),
      keep,
      actor,
    );
    const tags = tagValues({
      username: 'u',
      newPassword: 'n',
      currentPassword: 'c',
      login: { username: 'root', password: 'p', domain: '' },
      device: { name: web.name, address: web.address },
      additionalInfo: '',
      domain: '',
      expiration: new Date('2030-01-01T00:00:00Z'),
      sessionId: 'S-1',
      requester: actor,
      custom: { credential: s.credentials.customValues(c.id), device: s.devices.customValues(web.id) },
    });
    expect(tags.API_KEY).toBe(apiKey);
    expect(tags.REGION).toBe('eu-west');
    expect(isSecretTag('API_KEY', tags)).toBe(true);
    expect(isSecretTag('REGION', tags)).toBe(false);
    expect(runSecrets(tags)).toContain(apiKey);
    expect(runSecrets(tags)).not.toContain('device-Key-1');

    await s.devices.delete(web.id, actor).catch(() => undefined);
  });
});
