// `npx tsx test/bench/plugins-sql-ldap.ts [N]`: for the PostgreSQL, MySQL/MariaDB and LDAP plugins,
// our full run of the built-in creation template (connect, template, verify with accountExists)
// against the bare client doing the same statements and the same check on one connection. Starts
// its own lab (PostgreSQL, MariaDB, OpenLDAP); the account each iteration creates is removed
// outside the timed part. Prints medians and their ratio; asserts nothing.

import { Client as LdapClient, EqualityFilter } from 'ldapts';
import { createConnection } from 'mysql2/promise';
import pg from 'pg';
import type { PluginRuntime, RunRequest } from '../../electron/plugins/plugin-runtime';
import { ldapBuiltinTemplates, ldapPlugin } from '../../electron/plugins/ldap';
import { mysqlBuiltinTemplates, mysqlPlugin } from '../../electron/plugins/mysql';
import { postgresqlBuiltinTemplates, postgresqlPlugin } from '../../electron/plugins/postgresql';
import { startLab, type LabDetails } from '../lab/index';
import { uniqueName } from '../lab/names';
import { randomPassword } from '../lab/secrets';
import { median } from './stats';

const N = Number(process.argv[2] ?? 30);
const WARM_UP = 3;
const TARGET_RATIO = 1.5;

interface Subject {
  readonly name: string;
  /** Our run of the creation template plus accountExists; returns whether both succeeded. */
  ours(username: string, password: string): Promise<boolean>;
  /** The same statements and check with the bare client on one connection. */
  bare(username: string, password: string): Promise<boolean>;
  /** Removes the account (not timed). */
  cleanup(username: string): Promise<void>;
}

const content = (templates: readonly { key: string; content: string }[], key: string): string =>
  templates.find((t) => t.key === key)?.content ?? '';

async function oursWith(plugin: PluginRuntime, request: RunRequest, username: string): Promise<boolean> {
  const result = await plugin.run(request);
  if (!result.ok) throw new Error(`${plugin.id}: ${result.failure?.message ?? 'failed'}`);
  return plugin.accountExists({ target: request.target, login: request.login, username });
}

function postgres(lab: LabDetails['postgres']): Subject {
  const target = { host: lab.host, port: lab.port };
  const login = { username: lab.adminUser, password: lab.adminPassword };
  const template = content(postgresqlBuiltinTemplates, 'postgresql.create-role');
  const connect = async (): Promise<pg.Client> => {
    const client = new pg.Client({
      ...target,
      user: lab.adminUser,
      password: lab.adminPassword,
      database: 'postgres',
    });
    await client.connect();
    return client;
  };
  return {
    name: 'postgresql',
    ours: (username, password) =>
      oursWith(
        postgresqlPlugin,
        {
          template,
          target,
          login,
          tags: {
            USERNAME: username,
            NEW_PASSWORD: password,
            EXPIRATION: new Date(Date.now() + 3_600_000).toISOString(),
            SESSION_ID: 'bench',
          },
        },
        username,
      ),
    bare: async (username, password) => {
      const client = await connect();
      try {
        const id = client.escapeIdentifier(username);
        const until = new Date(Date.now() + 3_600_000).toISOString();
        await client.query('BEGIN');
        await client.query(
          `CREATE ROLE ${id} LOGIN PASSWORD ${client.escapeLiteral(password)} VALID UNTIL '${until}'`,
        );
        await client.query(`COMMENT ON ROLE ${id} IS 'managed by jit-pam session bench'`);
        await client.query('COMMIT');
        const found = await client.query('SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1', [username]);
        return found.rowCount === 1;
      } finally {
        await client.end();
      }
    },
    cleanup: async (username) => {
      const client = await connect();
      await client.query(`DROP ROLE IF EXISTS ${client.escapeIdentifier(username)}`);
      await client.end();
    },
  };
}

function mariadb(lab: LabDetails['mariadb']): Subject {
  const target = { host: lab.host, port: lab.port };
  const login = { username: lab.adminUser, password: lab.adminPassword };
  const template = content(mysqlBuiltinTemplates, 'mysql.create-user');
  const connect = () => createConnection({ ...target, user: lab.adminUser, password: lab.adminPassword });
  return {
    name: 'mysql',
    ours: (username, password) =>
      oursWith(
        mysqlPlugin,
        { template, target, login, tags: { USERNAME: username, NEW_PASSWORD: password } },
        username,
      ),
    bare: async (username, password) => {
      const connection = await connect();
      try {
        await connection.query('CREATE ROLE IF NOT EXISTS jit_pam_managed');
        await connection.query('CREATE USER ?@? IDENTIFIED BY ?', [username, '%', password]);
        await connection.query('GRANT jit_pam_managed TO ?@?', [username, '%']);
        const [rows] = await connection.query('SELECT 1 FROM mysql.user WHERE User = ? LIMIT 1', [username]);
        return Array.isArray(rows) && rows.length === 1;
      } finally {
        await connection.end();
      }
    },
    cleanup: async (username) => {
      const connection = await connect();
      await connection.query('DROP USER IF EXISTS ?@?', [username, '%']);
      await connection.end();
    },
  };
}

function ldap(lab: LabDetails['ldap']): Subject {
  const target = { host: lab.host, port: lab.port };
  const login = { username: lab.adminDn, password: lab.adminPassword, domain: lab.baseDn };
  const template = content(ldapBuiltinTemplates, 'ldap.create-entry');
  const connect = async (): Promise<LdapClient> => {
    const client = new LdapClient({ url: lab.url });
    await client.bind(lab.adminDn, lab.adminPassword);
    return client;
  };
  return {
    name: 'ldap',
    ours: (username, password) =>
      oursWith(
        ldapPlugin,
        {
          template,
          target,
          login,
          tags: { USERNAME: username, NEW_PASSWORD: password, DOMAIN: lab.baseDn, SESSION_ID: 'bench' },
        },
        username,
      ),
    bare: async (username, password) => {
      const client = await connect();
      try {
        await client.add(`uid=${username},${lab.peopleDn}`, {
          objectClass: 'inetOrgPerson',
          uid: username,
          cn: username,
          sn: username,
          userPassword: password,
          description: 'managed by jit-pam session bench',
        });
        const { searchEntries } = await client.search(lab.baseDn, {
          scope: 'sub',
          filter: new EqualityFilter({ attribute: 'uid', value: username }),
          attributes: ['1.1'],
          sizeLimit: 1,
        });
        return searchEntries.length === 1;
      } finally {
        await client.unbind();
      }
    },
    cleanup: async (username) => {
      const client = await connect();
      await client.del(`uid=${username},${lab.peopleDn}`).catch(() => undefined);
      await client.unbind();
    },
  };
}

async function timed(work: () => Promise<boolean>): Promise<number> {
  const start = performance.now();
  if (!(await work())) throw new Error('the account was not there afterwards');
  return performance.now() - start;
}

async function measure(subject: Subject): Promise<{ ours: number; bare: number }> {
  const ours: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < WARM_UP + N; i++) {
    // Alternate which goes first, so neither always runs on a warmer server.
    const order: ['ours' | 'bare', 'ours' | 'bare'] = i % 2 === 0 ? ['ours', 'bare'] : ['bare', 'ours'];
    for (const kind of order) {
      const username = uniqueName('jitbench');
      const elapsed = await timed(() => subject[kind](username, randomPassword()));
      await subject.cleanup(username);
      if (i >= WARM_UP) (kind === 'ours' ? ours : bare).push(elapsed);
    }
  }
  return { ours: median(ours), bare: median(bare) };
}

const lab = await startLab({ only: ['postgres', 'mariadb', 'ldap'] });
try {
  console.log(`lab up in ${lab.startMs} ms; N=${N} (median), ${WARM_UP} warm-up runs each`);
  for (const subject of [
    postgres(lab.details.postgres),
    mariadb(lab.details.mariadb),
    ldap(lab.details.ldap),
  ]) {
    const { ours, bare } = await measure(subject);
    const ratio = ours / bare;
    console.log(
      `${subject.name}: ours ${ours.toFixed(1)} ms, bare ${bare.toFixed(1)} ms, ratio ${ratio.toFixed(2)} (target <= ${TARGET_RATIO})`,
    );
  }
} finally {
  await lab.stop();
}
