import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { methodNames } from '../../../shared/contract';
import { pluginCatalogue } from '../../../shared/domain/plugin';
import { fail } from '../../../shared/result';
import { Dispatcher, type AllHandlers } from '../../../electron/core/dispatcher';
import type { CallContext } from '../../../electron/core/handler-types';
import { auditHandlers } from '../../../electron/core/handlers/audit';
import { credentialsHandlers } from '../../../electron/core/handlers/credentials';
import { devicesHandlers } from '../../../electron/core/handlers/devices';
import { pluginsHandlers } from '../../../electron/core/handlers/plugins';
import { templatesHandlers } from '../../../electron/core/handlers/templates';
import { TemplateLibraryImport } from '../../../electron/services/template-library-import';
import { makeTempDir } from '../../support/temp-dir';
import { openServices, type Services } from './harness';

const ctx: CallContext = { transport: 'internal', actor: 'carol' };
let dir: ReturnType<typeof makeTempDir>;
let s: Services;
let dispatcher: Dispatcher;
let log: string[];

beforeEach(() => {
  dir = makeTempDir();
  s = openServices(dir.path);
  log = [];
  // The other domains' handlers are not under test here.
  const others = Object.fromEntries(
    methodNames.map((m) => [m, () => Promise.resolve(fail('unavailable', 'not wired in this test'))]),
  ) as unknown as AllHandlers;
  dispatcher = new Dispatcher(
    {
      ...others,
      ...devicesHandlers(s.devices),
      ...templatesHandlers(s.templates, new TemplateLibraryImport(s.templates)),
      ...credentialsHandlers(s.credentials),
      ...pluginsHandlers({ help: (id) => `help for ${id}` }),
      ...auditHandlers(s.audit),
    },
    (line) => log.push(line),
  );
});
afterEach(async () => {
  await s.audit.close();
  dir.remove();
  expect(log).toEqual([]); // no handler threw or broke the contract
});

const call = (method: string, input: unknown) => dispatcher.dispatch(method, input, ctx);
const value = async (method: string, input: unknown) => {
  const result = await call(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.code} ${result.message}`);
  return result.value as Record<string, unknown>;
};

const deviceInput = { name: 'web-01', address: '10.0.0.1', type: 'Server' };
const templateInput = {
  name: 'Enable',
  pluginId: 'ssh',
  executionType: 'Credential enable',
  content: 'exec "x"',
};

describe('handlers through the Dispatcher', () => {
  it('devices: save, list and get; invalid input and a duplicate name name their field', async () => {
    const saved = await value('devices.save', { device: deviceInput });
    expect(saved).toMatchObject({ id: 1, name: 'web-01', credentialCount: 0, active: true });
    expect(await value('devices.list', undefined)).toEqual([saved]);
    expect(
      await call('devices.save', { device: { ...deviceInput, address: 'not an address!' } }),
    ).toMatchObject({
      ok: false,
      code: 'invalid_input',
      field: 'device.address',
    });
    expect(await call('devices.save', { device: { ...deviceInput, name: 'WEB-01' } })).toMatchObject({
      ok: false,
      code: 'conflict',
      field: 'device.name',
    });
    expect(await call('devices.get', { id: 9 })).toMatchObject({ ok: false, code: 'not_found' });
    expect(s.emitted.some((e) => e.event === 'devices.changed')).toBe(true);
    expect(s.audit.list({}, 0, 1).entries[0]?.actor).toBe('carol');
  });

  it('templates: save and versions; unknown tag and built-in refusals', async () => {
    const saved = await value('templates.save', { template: templateInput });
    expect(saved).toMatchObject({ id: 1, version: 1, builtIn: false });
    expect(await value('templates.versions', { id: 1 })).toHaveLength(1);
    expect(
      await call('templates.save', {
        template: { ...templateInput, name: 'Other', content: 'exec "x"\n[#nope#]' },
      }),
    ).toMatchObject({
      ok: false,
      code: 'invalid_input',
      field: 'template.content',
      message: 'Line 2: Malformed tag [#nope#]: write [#NAME#] in upper case',
    });
    expect(
      await call('templates.save', { template: { ...templateInput, executionType: 'Reboot' } }),
    ).toMatchObject({
      ok: false,
      code: 'invalid_input',
      field: 'template.executionType',
    });
    expect(await value('templates.check', { pluginId: 'ssh', content: 'exec "x"\n[#IP#] [#x#]' })).toEqual([
      { line: 2, column: 8, message: 'Malformed tag [#x#]: write [#NAME#] in upper case' },
    ]);
    expect(await value('templates.clone', { id: 1 })).toMatchObject({ name: 'Copy of Enable' });
  });

  it('credentials: save with a generated password, list, reveal; rule failures name the input path', async () => {
    await value('devices.save', { device: deviceInput });
    const saved = await value('credentials.save', {
      credential: { username: 'root', type: 'Local administrator', deviceId: 1 },
      password: { action: 'generate' },
    });
    expect(saved).toMatchObject({ id: 1, hasPassword: true });
    expect(saved).not.toHaveProperty('password');
    const page = await value('credentials.list', {});
    expect(page).toMatchObject({ total: 1, devices: [{ name: 'web-01' }] });
    const { password } = await value('credentials.revealPassword', { id: 1 });
    expect(typeof password === 'string' && password.length).toBe(24);
    expect(JSON.stringify(await value('credentials.history', { id: 1 }))).not.toContain(password);

    expect(
      await call('credentials.save', {
        credential: { username: 'x', type: 'Local user', deviceId: 1, jit: { enabled: true } },
        password: { action: 'keep' },
      }),
    ).toMatchObject({ ok: false, code: 'invalid_input', field: 'credential.jit.type' });
    expect(
      await call('credentials.save', {
        credential: { username: 'x', type: 'Local user', deviceId: 1 },
        password: { action: 'set', value: 'x'.repeat(257) },
      }),
    ).toMatchObject({ ok: false, code: 'invalid_input', field: 'password.value' });
    s.vault.state = 'locked';
    expect(await call('credentials.revealPassword', { id: 1 })).toMatchObject({ ok: false, code: 'locked' });
    expect(await call('credentials.list', { limit: 5000 })).toMatchObject({
      ok: false,
      code: 'invalid_input',
      field: 'limit',
    });
  });

  it('plugins: the read-only catalogue', async () => {
    expect(await value('plugins.list', undefined)).toEqual(
      pluginCatalogue.map((p) => ({ ...p, help: `help for ${p.id}` })),
    );
    expect(await call('plugins.list', { id: 'custom' })).toMatchObject({ ok: false, code: 'invalid_input' });
  });

  it('audit: list and CSV; a bad filter is refused', async () => {
    await value('devices.save', { device: deviceInput });
    expect(await value('audit.list', { filter: { entity: 'device' } })).toMatchObject({
      total: 1,
      entries: [{ action: 'create', label: 'web-01', actor: 'carol' }],
    });
    expect(await value('audit.exportCsv', {})).toMatchObject({ count: 1 });
    expect(await call('audit.list', { filter: { action: 'explode' } })).toMatchObject({
      ok: false,
      code: 'invalid_input',
      field: 'filter.action',
    });
  });
});
