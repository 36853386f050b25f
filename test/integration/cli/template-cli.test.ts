import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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

function runCli(template: string, tags: Record<string, string>, extra: string[] = []) {
  const { postgres } = labDetails();
  const file = join(dir.path, `t${Math.random().toString(36).slice(2)}.sql`);
  writeFileSync(file, template);
  const passwordFile = join(dir.path, 'password');
  writeFileSync(passwordFile, `${postgres.adminPassword}\n`, { mode: 0o600 });
  const args = ['--import', 'tsx', cli, 'run', '--plugin', 'postgresql', '--host', postgres.host];
  args.push('--port', String(postgres.port), '--user', postgres.adminUser, '--password-file', passwordFile);
  args.push('--database', postgres.database, ...extra);
  for (const [name, value] of Object.entries(tags)) args.push('--tag', `${name}=${value}`);
  args.push(file);
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 60_000 });
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

  it('exits 2 on an unknown tag, before connecting', () => {
    const { code, err } = runCli('SELECT [#NOPE#];\n', {});
    expect(code).toBe(2);
    expect(err).toContain('[#NOPE#]');
  });

  it('exits 2 when a value is refused by the escaping rules, and nothing is created', async () => {
    const { code } = runCli(create, { USERNAME: 'x; CREATE ROLE injected', NEW_PASSWORD: 'p' });
    expect(code).toBe(2);
    expect(await roleExists('injected')).toBe(false);
  });

  it('exits 2 on bad usage', () => {
    const { code, err } = runCli(create, {}, ['--plugin', 'telnet']);
    expect(code).toBe(2);
    expect(err).toContain('Usage: npm run template');
  });
});
