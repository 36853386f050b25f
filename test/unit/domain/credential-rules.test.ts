/**
 * The credential rules (shared/domain/rules/credential-rules.ts) on their own, cases found by
 * reading them for `npm run mutation`: a stored SSH key as the way to connect, what a JIT
 * credential depends on (what blocks deleting a template or a credential), and the warnings'
 * edges. The service-level tests (test/unit/services/credentials/) hold the rest.
 *
 * Equivalent mutants, which no test can tell apart (`findPlugin` finds no plugin of id null, and
 * template ids are numbers, never null):
 * - credential-rules.ts:181 `firstId === null ||` dropped: a null first plugin then reaches
 *   `findPlugin(null)`, undefined, and the next line returns undefined as this one did.
 * - credential-rules.ts:224 `current !== null &&` dropped: no offered template has the id null,
 *   so `offered.some(…)` is false for a null current as the whole condition was.
 * - credential-rules.ts:266 `id === null ? undefined :` always false: `findPlugin(null)` is
 *   undefined too.
 */
import { describe, expect, it } from 'vitest';
import { defaultJit, type CredentialFields, type CredentialJit } from '../../../shared/domain/credential';
import {
  authCredentialWarnings,
  checkCredential,
  jitDependencies,
  templatesFor,
  type RuleContext,
} from '../../../shared/domain/rules/credential-rules';
import type { PluginId } from '../../../shared/domain/plugin';

const ctx: RuleContext = {
  selfId: 1,
  selfHasPassword: false,
  devices: [
    { id: 1, name: 'web-01', active: true },
    { id: 2, name: 'old-01', active: false },
  ],
  credentials: [
    {
      id: 2,
      username: 'keyed',
      deviceName: 'web-01',
      status: 'Active',
      deleted: false,
      hasPassword: false,
      hasKey: true,
    },
    { id: 3, username: 'bare', deviceName: 'web-01', status: 'Active', deleted: false, hasPassword: false },
  ],
  templates: [
    { id: 10, name: 'Create', pluginId: 'ssh', executionType: 'New user', active: true },
    { id: 11, name: 'Delete', pluginId: 'ssh', executionType: 'User delete', active: true },
    { id: 12, name: 'Enable', pluginId: 'ssh', executionType: 'Credential enable', active: true },
    { id: 13, name: 'Disable', pluginId: 'ssh', executionType: 'Credential disable', active: true },
  ],
};
const keep = { action: 'keep' } as const;
const fields = (jit: Partial<CredentialJit>, over: Partial<CredentialFields> = {}): CredentialFields => ({
  username: 'jit',
  type: 'Local user',
  deviceId: 1,
  domain: '',
  additionalInfo: '',
  status: 'Active',
  tags: [],
  jit: { ...defaultJit, ...jit },
  customFields: [],
  ...over,
});
const createDelete: Partial<CredentialJit> = {
  enabled: true,
  type: 'create_delete',
  useOwnCredential: true,
  createPluginId: 'ssh',
  createTemplateId: 10,
  deletePluginId: 'ssh',
  deleteTemplateId: 11,
};
const enableDisable: Partial<CredentialJit> = {
  enabled: true,
  type: 'enable_disable',
  useOwnCredential: false,
  authCredentialId: 2,
  enablePluginId: 'ssh',
  enableTemplateId: 12,
  disablePluginId: 'ssh',
  disableTemplateId: 13,
};
const noPassword = {
  field: 'jit.useOwnCredential',
  message: 'This credential has no password to connect with',
};

describe('checkCredential', () => {
  it('takes an inactive credential on an inactive device, and checks no JIT setting while JIT is off', () => {
    expect(checkCredential(fields({}, { deviceId: 2, status: 'Inactive' }), keep, ctx)).toEqual([]);
    expect(checkCredential(fields({}, { deviceId: 2 }), keep, ctx)).toEqual([
      { field: 'status', message: 'The device old-01 is inactive: the credential must be Inactive' },
    ]);
    expect(checkCredential(fields({}, { deviceId: 9 }), keep, ctx)).toEqual([
      { field: 'deviceId', message: 'Choose an existing device' },
    ]);
    expect(
      checkCredential(fields({ ...enableDisable, enabled: false, authCredentialId: 3 }), keep, ctx),
    ).toEqual([]);
  });

  it('use own credential: a password set, generated or kept connects; so does a stored SSH key', () => {
    const own = fields(createDelete);
    expect(checkCredential(own, keep, ctx)).toEqual([noPassword]);
    expect(checkCredential(own, { action: 'clear' }, { ...ctx, selfHasPassword: true })).toEqual([
      noPassword,
    ]);
    expect(checkCredential(own, { action: 'set', value: 'pw' }, ctx)).toEqual([]);
    expect(checkCredential(own, { action: 'generate' }, ctx)).toEqual([]);
    expect(checkCredential(own, keep, { ...ctx, selfHasPassword: true })).toEqual([]);
    expect(checkCredential(own, keep, { ...ctx, selfHasKey: true })).toEqual([]);
    expect(checkCredential(own, keep, { ...ctx, selfHasKey: false })).toEqual([noPassword]);
    // With its own credential, no authentication credential is asked for.
    expect(
      checkCredential(fields({ ...createDelete, authCredentialId: null }), keep, {
        ...ctx,
        selfHasKey: true,
      }),
    ).toEqual([]);
  });

  it('Enable/Disable with its own credential is refused even with a password, and only for that', () => {
    expect(
      checkCredential(fields({ ...enableDisable, useOwnCredential: true }), { action: 'generate' }, ctx),
    ).toEqual([
      {
        field: 'jit.useOwnCredential',
        message:
          'A disabled account cannot enable itself: turn this off and choose an authentication credential',
      },
    ]);
  });

  it('an authentication credential connects with a stored SSH key as with a password', () => {
    expect(checkCredential(fields(enableDisable), keep, ctx)).toEqual([]);
    expect(checkCredential(fields({ ...enableDisable, authCredentialId: 3 }), keep, ctx)).toEqual([
      { field: 'jit.authCredentialId', message: 'bare @ web-01 has no password' },
    ]);
  });

  it('names the missing template of each direction, for both types', () => {
    expect(
      checkCredential(fields({ ...createDelete, createTemplateId: null, deleteTemplateId: null }), keep, {
        ...ctx,
        selfHasKey: true,
      }),
    ).toEqual([
      { field: 'jit.createTemplateId', message: 'Choose the creation template' },
      { field: 'jit.deleteTemplateId', message: 'Choose the deletion template' },
    ]);
  });
});

describe('checkCredential on data the form cannot send', () => {
  // A plugin id no catalogue entry has (a stored record from a build with another plugin list).
  const gone = 'telnet' as PluginId;

  it('asks for a JIT type, by its message', () => {
    expect(checkCredential(fields({ enabled: true, type: null }), keep, ctx)).toEqual([
      { field: 'jit.type', message: 'Choose a Just In Time type' },
    ]);
  });

  it('an unknown plugin is refused as not available, by its id, never a crash', () => {
    expect(checkCredential(fields({ ...enableDisable, disablePluginId: gone }), keep, ctx)).toEqual([
      { field: 'jit.disablePluginId', message: 'telnet is not available in this build' },
    ]);
    // As the first direction: its own error only, no pairing error on the second.
    expect(checkCredential(fields({ ...enableDisable, enablePluginId: gone }), keep, ctx)).toEqual([
      { field: 'jit.enablePluginId', message: 'telnet is not available in this build' },
    ]);
  });
});

describe('jitDependencies', () => {
  it('the chosen type’s templates and the authentication credential', () => {
    expect(jitDependencies({ ...defaultJit, ...enableDisable })).toEqual({
      templateIds: [12, 13],
      credentialIds: [2],
    });
    expect(jitDependencies({ ...defaultJit, ...enableDisable, enableTemplateId: null })).toEqual({
      templateIds: [13],
      credentialIds: [2],
    });
  });

  it('no authentication credential with its own credential or none chosen; nothing while JIT is off or untyped', () => {
    expect(jitDependencies({ ...defaultJit, ...createDelete, authCredentialId: 2 })).toEqual({
      templateIds: [10, 11],
      credentialIds: [],
    });
    expect(jitDependencies({ ...defaultJit, ...enableDisable, authCredentialId: null })).toEqual({
      templateIds: [12, 13],
      credentialIds: [],
    });
    const none = { templateIds: [], credentialIds: [] };
    expect(jitDependencies({ ...defaultJit, ...enableDisable, enabled: false })).toEqual(none);
    expect(jitDependencies({ ...defaultJit, ...enableDisable, type: null })).toEqual(none);
  });
});

describe('templatesFor and authCredentialWarnings at their edges', () => {
  it('offers nothing while no plugin is chosen', () => {
    expect(templatesFor(ctx.templates, 'create', null)).toEqual([]);
    expect(templatesFor(ctx.templates, 'create', 'ssh').map((t) => t.id)).toEqual([10]);
  });

  it('no device chosen: no other-device warning; a protocol is named once; a plugin without one warns nothing', () => {
    const devices = [{ id: 2, name: 'web-01', connectivity: [{ protocol: 'SSH' as const, port: 22 }] }];
    const auth = { username: 'admin', deviceId: 2, deviceName: 'web-01' };
    expect(authCredentialWarnings(auth, null, ['mysql', 'mysql', 'mssql', 'ssh'], devices)).toEqual([
      'web-01 has no MySQL port: is admin a MySQL account?',
    ]);
  });
});
