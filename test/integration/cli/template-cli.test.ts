import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../../electron/plugins/ssh/connection/host-key-fingerprint';
import { labDetails } from '../../lab/inject';
import { makeTempDir } from '../../support/temp-dir';

// The CLI from its sources (tsx), so this test needs no build; `npm run template` runs the bundle.
const cli = join(import.meta.dirname, '..', '..', '..', 'electron', 'cli', 'template-cli.ts');
let dir: ReturnType<typeof makeTempDir>;
const roles: string[] = [];

beforeAll(() => {
  dir = makeTempDir('jit-cli-');
});
afterEach(async () => {
  const { postgres } = labDetails();
  const client = new pg.Client({ ...connection(postgres), database: postgres.database });
  await client.connect();
  try {
    for (const role of roles.splice(0))
      await client.query(`DROP ROLE IF EXISTS "${role.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
});
afterAll(() => dir.remove());

function connection(p: ReturnType<typeof labDetails>['postgres']) {
  return { host: p.host, port: p.port, user: p.adminUser, password: p.adminPassword };
}

const secretTags = new Set(['NEW_PASSWORD', 'CURRENT_PASSWORD', 'AUTH_PASSWORD']);

/** Runs the CLI; secret tags go through --tag-file (a file of mode 0600), the others through --tag. */
function runCli(template: string, tags: Record<string, string>, extra: string[] = [], stdin?: string) {
  const { postgres } = labDetails();
  const file = join(dir.path, `t${Math.random().toString(36).slice(2)}.sql`);
  writeFileSync(file, template);
  const passwordFile = join(dir.path, 'password');
  writeFileSync(passwordFile, `${postgres.adminPassword}\n`, { mode: 0o600 });
  const args = ['--import', 'tsx', cli, 'run', '--plugin', 'postgresql', '--host', postgres.host];
  args.push('--port', String(postgres.port), '--user', postgres.adminUser, '--password-file', passwordFile);
  args.push('--database', postgres.database, ...extra);
  for (const [name, value] of Object.entries(tags)) {
    if (!secretTags.has(name)) {
      args.push('--tag', `${name}=${value}`);
      continue;
    }
    const tagFile = join(dir.path, `tag-${name}`);
    writeFileSync(tagFile, `${value}\n`, { mode: 0o600 });
    args.push('--tag-file', `${name}=${tagFile}`);
  }
  args.push(file);
  const result = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    timeout: 60_000,
    ...(stdin !== undefined ? { input: stdin } : {}),
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

async function roleExists(name: string): Promise<boolean> {
  const { postgres } = labDetails();
  const client = new pg.Client({ ...connection(postgres), database: postgres.database });
  await client.connect();
  try {
    return (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

const create = "CREATE ROLE [#USERNAME#] LOGIN PASSWORD '[#NEW_PASSWORD#]';\n";

describe('npm run template --plugin ssh: the host key', () => {
  /** `exec "true"` as the lab's root, with the given extra options. */
  function runSsh(extra: string[]) {
    const { ssh } = labDetails();
    const file = join(dir.path, 'true.ssh');
    writeFileSync(file, 'set-read-timeout 30\nexpect "*#"\nexec "true"\nexpect "*#"\n');
    const keyFile = join(dir.path, 'root-key');
    writeFileSync(keyFile, ssh.privateKey, { mode: 0o600 });
    const args = ['--import', 'tsx', cli, 'run', '--plugin', 'ssh', '--host', ssh.host];
    args.push('--port', String(ssh.port), '--user', ssh.adminUser, '--key-file', keyFile, ...extra, file);
    const result = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 60_000 });
    return { code: result.status, out: result.stdout, err: result.stderr };
  }
  const fingerprint = () =>
    fingerprintOf(Buffer.from(labDetails().ssh.hostPublicKey.split(/\s+/)[1] ?? '', 'base64'));

  it('without --host-key: runs, and warns naming the key shown', () => {
    const { code, err } = runSsh([]);
    expect(code).toBe(0);
    expect(err).toContain(`shows host key ${fingerprint()}, not checked (pass --host-key ${fingerprint()}`);
  });

  it('with the right --host-key: runs without a warning; with another: refused before logging in', () => {
    const right = runSsh(['--host-key', fingerprint()]);
    expect(right.code).toBe(0);
    expect(right.err).not.toContain('warning');
    const other = `SHA256:${'B'.repeat(43)}`;
    const wrong = runSsh(['--host-key', other]);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain(`the server's host key ${fingerprint()} is not the expected ${other}`);
    expect(wrong.out).not.toContain('line 3');
  });

  it('refuses a malformed --host-key as bad usage', () => {
    const { code, err } = runSsh(['--host-key', 'MD5:aa:bb']);
    expect(code).toBe(2);
    expect(err).toContain('--host-key takes a fingerprint');
  });
});

describe('npm run template (the template CLI)', () => {
  it('exits 0 when the run succeeds, printing each step with secrets masked', async () => {
    const name = `clitest${Date.now() % 1_000_000}`;
    roles.push(name);
    const secret = 'Cli-Secret-42!';
    const { code, out, err } = runCli(create, { USERNAME: name, NEW_PASSWORD: secret });
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('line 1:');
    expect(out + err).not.toContain(secret);
    expect(out + err).not.toContain(labDetails().postgres.adminPassword);
    expect(await roleExists(name)).toBe(true);
  });

  it('exits 1 when the run fails on the target, naming the line', () => {
    const { code, err } = runCli('SELECT 1;\nSELECT * FROM no_such_table_here;\n', {});
    expect(code).toBe(1);
    expect(err).toMatch(/line 2/);
  });

  it('exits 2 on a tag without a value, naming it, before connecting', () => {
    const { code, err } = runCli('SELECT [#NOPE#];\n', {});
    expect(code).toBe(2);
    expect(err).toContain('[#NOPE#]');
  });

  it('exits 2 when a value is refused by the escaping rules, and nothing is created', async () => {
    const { code } = runCli(create, { USERNAME: 'x; CREATE ROLE injected', NEW_PASSWORD: 'p' });
    expect(code).toBe(2);
    expect(await roleExists('injected')).toBe(false);
  });

  it('refuses a secret tag on the command line, pointing to --tag-file, without echoing the value', () => {
    for (const name of secretTags) {
      const { code, out, err } = runCli(create, { USERNAME: 'nobody' }, ['--tag', `${name}=Visible-In-ps-1`]);
      expect(code).toBe(2);
      expect(err).toContain(`use --tag-file ${name}=FILE`);
      expect(out + err).not.toContain('Visible-In-ps-1');
    }
  });

  it('takes a secret tag from standard input with --tag-file NAME=-, first line only', async () => {
    const name = `clistdin${Date.now() % 1_000_000}`;
    roles.push(name);
    const secret = 'Stdin-Secret-7!';
    const { code, out, err } = runCli(
      create,
      { USERNAME: name },
      ['--tag-file', 'NEW_PASSWORD=-'],
      `${secret}\nsecond line\n`,
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).not.toContain(secret);
    // The role logs in with exactly the first line: no newline, nothing of the second.
    const { postgres } = labDetails();
    const login = new pg.Client({
      ...connection(postgres),
      user: name,
      password: secret,
      database: postgres.database,
    });
    login.on('error', () => undefined);
    await login.connect();
    await login.end();
  });

  it('exits 2 on bad usage', () => {
    const { code, err } = runCli(create, {}, ['--plugin', 'telnet']);
    expect(code).toBe(2);
    expect(err).toContain('Usage: npm run template');
  });
});
