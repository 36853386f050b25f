import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CredentialJit, PasswordChange } from '../../../../shared/domain/credential';
import { makeTempDir } from '../../../support/temp-dir';
import {
  actor,
  createDeleteJit,
  credential,
  device,
  enableDisableJit,
  keep,
  openServices,
  seedJit,
  setPassword,
  template,
  type Seed,
  type Services,
} from '../harness';

/** Every rule of shared/domain/rules/credential-rules.ts, through the service on its own data. */
let dir: ReturnType<typeof makeTempDir>;
let s: Services;
let seed: Seed;
beforeEach(async () => {
  dir = makeTempDir();
  s = openServices(dir.path);
  seed = await seedJit(s);
});
afterEach(async () => {
  await s.audit.close();
  dir.remove();
});

const saveJit = (
  jit: Partial<CredentialJit>,
  password: PasswordChange = keep,
  id?: number,
  username = 'jit',
) => s.credentials.save(id, credential({ username, deviceId: seed.web.id, jit }), password, actor);

describe('credential rules through the service', () => {
  it('accepts both JIT types when complete', async () => {
    expect((await saveJit(enableDisableJit(seed))).jit.type).toBe('enable_disable');
    expect((await saveJit(createDeleteJit(seed), setPassword('pw'), undefined, 'jit2')).jit.type).toBe(
      'create_delete',
    );
  });

  it('needs an existing device, and an inactive device only takes inactive credentials', async () => {
    await expect(
      s.credentials.save(undefined, credential({ deviceId: 99 }), keep, actor),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'deviceId' });
    const off = await s.devices.save(undefined, device({ name: 'off', active: false }), actor);
    await expect(
      s.credentials.save(undefined, credential({ deviceId: off.id }), keep, actor),
    ).rejects.toMatchObject({
      field: 'status',
      message: 'The device off is inactive: the credential must be Inactive',
    });
    expect(
      (await s.credentials.save(undefined, credential({ deviceId: off.id, status: 'Inactive' }), keep, actor))
        .status,
    ).toBe('Inactive');
  });

  it('a JIT credential needs a type', async () => {
    await expect(saveJit({ enabled: true })).rejects.toMatchObject({ field: 'jit.type' });
    // JIT off: nothing else is checked, and half-filled choices are kept.
    expect((await saveJit({ enabled: false, enableTemplateId: 12345 })).jit.enableTemplateId).toBe(12345);
  });

  it.each([
    ['enablePluginId', { enablePluginId: null }, 'Choose the enable plugin'],
    ['enableTemplateId', { enableTemplateId: null }, 'Choose the enable template'],
    ['disablePluginId', { disablePluginId: null }, 'Choose the disable plugin'],
    ['disableTemplateId', { disableTemplateId: null }, 'Choose the disable template'],
    ['enablePluginId', { enablePluginId: 'oracle' }, 'Oracle Database is not available in this build'],
    ['enableTemplateId', { enableTemplateId: 999 }, 'The template does not exist'],
  ] as const)('Enable/Disable: %s is checked (%s)', async (field, change, message) => {
    await expect(saveJit({ ...enableDisableJit(seed), ...change })).rejects.toMatchObject({
      code: 'invalid_input',
      field: `jit.${field}`,
      message,
    });
  });

  it.each([
    ['createPluginId', { createPluginId: null }],
    ['createTemplateId', { createTemplateId: null }],
    ['deletePluginId', { deletePluginId: null }],
    ['deleteTemplateId', { deleteTemplateId: null }],
  ] as const)('Creation and deletion: %s is required', async (field, change) => {
    await expect(saveJit({ ...createDeleteJit(seed), ...change }, setPassword('pw'))).rejects.toMatchObject({
      field: `jit.${field}`,
    });
  });

  it("only the chosen type's section is required", async () => {
    const jit = { ...enableDisableJit(seed), createPluginId: null, createTemplateId: null };
    expect((await saveJit(jit)).jit.enabled).toBe(true);
    const other = { ...createDeleteJit(seed), enablePluginId: null, disableTemplateId: 4242 };
    expect((await saveJit(other, setPassword('pw'), undefined, 'jit2')).jit.type).toBe('create_delete');
  });

  it('refuses a template of another plugin, of the wrong execution type, or inactive', async () => {
    const pg = await s.templates.save(
      undefined,
      template({ name: 'PG enable', pluginId: 'postgresql', content: 'ALTER ROLE "[#USERNAME#]" LOGIN' }),
      actor,
    );
    await expect(saveJit({ ...enableDisableJit(seed), enableTemplateId: pg.id })).rejects.toMatchObject({
      field: 'jit.enableTemplateId',
      message: 'PG enable belongs to another plugin',
    });
    await expect(
      saveJit({ ...enableDisableJit(seed), enableTemplateId: seed.disable.id }),
    ).rejects.toMatchObject({
      field: 'jit.enableTemplateId',
      message: 'Disable is a "Credential disable" template, not "Credential enable"',
    });
    await s.templates.save(
      seed.create.id,
      template({ name: 'Create', executionType: 'New user', active: false }),
      actor,
    );
    await expect(saveJit(createDeleteJit(seed), setPassword('pw'))).rejects.toMatchObject({
      field: 'jit.createTemplateId',
      message: 'Create is inactive',
    });
  });

  it('Enable/Disable cannot use its own credential', async () => {
    await expect(
      saveJit({ ...enableDisableJit(seed), useOwnCredential: true }, setPassword('pw')),
    ).rejects.toMatchObject({
      field: 'jit.useOwnCredential',
      message: expect.stringContaining('A disabled account cannot enable itself') as string,
    });
  });

  it('use own credential needs a password now or after this save', async () => {
    await expect(saveJit(createDeleteJit(seed))).rejects.toMatchObject({
      field: 'jit.useOwnCredential',
      message: 'This credential has no password to connect with',
    });
    const ok = await saveJit(createDeleteJit(seed), { action: 'generate' });
    expect(ok.hasPassword).toBe(true);
    // Kept password counts; clearing it does not.
    expect((await saveJit({ ...createDeleteJit(seed), enabled: true }, keep, ok.id)).id).toBe(ok.id);
    await expect(saveJit(createDeleteJit(seed), { action: 'clear' }, ok.id)).rejects.toMatchObject({
      field: 'jit.useOwnCredential',
    });
  });

  it('the authentication credential must be another, existing, active credential with a password', async () => {
    const auth = (authCredentialId: number | null) => ({ ...enableDisableJit(seed), authCredentialId });
    await expect(saveJit(auth(null))).rejects.toMatchObject({ field: 'jit.authCredentialId' });
    await expect(saveJit(auth(9999))).rejects.toMatchObject({
      message: 'The authentication credential does not exist',
    });

    const self = await saveJit({ enabled: false });
    await expect(saveJit(auth(self.id), keep, self.id)).rejects.toMatchObject({
      message: 'Choose another credential, or use own credential',
    });

    const nopw = await s.credentials.save(
      undefined,
      credential({ username: 'nopw', deviceId: seed.web.id }),
      keep,
      actor,
    );
    await expect(saveJit(auth(nopw.id))).rejects.toMatchObject({
      message: 'nopw @ web-01 has no password',
    });

    const idle = await s.credentials.save(
      undefined,
      credential({ username: 'idle', deviceId: seed.web.id, status: 'Inactive' }),
      setPassword('pw'),
      actor,
    );
    await expect(saveJit(auth(idle.id))).rejects.toMatchObject({
      message: 'idle @ web-01 is inactive',
    });

    const gone = await s.credentials.save(
      undefined,
      credential({ username: 'gone', deviceId: seed.web.id }),
      setPassword('pw'),
      actor,
    );
    await s.credentials.delete(gone.id, actor);
    await expect(saveJit(auth(gone.id))).rejects.toMatchObject({
      message: 'The authentication credential does not exist',
    });
  });

  it('reports every broken rule: the first one’s field, all messages', async () => {
    const jit = {
      ...enableDisableJit(seed),
      authCredentialId: null,
      enableTemplateId: null,
      disablePluginId: null,
    };
    await expect(saveJit(jit)).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'jit.authCredentialId',
      message:
        'Choose the credential that runs the templates; Choose the enable template; Choose the disable plugin',
    });
  });
});
