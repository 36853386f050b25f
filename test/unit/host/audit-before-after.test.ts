/**
 * Saves through the core's dispatcher (as the browser host and Electron call it), read back from
 * the audit log: each changed field with its label, before and after; secrets only "changed", and
 * their text nowhere in the log file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/compose';
import { confBackendFactory } from '../../../electron/storage/conf-backend';
import type { AuditEntry } from '../../../shared/domain/audit';
import { makeTempDir } from '../../support/temp-dir';

let dir: ReturnType<typeof makeTempDir>;
let core: Core;

const password1 = 'Old-Pa55word-Qx7!';
const password2 = 'New-Pa55word-Zk9?';
const secretField1 = 'sealed-api-key-0001';
const secretField2 = 'sealed-api-key-0002';

beforeAll(async () => {
  dir = makeTempDir();
  core = createCore({ dataDir: join(dir.path, 'data'), shell: 'browser', createBackend: confBackendFactory });
  await core.ready;
  await core.vault.setup('correct horse battery staple', 'alice');
});

afterAll(() => {
  core.close();
  dir.remove();
});

async function call<T>(method: string, input: unknown): Promise<T> {
  const result = await core.dispatcher.dispatch(method, input, core.context('ipc'));
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result)}`);
  return result.value as T;
}

async function newest(entity: string, entityId: number): Promise<AuditEntry> {
  const page = await call<{ entries: AuditEntry[] }>('audit.list', {
    filter: { entity, entityId },
    offset: 0,
    limit: 1,
  });
  const [entry] = page.entries;
  if (!entry) throw new Error('no entry');
  return entry;
}

describe('audit before/after through the core', () => {
  let deviceId = 0;

  it('a device save: the address before and after, a secret custom field without its value', async () => {
    const device = {
      name: 'audit-dev',
      address: 'a.lab',
      type: 'Server',
      connectivity: [{ protocol: 'SSH', port: 22 }],
      customFields: [{ name: 'API_KEY', kind: 'secret', value: secretField1 }],
    };
    const saved = await call<{ id: number; updatedAt: string }>('devices.save', { device });
    deviceId = saved.id;
    await call('devices.save', {
      id: saved.id,
      expectedUpdatedAt: saved.updatedAt,
      device: {
        ...device,
        address: 'b.lab',
        connectivity: [
          { protocol: 'SSH', port: 22 },
          { protocol: 'PostgreSQL', port: 5432 },
        ],
        customFields: [{ name: 'API_KEY', kind: 'secret', value: secretField2 }],
      },
    });
    const entry = await newest('device', saved.id);
    expect(entry.action).toBe('update');
    expect(entry.changes).toEqual([
      { field: 'address', label: 'Address', before: 'a.lab', after: 'b.lab' },
      { field: 'connectivity', label: 'Connectivity', note: 'added PostgreSQL 5432' },
      { field: 'customFields.API_KEY', label: 'Custom field API_KEY', note: 'changed' },
    ]);
  });

  it('a credential save: the user name before and after, the password only "changed"', async () => {
    const credential = { username: 'alice', type: 'Local user', deviceId };
    const saved = await call<{ id: number; updatedAt: string }>('credentials.save', {
      credential,
      password: { action: 'set', value: password1 },
    });
    await call('credentials.save', {
      id: saved.id,
      expectedUpdatedAt: saved.updatedAt,
      credential: { ...credential, username: 'alice2' },
      password: { action: 'set', value: password2 },
    });
    const entry = await newest('credential', saved.id);
    expect(entry.changes).toEqual([
      { field: 'username', label: 'Username', before: 'alice', after: 'alice2' },
      { field: 'password', label: 'Password', note: 'changed' },
    ]);
  });

  it('a template save: the content summarised by versions and lines', async () => {
    const template = {
      name: 'audit-template',
      pluginId: 'postgresql',
      executionType: 'Password change',
      content: "ALTER ROLE [#USERNAME#] PASSWORD '[#NEW_PASSWORD#]';",
    };
    const saved = await call<{ id: number }>('templates.save', { template });
    await call('templates.save', {
      id: saved.id,
      template: { ...template, description: 'Rotates', content: `${template.content}\nSELECT 1;` },
    });
    const entry = await newest('template', saved.id);
    expect(entry.changes).toEqual([
      { field: 'description', label: 'Description', before: '(empty)', after: 'Rotates' },
      { field: 'content', label: 'Content', note: 'version 1 → 2, +1/−0 lines' },
    ]);
  });

  it('no secret anywhere in the audit log file', () => {
    const log = readFileSync(join(dir.path, 'data', 'audit.jsonl'), 'utf8');
    expect(log).toContain('"before":"a.lab"');
    for (const secret of [password1, password2, secretField1, secretField2])
      expect(log).not.toContain(secret);
  });
});
