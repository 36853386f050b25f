import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../support/temp-dir';
import { FakeVault } from '../fake-vault';
import { actor, readText } from '../harness';
import {
  builtIns,
  bundlePassphrase,
  filesOf,
  openEnv,
  passwords,
  seedRich,
  settle,
  snapshot,
  type Env,
} from './fixtures';

type Json = Record<string, unknown>;
type Item = Json & { jit: Json; jitRefs: Json };
interface BundleJson extends Json {
  devices: Json[];
  templates: Json[];
  builtInTemplates: Json[];
  credentials: Item[];
}

const dirs: ReturnType<typeof makeTempDir>[] = [];
const envs: Env[] = [];
let source: Env;

/** A data dir of its own, with the same built-ins as every installation. */
async function fresh(options: Parameters<typeof openEnv>[1] = { vault: 'real' }): Promise<Env> {
  const dir = makeTempDir();
  dirs.push(dir);
  const env = await openEnv(dir.path, options);
  envs.push(env);
  await env.templates.installBuiltIns(builtIns);
  await settle();
  return env;
}
const dirOf = (env: Env) => dirs[envs.indexOf(env)]?.path ?? '';

beforeEach(async () => {
  source = await fresh();
  await seedRich(source);
});
afterEach(async () => {
  for (const env of envs.splice(0)) await env.close();
  for (const dir of dirs.splice(0)) dir.remove();
});

const exported = async (includePasswords: boolean) =>
  (
    await source.transfer.exportBundle(
      includePasswords ? { includePasswords, passphrase: bundlePassphrase } : { includePasswords },
      actor,
    )
  ).content;
const parsed = async (includePasswords: boolean) =>
  JSON.parse(await exported(includePasswords)) as BundleJson;
const at = <T>(list: readonly T[], index: number): T => {
  const item = list[index];
  if (item === undefined) throw new Error(`no item ${index}`);
  return item;
};

/**
 * Imports, expecting a refusal; proves that not one byte of the data dir changed but the one
 * audit entry of the refusal.
 */
async function refused(target: Env, content: string, passphrase?: string) {
  await settle();
  const { 'audit.jsonl': auditBefore = '', ...before } = filesOf(dirOf(target));
  const events = target.emitted.length;
  const outcome = await target.transfer.importBundle(
    passphrase === undefined ? { content } : { content, passphrase },
    actor,
  );
  await settle();
  expect(outcome.applied).toBe(false);
  const { 'audit.jsonl': auditAfter = '', ...after } = filesOf(dirOf(target));
  expect(after).toEqual(before);
  expect(auditAfter.slice(auditBefore.length)).toMatch(
    /^[^\n]*"action":"import"[^\n]*"result":"failure"[^\n]*\n$/,
  );
  expect(target.emitted.slice(events).map((e) => e.event)).toEqual(['audit.appended']);
  if (outcome.applied) throw new Error('applied');
  return outcome.problems;
}

describe('TransferService.importBundle: round trips', () => {
  it('with passwords: every field, JIT link and password arrives in a fresh data dir', async () => {
    const content = await exported(true);
    const target = await fresh();
    const eventsBefore = target.emitted.length;
    const outcome = await target.transfer.importBundle({ content, passphrase: bundlePassphrase }, actor);
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
    expect(snapshot(target)).toEqual(snapshot(source));

    const byName = new Map(target.credentials.exportRows().map((c) => [c.username, c.id]));
    const password = (user: string) => target.vault.get(`credential:${byName.get(user) ?? 0}`);
    expect(password('admin')).toBe(passwords.admin);
    expect(password('postgres')).toBe(passwords.dba);
    expect(password('provisioner')).toBe(passwords.ephemeralAdmin);

    // One changed event per kind, one audit entry with the counts and never a secret.
    const changed = target.emitted
      .slice(eventsBefore)
      .filter((e) => e.event.endsWith('.changed') && e.event !== 'vault.changed');
    expect(changed.map((e) => e.event)).toEqual([
      'devices.changed',
      'templates.changed',
      'credentials.changed',
    ]);
    await settle();
    const entries = target.audit.list({ action: 'import' }, 0, 10).entries;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      entity: 'bundle',
      detail: '3 devices, 6 templates, 7 credentials imported; 3 passwords stored in the vault',
    });
    const files = JSON.stringify(filesOf(dirOf(target)));
    for (const secret of [...Object.values(passwords), bundlePassphrase]) expect(files).not.toContain(secret);

    // The imported records are ordinary records: a template has version 1 with its history.
    const imported = target.templates.rows().find((t) => t.name === 'Disable');
    expect(imported && target.templates.versions(imported.id).map((v) => v.version)).toEqual([1]);
  });

  it('without passwords: plain records arrive, and JIT credentials that need a password are refused', async () => {
    const bundle = await parsed(false);
    expect(JSON.stringify(bundle)).not.toMatch(
      new RegExp(Object.values(passwords).join('|').replace(/\$/g, '\\$')),
    );
    const target = await fresh();
    const problems = await refused(target, JSON.stringify(bundle));
    expect(problems).toEqual([
      { path: 'credentials[2].jitRefs.authCredentialRef', message: 'admin @ web-01 has no password' },
      {
        path: 'credentials[3].jit.useOwnCredential',
        message: 'This credential has no password to connect with',
      },
      { path: 'credentials[4].jitRefs.authCredentialRef', message: 'postgres @ db-01 has no password' },
    ]);

    const plain = { ...bundle, credentials: bundle.credentials.filter((c) => c.jit.enabled !== true) };
    const outcome = await target.transfer.importBundle({ content: JSON.stringify(plain) }, actor);
    expect(outcome).toEqual({
      applied: true,
      devices: 3,
      templates: 6,
      credentials: 4,
      passwords: 0,
      keys: 0,
      keysLeftOut: [],
      secretFields: 0,
      secretFieldsLeftOut: [],
      skipped: [],
      renamed: [],
    });
    const users = target.credentials.exportRows().map((c) => c.username);
    expect(users).toEqual(['admin', 'postgres', 'paused', 'backup']);
    expect(target.credentials.exportRows().every((c) => !target.vault.has(`credential:${c.id}`))).toBe(true);
  });
});

describe('TransferService.importBundle: refusals name every problem and write nothing', () => {
  it('a wrong passphrase is one problem at `secrets`', async () => {
    const content = await exported(true);
    const target = await fresh();
    expect(await refused(target, content, 'not the bundle passphrase')).toEqual([
      {
        path: 'secrets',
        message: 'Wrong passphrase: the passwords could not be decrypted (or the file was altered)',
      },
    ]);
    expect(await refused(target, content)).toEqual([
      { path: 'secrets', message: 'The bundle holds encrypted passwords: enter its passphrase' },
    ]);
  });

  it('reports several problems at once, each at its place in the file', async () => {
    const bundle = await parsed(true);
    at(bundle.devices, 1).address = 'not an address!';
    at(bundle.devices, 2).ref = 'd1';
    at(bundle.devices, 2).adress = 'typo';
    at(bundle.templates, 0).content = 'exec "usermod -L [#USERNAME#]"\nexec "echo [#nope#]"\n';
    at(bundle.credentials, 1).username = '';
    at(bundle.credentials, 2).jitRefs.enableTemplateRef = 't99';
    at(bundle.credentials, 4).jit.type = 'sometimes';
    const target = await fresh();
    const problems = await refused(target, JSON.stringify(bundle), bundlePassphrase);
    expect(problems).toEqual([
      { path: 'devices[1].address', message: 'Enter a host name or an IP address' },
      { path: 'devices[2]', message: 'Unrecognized key: "adress"' },
      { path: 'devices[2].ref', message: 'Duplicate ref "d1": devices[0] already has it' },
      {
        path: 'templates[0].content',
        message: 'Line 2, column 12: Malformed tag [#nope#]: write [#NAME#] in upper case',
      },
      { path: 'credentials[1].username', message: 'Required' },
      {
        path: 'credentials[2].jitRefs.enableTemplateRef',
        message: 'No template with ref "t99" in this bundle',
      },
      { path: 'credentials[4].jit.type', message: expect.stringContaining('Invalid option') as string },
      // devices[2] lost its ref to the duplicate, so its credential points nowhere.
      { path: 'credentials[6].deviceRef', message: 'No device with ref "d3" in this bundle' },
    ]);
  });

  it('names that clash with this installation (case-insensitive; templates per plugin) or each other', async () => {
    const bundle = await parsed(true);
    at(bundle.devices, 0).name = 'WEB-01';
    const target = source;
    // In the source itself every name is taken; a template may share a name across plugins.
    at(bundle.templates, 3).pluginId = 'mysql';
    at(bundle.templates, 3).content = 'ALTER USER [#USERNAME#] ACCOUNT UNLOCK;\n';
    at(bundle.templates, 3).name = 'PG enable';
    const problems = await refused(target, JSON.stringify(bundle), bundlePassphrase);
    const names = problems.filter((p) => p.path.endsWith('.name'));
    expect(names).toEqual([
      { path: 'devices[0].name', message: 'A device named "web-01" already exists' },
      { path: 'devices[1].name', message: 'A device named "db-01" already exists' },
      { path: 'devices[2].name', message: 'A device named "spare-01" already exists' },
      { path: 'templates[0].name', message: 'A SSH template named "Disable" already exists' },
      { path: 'templates[1].name', message: 'A SSH template named "Create" already exists' },
      { path: 'templates[2].name', message: 'A SSH template named "Delete" already exists' },
      { path: 'templates[4].name', message: 'A PostgreSQL template named "PG disable" already exists' },
      { path: 'templates[5].name', message: 'A SSH template named "Old" already exists' },
    ]);

    const within = await parsed(false);
    at(within.devices, 1).name = 'Web-01';
    const fresher = await fresh();
    const problems2 = await refused(fresher, JSON.stringify({ ...within, credentials: [] }));
    expect(problems2).toEqual([{ path: 'devices[1].name', message: 'Also the name of devices[0]' }]);
  });

  it('an unknown ref, and a built-in this installation does not have', async () => {
    const bundle = await parsed(true);
    at(bundle.credentials, 0).deviceRef = 'd404';
    at(bundle.credentials, 2).jitRefs.authCredentialRef = 'nobody';
    at(bundle.builtInTemplates, 0).key = 'ssh:ssh.unknown';
    const target = await fresh();
    expect(await refused(target, JSON.stringify(bundle), bundlePassphrase)).toEqual([
      {
        path: 'builtInTemplates[0].key',
        message: 'This installation has no built-in template ssh:ssh.unknown ("SSH: enable user")',
      },
      { path: 'credentials[0].deviceRef', message: 'No device with ref "d404" in this bundle' },
      {
        path: 'credentials[2].jitRefs.authCredentialRef',
        message: 'No credential with ref "nobody" in this bundle',
      },
    ]);
  });

  it('JIT rules run on the combined data: bundle credentials and templates with provisional ids', async () => {
    const bundle = await parsed(true);
    // deploy (Enable/Disable) may not use its own credential; app_ro's auth becomes inactive;
    // provisioner's deletion template is a creation one.
    at(bundle.credentials, 2).jit.useOwnCredential = true;
    at(bundle.credentials, 1).status = 'Inactive';
    at(bundle.credentials, 3).jitRefs.deleteTemplateRef = at(bundle.templates, 1).ref;
    const target = await fresh();
    expect(await refused(target, JSON.stringify(bundle), bundlePassphrase)).toEqual([
      {
        path: 'credentials[2].jit.useOwnCredential',
        message:
          'A disabled account cannot enable itself: turn this off and choose an authentication credential',
      },
      {
        path: 'credentials[2].jit.useOwnCredential',
        message: 'This credential has no password to connect with',
      },
      {
        path: 'credentials[3].jitRefs.deleteTemplateRef',
        message: 'Create is a "New user" template, not "User delete"',
      },
      { path: 'credentials[4].jitRefs.authCredentialRef', message: 'postgres @ db-01 is inactive' },
    ]);
  });

  it('a file that is not JSON, not a bundle, or from a newer version', async () => {
    const target = await fresh();
    expect(
      await refused(target, '{\n  "format": "jit-pam-bundle",\n  "version": 1,\n  "devices": [}\n'),
    ).toEqual([{ path: '', message: 'Not valid JSON at line 4, column 15: Unexpected character "}"' }]);
    expect(await refused(target, '[1, 2]')).toEqual([
      { path: '', message: 'Not a bundle: the file must hold one JSON object' },
    ]);
    expect(await refused(target, '{"format": "other"}')).toEqual([
      { path: 'format', message: 'Not a JIT PAM bundle: "format" must be "jit-pam-bundle"' },
    ]);
    expect(await refused(target, '{"format": "jit-pam-bundle", "version": 4}')).toEqual([
      {
        path: 'version',
        message: 'Made by a newer version of the app (bundle version 4); this one reads version 3',
      },
    ]);
  });

  it('passwords need an unlocked vault and must fit the password rules', async () => {
    const locked = new FakeVault();
    locked.state = 'locked';
    const target = await fresh({ vault: locked });
    const problems = await refused(target, await exported(true), bundlePassphrase);
    expect(problems).toEqual([
      { path: 'secrets', message: 'The bundle holds passwords and the vault is locked: unlock it first' },
    ]);
  });

  it('stops listing after 200 problems and says how many more there are', async () => {
    const devices = Array.from({ length: 250 }, (_, i) => ({
      ref: `d${i}`,
      name: '',
      address: 'h',
      type: 'Server',
    }));
    const target = await fresh();
    const problems = await refused(target, JSON.stringify({ format: 'jit-pam-bundle', version: 1, devices }));
    expect(problems).toHaveLength(201);
    expect(problems[0]).toEqual({ path: 'devices[0].name', message: 'Required' });
    expect(problems.at(-1)).toEqual({ path: '', message: 'and 50 more problems' });
  });

  it('audits the refusal, a wrong passphrase named, never a passphrase or password', async () => {
    const target = await fresh();
    await refused(target, await exported(true), 'wrong passphrase!!');
    const [entry] = target.audit.list({ action: 'import' }, 0, 10).entries;
    expect(entry).toMatchObject({
      actor,
      entity: 'bundle',
      result: 'failure',
      detail: 'Refused, nothing imported: 1 problem, the bundle passphrase is wrong',
    });
    const log = readText(dirOf(target), 'audit.jsonl');
    for (const secret of ['wrong passphrase!!', bundlePassphrase, ...Object.values(passwords)]) {
      expect(log).not.toContain(secret);
    }
  });
});
