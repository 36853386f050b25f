import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EventName } from '../../../shared/contract';
import type { CredentialInput, PasswordChange } from '../../../shared/domain/credential';
import { credentialInputSchema } from '../../../shared/domain/credential';
import { deviceInputSchema, type DeviceInput } from '../../../shared/domain/device';
import { defaultSettings, type Settings } from '../../../shared/domain/settings';
import { templateInputSchema, type TemplateInput } from '../../../shared/domain/template';
import { AuditLog } from '../../../electron/audit/audit-log';
import { EventBus } from '../../../electron/platform/event-bus';
import type { Clock } from '../../../electron/platform/clock';
import { confBackendFactory } from '../../../electron/storage/conf-backend';
import { ConfigStore } from '../../../electron/storage/config-store';
import { createInventory } from '../../../electron/services/inventory';
import type { SyntaxCheck } from '../../../electron/services/template-checks';
import { FakeVault } from './fake-vault';

/** A clock fixed at one instant; `tick` moves it on (for ordering by time). */
export class FixedClock implements Clock {
  #ms = Date.parse('2026-11-29T10:00:00.000Z');
  now(): Date {
    return new Date(this.#ms);
  }
  tick(seconds = 1): void {
    this.#ms += seconds * 1000;
  }
}

export const actor = 'alice';

/**
 * The inventory services over real files in `dir` (config.json, credentials/, audit.jsonl),
 * with a fake vault and a fixed clock, as compose.ts builds them.
 */
export function openServices(
  dir: string,
  options: {
    vault?: FakeVault;
    settings?: Settings;
    syntaxCheck?: SyntaxCheck;
    /** The lifecycle's answer for the credential lists (none live by default). */
    sessionStatus?: (
      credentialId: number,
    ) => 'None' | 'Provisioning' | 'Active' | 'Ending' | 'Needs attention';
  } = {},
) {
  const clock = new FixedClock();
  const events = new EventBus();
  const emitted: { event: EventName; payload: unknown }[] = [];
  events.subscribe((event, payload) => emitted.push({ event, payload }));
  const vault = options.vault ?? new FakeVault();
  const config = ConfigStore.open({
    dir,
    name: 'config',
    createBackend: confBackendFactory,
    now: () => clock.now(),
  });
  const audit = AuditLog.open({ dir, clock, events });
  const inventory = createInventory({
    dataDir: dir,
    config,
    createBackend: confBackendFactory,
    clock,
    events,
    audit,
    vault,
    settings: () => options.settings ?? defaultSettings,
    ...(options.syntaxCheck ? { syntaxCheck: options.syntaxCheck } : {}),
    ...(options.sessionStatus ? { sessionStatus: options.sessionStatus } : {}),
  });
  return { ...inventory, clock, events, emitted, vault, config, audit };
}
export type Services = ReturnType<typeof openServices>;

export const readText = (dir: string, name: string): string =>
  existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : '';

/**
 * Every file the credentials are kept in, one after the other: the manifest `credentials.json`
 * and the id-range files under `credentials/`.
 */
export const readCredentialFiles = (dir: string): string => {
  const folder = join(dir, 'credentials');
  const parts = existsSync(folder) ? readdirSync(folder).sort() : [];
  return [readText(dir, 'credentials.json'), ...parts.map((name) => readText(folder, name))].join('\n');
};

/** Lets coalesced store writes (end of turn) reach the disk. */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

export const device = (overrides: Partial<DeviceInput> = {}) =>
  deviceInputSchema.parse({ name: 'web-01', address: '10.0.0.1', type: 'Server', ...overrides });

export const template = (overrides: Partial<TemplateInput> = {}) =>
  templateInputSchema.parse({
    name: 'Enable user',
    pluginId: 'ssh',
    executionType: 'Credential enable',
    content: 'exec "usermod -U [#USERNAME#]"\n',
    ...overrides,
  });

export const credential = (overrides: Partial<CredentialInput> = {}) =>
  credentialInputSchema.parse({ username: 'root', type: 'Local administrator', deviceId: 1, ...overrides });

export const keep: PasswordChange = { action: 'keep' };
export const setPassword = (value: string): PasswordChange => ({ action: 'set', value });

/**
 * A ready JIT set-up: device web-01 (id 1), an admin credential with a password, and the four
 * SSH templates (enable, disable, new user, user delete).
 */
export async function seedJit(s: Services) {
  const web = await s.devices.save(undefined, device(), actor);
  const admin = await s.credentials.save(
    undefined,
    credential({ username: 'admin', deviceId: web.id }),
    setPassword('S3cret!pw'),
    actor,
  );
  const enable = await s.templates.save(
    undefined,
    template({ name: 'Enable', executionType: 'Credential enable' }),
    actor,
  );
  const disable = await s.templates.save(
    undefined,
    template({ name: 'Disable', executionType: 'Credential disable' }),
    actor,
  );
  const create = await s.templates.save(
    undefined,
    template({ name: 'Create', executionType: 'New user' }),
    actor,
  );
  const remove = await s.templates.save(
    undefined,
    template({ name: 'Delete', executionType: 'User delete' }),
    actor,
  );
  return { web, admin, enable, disable, create, remove };
}

export type Seed = Awaited<ReturnType<typeof seedJit>>;

/** JIT settings of an Enable/Disable credential authenticated by `authId`. */
export const enableDisableJit = (seed: Seed, authId = seed.admin.id) => ({
  enabled: true,
  type: 'enable_disable' as const,
  useOwnCredential: false,
  authCredentialId: authId,
  enablePluginId: 'ssh' as const,
  enableTemplateId: seed.enable.id,
  disablePluginId: 'ssh' as const,
  disableTemplateId: seed.disable.id,
});

/** JIT settings of a Creation and deletion credential that uses its own password. */
export const createDeleteJit = (seed: Seed) => ({
  enabled: true,
  type: 'create_delete' as const,
  useOwnCredential: true,
  createPluginId: 'ssh' as const,
  createTemplateId: seed.create.id,
  deletePluginId: 'ssh' as const,
  deleteTemplateId: seed.remove.id,
});
