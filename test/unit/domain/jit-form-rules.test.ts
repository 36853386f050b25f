/**
 * What the JIT Settings tab does as the user chooses (shared/domain/jit.ts and
 * shared/domain/rules/credential-rules.ts): the choices Save would refuse are not offered.
 */
import { describe, expect, it } from 'vitest';
import { defaultJit, type CredentialJit } from '../../../shared/domain/credential';
import { allowsOwnCredential, ephemeralNameExample, jitExecutionTypes } from '../../../shared/domain/jit';
import {
  authCredentialWarnings,
  choosePlugin,
  type RuleContext,
} from '../../../shared/domain/rules/credential-rules';

type RuleTemplate = RuleContext['templates'][number];
const template = (id: number, over: Partial<RuleTemplate> = {}): RuleTemplate => ({
  id,
  name: `t${id}`,
  active: true,
  pluginId: 'ssh',
  executionType: jitExecutionTypes.enable,
  ...over,
});
const jit = (over: Partial<CredentialJit> = {}): CredentialJit => ({ ...defaultJit, enabled: true, ...over });

describe('Use own credential to connect', () => {
  it('is allowed for Creation and deletion (and before a type is chosen), never for Enable/Disable', () => {
    expect(allowsOwnCredential('enable_disable')).toBe(false);
    expect(allowsOwnCredential('create_delete')).toBe(true);
    expect(allowsOwnCredential(null)).toBe(true);
  });

  it('shows the generated name as the prefix and 7 digits', () => {
    expect(ephemeralNameExample('senseg')).toBe('senseg1234567');
    expect(ephemeralNameExample('jit_')).toMatch(/^jit_\d{7}$/);
  });
});

describe('choosePlugin', () => {
  const templates = [
    template(1),
    template(2, { executionType: jitExecutionTypes.disable }),
    template(3, { pluginId: 'postgresql' }),
    template(4, { pluginId: 'postgresql' }),
    template(5, { pluginId: 'postgresql', executionType: jitExecutionTypes.disable }),
    template(6, { pluginId: 'postgresql', executionType: jitExecutionTypes.create }),
    template(7, { pluginId: 'postgresql', executionType: jitExecutionTypes.delete }),
    template(8, { pluginId: 'postgresql', executionType: jitExecutionTypes.delete, active: false }),
  ];

  it('the enable plugin fills the disable plugin; a single matching template is selected', () => {
    expect(choosePlugin(jit(), 'enable', 'ssh', templates)).toEqual({
      enablePluginId: 'ssh',
      enableTemplateId: 1,
      disablePluginId: 'ssh',
      disableTemplateId: 2,
    });
    // Two enable templates for PostgreSQL: the user chooses; one disable template: selected.
    expect(
      choosePlugin(jit({ disablePluginId: 'ssh', disableTemplateId: 2 }), 'enable', 'postgresql', templates),
    ).toEqual({
      enablePluginId: 'postgresql',
      enableTemplateId: null,
      disablePluginId: 'postgresql',
      disableTemplateId: 5,
    });
  });

  it('the creation plugin fills the deletion plugin (an inactive template is not a match)', () => {
    expect(choosePlugin(jit({ type: 'create_delete' }), 'create', 'postgresql', templates)).toEqual({
      createPluginId: 'postgresql',
      createTemplateId: 6,
      deletePluginId: 'postgresql',
      deleteTemplateId: 7,
    });
  });

  it('keeps a template that still matches; the second direction fills nothing back', () => {
    const chosen = jit({ enablePluginId: 'postgresql', enableTemplateId: 4 });
    expect(choosePlugin(chosen, 'enable', 'postgresql', templates)).toMatchObject({ enableTemplateId: 4 });
    expect(choosePlugin(jit({ enablePluginId: 'ssh' }), 'disable', 'postgresql', templates)).toEqual({
      disablePluginId: 'postgresql',
      disableTemplateId: 5,
    });
  });

  it('no plugin: its template goes, the other direction stays as it was', () => {
    const chosen = jit({
      enablePluginId: 'ssh',
      enableTemplateId: 1,
      disablePluginId: 'ssh',
      disableTemplateId: 2,
    });
    expect(choosePlugin(chosen, 'enable', null, templates)).toEqual({
      enablePluginId: null,
      enableTemplateId: null,
    });
  });
});

describe('authCredentialWarnings', () => {
  const devices = [
    { id: 1, name: 'db-01', connectivity: [{ protocol: 'PostgreSQL' as const, port: 5432 }] },
    { id: 2, name: 'web-01', connectivity: [{ protocol: 'SSH' as const, port: 22 }] },
    { id: 3, name: 'bare', connectivity: [] },
  ];
  const auth = (deviceId: number, deviceName: string) => ({ username: 'admin', deviceId, deviceName });

  it('none for a credential of the same device with the plugin’s protocol, or none chosen', () => {
    expect(authCredentialWarnings(auth(1, 'db-01'), 1, ['postgresql', 'postgresql'], devices)).toEqual([]);
    expect(authCredentialWarnings(undefined, 1, ['postgresql'], devices)).toEqual([]);
  });

  it('warns of another device, and of a device that lists no port of the plugin’s protocol', () => {
    expect(authCredentialWarnings(auth(2, 'web-01'), 1, ['postgresql', 'postgresql'], devices)).toEqual([
      'admin @ web-01 belongs to another device: the templates run on db-01, logged in as admin',
      'web-01 has no PostgreSQL port: is admin a PostgreSQL account?',
    ]);
  });

  it('an empty connectivity table says nothing about protocols; no plugin chosen, nothing to check', () => {
    expect(authCredentialWarnings(auth(3, 'bare'), 3, ['postgresql'], devices)).toEqual([]);
    expect(authCredentialWarnings(auth(2, 'web-01'), 2, [null, null], devices)).toEqual([]);
  });
});
