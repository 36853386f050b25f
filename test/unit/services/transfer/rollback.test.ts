import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditTrail } from '../../../../electron/audit/audit-trail';
import { TransferService } from '../../../../electron/services/transfer/transfer-service';
import { makeTempDir } from '../../../support/temp-dir';
import { FakeVault } from '../fake-vault';
import { actor, readCredentialFiles, readText } from '../harness';
import {
  builtIns,
  bundlePassphrase,
  FailingWrites,
  openEnv,
  seedRich,
  settle,
  testCost,
  type Env,
} from './fixtures';

/** A vault whose `put` fails from the nth call on (the disk filled up while writing passwords). */
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

const dirs: ReturnType<typeof makeTempDir>[] = [];
const envs: Env[] = [];
let content: string;

async function fresh(options: Parameters<typeof openEnv>[1]): Promise<{ env: Env; dir: string }> {
  const dir = makeTempDir();
  dirs.push(dir);
  const env = await openEnv(dir.path, options);
  envs.push(env);
  await env.templates.installBuiltIns(builtIns);
  await settle();
  return { env, dir: dir.path };
}

beforeEach(async () => {
  const { env: source } = await fresh({ vault: 'real' });
  await seedRich(source);
  content = (
    await source.transfer.exportBundle({ includePasswords: true, passphrase: bundlePassphrase }, actor)
  ).content;
});
afterEach(async () => {
  for (const env of envs.splice(0)) await env.close();
  for (const dir of dirs.splice(0)) dir.remove();
});

/** Nothing of the bundle is left: not in the services, the vault, the events or the files. */
async function expectNothingImported(env: Env, dir: string, eventsBefore: number) {
  expect(env.devices.list()).toEqual([]);
  expect(env.templates.rows().map((t) => t.name)).toEqual(['SSH: enable user']);
  expect(env.credentials.exportRows()).toEqual([]);
  expect(env.credentials.usage.countsByDevice().size).toBe(0);
  for (let id = 1; id <= 20; id++) expect(env.vault.has(`credential:${id}`)).toBe(false);
  expect(env.emitted.slice(eventsBefore).filter((e) => e.event !== 'audit.appended')).toEqual([]);
  await settle();
  expect(env.audit.list({ action: 'import' }, 0, 10).total).toBe(0);
  const config = readText(dir, 'config.json');
  for (const name of ['web-01', 'db-01', 'Disable', 'PG enable']) expect(config).not.toContain(name);
}

describe('TransferService.importBundle: a failing write undoes the import', () => {
  it('the credential files cannot be written: devices, templates and passwords are removed again', async () => {
    const writes = new FailingWrites();
    const { env, dir } = await fresh({ vault: 'real', writes });
    const eventsBefore = env.emitted.length;
    writes.failing.add('credentials');
    await expect(env.transfer.importBundle({ content, passphrase: bundlePassphrase }, actor)).rejects.toThrow(
      'write of credentials failed (test)',
    );
    await expectNothingImported(env, dir, eventsBefore);
    const vaultFile = JSON.parse(readText(dir, 'vault.json')) as { entries: Record<string, unknown> };
    expect(vaultFile.entries).toEqual({});

    // Once the disk is fine again the same bundle imports, under fresh ids.
    writes.failing.clear();
    const outcome = await env.transfer.importBundle({ content, passphrase: bundlePassphrase }, actor);
    expect(outcome).toEqual({
      applied: true,
      devices: 3,
      templates: 6,
      credentials: 7,
      passwords: 3,
      keys: 0,
      keysLeftOut: [],
      secretFields: 0,
      secretFieldsLeftOut: [],
      skipped: [],
      renamed: [],
    });
    expect(env.devices.list().map((d) => [d.name, d.id])).toEqual([
      ['db-01', 5],
      ['spare-01', 6],
      ['web-01', 4],
    ]);
  });

  it('the vault fails half-way through the passwords: the ones written are removed', async () => {
    const vault = new FailingVault(2);
    const { env, dir } = await fresh({ vault });
    const eventsBefore = env.emitted.length;
    await expect(env.transfer.importBundle({ content, passphrase: bundlePassphrase }, actor)).rejects.toThrow(
      'vault write failed (test)',
    );
    // A failed put may still have landed: every password this import tried is removed.
    expect(vault.writes).toEqual([
      'put credential:1',
      'remove credential:1',
      'remove credential:2',
      'remove credential:4',
    ]);
    await expectNothingImported(env, dir, eventsBefore);
  });

  it('the audit entry cannot be written: the import is undone, nothing was announced', async () => {
    const { env, dir } = await fresh({ vault: 'real' });
    const eventsBefore = env.emitted.length;
    const brokenAudit: AuditTrail = { record: () => Promise.reject(new Error('audit write failed (test)')) };
    const transfer = new TransferService({
      inventory: env,
      vault: env.vault,
      audit: brokenAudit,
      clock: env.clock,
      scryptCost: testCost,
    });
    await expect(transfer.importBundle({ content, passphrase: bundlePassphrase }, actor)).rejects.toThrow(
      'audit write failed (test)',
    );
    await expectNothingImported(env, dir, eventsBefore);
    expect(readCredentialFiles(dir)).not.toContain('provisioner');
  });
});
