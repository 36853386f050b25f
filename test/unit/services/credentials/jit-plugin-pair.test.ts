import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CredentialFields, CredentialJit } from '../../../../shared/domain/credential';
import { defaultJit } from '../../../../shared/domain/credential';
import { checkCredential, type RuleContext } from '../../../../shared/domain/rules/credential-rules';
import { makeTempDir } from '../../../support/temp-dir';
import {
  actor,
  createDeleteJit,
  credential,
  enableDisableJit,
  keep,
  openServices,
  seedJit,
  setPassword,
  template,
  type Seed,
  type Services,
} from '../harness';

/** What one plugin made or enabled only that plugin can remove or disable. */
const creationMessage =
  'Deletion must use the plugin of Creation (SSH): an account one plugin made cannot be removed by another';
const enableMessage =
  'Disable must use the plugin of Enable (PostgreSQL): an account one plugin enabled cannot be disabled by another';

describe('the rule itself (shared: the form runs it too)', () => {
  const ctx: RuleContext = {
    selfId: null,
    selfHasPassword: true,
    devices: [{ id: 1, name: 'web-01', active: true }],
    credentials: [
      { id: 2, username: 'admin', deviceName: 'web-01', status: 'Active', deleted: false, hasPassword: true },
    ],
    templates: [
      { id: 10, name: 'Create', pluginId: 'ssh', executionType: 'New user', active: true },
      { id: 11, name: 'Delete', pluginId: 'ssh', executionType: 'User delete', active: true },
      { id: 12, name: 'My delete', pluginId: 'mysql', executionType: 'User delete', active: true },
      { id: 13, name: 'PG enable', pluginId: 'postgresql', executionType: 'Credential enable', active: true },
      { id: 14, name: 'Disable', pluginId: 'ssh', executionType: 'Credential disable', active: true },
    ],
  };
  const fields = (jit: Partial<CredentialJit>): CredentialFields => ({
    username: 'jit',
    type: 'Local user',
    deviceId: 1,
    domain: '',
    additionalInfo: '',
    status: 'Active',
    tags: [],
    jit: { ...defaultJit, enabled: true, ...jit },
    customFields: [],
  });
  const createDelete = {
    type: 'create_delete' as const,
    useOwnCredential: true,
    createPluginId: 'ssh' as const,
    createTemplateId: 10,
    deletePluginId: 'ssh' as const,
    deleteTemplateId: 11,
  };

  it('Creation via SSH with Deletion via MySQL: an error on the deletion plugin only', () => {
    expect(checkCredential(fields(createDelete), keep, ctx)).toEqual([]);
    expect(
      checkCredential(fields({ ...createDelete, deletePluginId: 'mysql', deleteTemplateId: 12 }), keep, ctx),
    ).toEqual([{ field: 'jit.deletePluginId', message: creationMessage }]);
  });

  it('Enable via PostgreSQL with Disable via SSH: an error on the disable plugin only', () => {
    const jit = {
      type: 'enable_disable' as const,
      authCredentialId: 2,
      enablePluginId: 'postgresql' as const,
      enableTemplateId: 13,
      disablePluginId: 'ssh' as const,
      disableTemplateId: 14,
    };
    expect(checkCredential(fields(jit), keep, ctx)).toEqual([
      { field: 'jit.disablePluginId', message: enableMessage },
    ]);
  });

  it('says nothing while a plugin is not chosen, or when the first is not usable (its own error says why)', () => {
    expect(checkCredential(fields({ ...createDelete, createPluginId: null }), keep, ctx)).toEqual([
      { field: 'jit.createPluginId', message: 'Choose the creation plugin' },
    ]);
    expect(checkCredential(fields({ ...createDelete, createPluginId: 'oracle' }), keep, ctx)).toEqual([
      { field: 'jit.createPluginId', message: 'Oracle Database is not available in this build' },
    ]);
  });
});

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

const saveJit = (jit: Partial<CredentialJit>, username = 'jit') =>
  s.credentials.save(
    undefined,
    credential({ username, deviceId: seed.web.id, jit }),
    setPassword('Jit-pw-1'),
    actor,
  );

describe('the core refuses a JIT type whose two directions use different plugins', () => {
  it('Creation via SSH, Deletion via MySQL', async () => {
    const myDelete = await s.templates.save(
      undefined,
      template({
        name: 'My delete',
        pluginId: 'mysql',
        executionType: 'User delete',
        content: 'DROP USER [#USERNAME#];',
      }),
      actor,
    );
    const size = s.audit.size;
    await expect(
      saveJit({ ...createDeleteJit(seed), deletePluginId: 'mysql', deleteTemplateId: myDelete.id }),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'jit.deletePluginId', message: creationMessage });
    expect(s.audit.size).toBe(size);
    expect(s.credentials.options().rows.map((r) => r.username)).toEqual(['admin']);
  });

  it('Enable via PostgreSQL, Disable via SSH', async () => {
    const pgEnable = await s.templates.save(
      undefined,
      template({ name: 'PG enable', pluginId: 'postgresql', content: 'ALTER ROLE "[#USERNAME#]" LOGIN' }),
      actor,
    );
    await expect(
      saveJit({ ...enableDisableJit(seed), enablePluginId: 'postgresql', enableTemplateId: pgEnable.id }),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'jit.disablePluginId', message: enableMessage });
  });

  it('only the chosen type counts: the kept choices of the other section may differ', async () => {
    const saved = await saveJit({
      ...enableDisableJit(seed),
      createPluginId: 'ssh',
      deletePluginId: 'mysql',
    });
    expect(saved.jit.deletePluginId).toBe('mysql');
    // JIT off: nothing is checked.
    const off = await saveJit({ ...createDeleteJit(seed), enabled: false, deletePluginId: 'ldap' }, 'off');
    expect(off.jit.enabled).toBe(false);
  });
});
