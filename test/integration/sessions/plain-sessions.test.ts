/**
 * Plain sessions (a credential without JIT) through the real core against the lab's real sshd and
 * PostgreSQL: Start session opens a terminal or SQL console with the credential's stored password,
 * nothing is enabled, created, disabled or removed, and the session is still recorded, listed,
 * audited and transcribed. The terminal transcript keeps output and typed lines, never what is
 * typed at a password prompt.
 */
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TerminalTranscriptPage } from '../../../shared/contract/terminal';
import type { SqlRunResult } from '../../../shared/contract/sql-console';
import type { AuditEntry } from '../../../shared/domain/audit';
import type { Session } from '../../../shared/domain/session';
import { labDetails } from '../../lab/inject';
import { uniqueName } from '../../lab/names';
import { randomPassword } from '../../lab/secrets';
import { removeAccounts, rootClient, sshClose, sshLab } from '../plugins/ssh/support';
import {
  asPostgresAdmin,
  callCore,
  postgresRoleExists,
  seedPostgresLab,
  type PostgresLab,
} from '../support/postgres-lab-core';
import { openSessionCore, untilState, type SessionCore } from '../support/session-core';
import { linuxAccountExists, seedSshLab, seedSudoAdmin, type SshLabCore } from '../support/ssh-lab-core';
import { connection, openTerminal, sshWaitMs } from './terminal-support';

let sc: SessionCore;
let ssh: SshLabCore;
let pg: PostgresLab;
let root: Client;
const accounts: string[] = [];
const roles: string[] = [];
const call = (method: Parameters<typeof callCore>[1], input: unknown) => callCore(sc.core, method, input);

beforeAll(async () => {
  root = await rootClient(sshLab());
  sc = await openSessionCore('plain-sessions-');
  ssh = await seedSshLab(sc.core);
  pg = await seedPostgresLab(sc.core);
});

afterAll(async () => {
  try {
    await sc.close();
  } finally {
    await removeAccounts(root, accounts);
    await sshClose(root);
    await asPostgresAdmin(async (c) => {
      for (const role of roles) await c.query(`DROP ROLE IF EXISTS "${role}"`);
    });
  }
});

const auditActions = async (sessionId: string): Promise<string[]> => {
  const { entries } = (await call('audit.list', { filter: { text: sessionId }, limit: 1000 })) as {
    entries: AuditEntry[];
  };
  return entries.sort((a, b) => a.seq - b.seq).map((e) => e.action);
};

describe('plain sessions', () => {
  it('opens a terminal with the stored password, keeps a transcript without the prompt answer, and removes nothing', async () => {
    const username = uniqueName('plain');
    const password = randomPassword();
    accounts.push(username);
    const credentialId = await seedSudoAdmin(sc.core, root, ssh.deviceId, username, password);

    const started = (await call('sessions.start', { credentialId })) as Session;
    expect(started).toMatchObject({ kind: 'plain', account: username, pluginId: 'ssh' });
    const session = await untilState(sc.core, started.id, 'active', sshWaitMs);

    const { ctx, renderer } = connection();
    const { term } = await openTerminal(sc.core, session, ctx, renderer);
    await term.until('the prompt', () => term.text.includes('$ '));
    term.type('id -un\r');
    await term.until('the user', () => term.text.includes(`${username}\r\n`));
    // A password prompt with the echo off, as sudo or su ask: what is typed is never kept.
    term.type(`read -s -p 'Password: ' answer; echo "got \${#answer}"\r`);
    await term.until('the prompt for a password', () => term.text.endsWith('Password: '));
    term.type('Typed-Not-Kept-42\r');
    await term.until('the answer read', () => term.text.includes('got 17'));

    // Listed in Remote sessions as any session, then ended from there.
    const { sessions } = (await call('sessions.list', { filter: { live: true } })) as { sessions: Session[] };
    expect(sessions.find((s) => s.id === session.id)).toMatchObject({
      state: 'active',
      requester: started.requester,
    });
    await call('sessions.end', { id: session.id });
    const ended = await untilState(sc.core, session.id, 'ended', sshWaitMs);
    expect(ended).toMatchObject({ error: null, operationIds: [], kind: 'plain' });
    await term.until('the terminal closed', () => term.closed !== undefined);
    // Nothing was disabled or removed: the account is still there.
    expect(await linuxAccountExists(root, username)).toBe(true);

    const page = (await call('terminal.transcript', { sessionId: session.id })) as TerminalTranscriptPage;
    const text = JSON.stringify(page.entries);
    expect(page.entries).toContainEqual(expect.objectContaining({ kind: 'input', text: 'id -un' }));
    expect(page.entries).toContainEqual(expect.objectContaining({ kind: 'hidden', text: '[input hidden]' }));
    expect(text).toContain(`${username}\\n`);
    expect(text).toContain('got 17');
    expect(text).not.toContain('Typed-Not-Kept-42');
    expect(text).not.toContain(password);

    const actions = await auditActions(session.id);
    expect(actions).toEqual(
      expect.arrayContaining([
        'session_start',
        'session_provision',
        'session_terminal_open',
        'session_terminal_close',
        'session_end',
        'session_cleanup',
      ]),
    );
  });

  it('opens an SQL console with the stored password, and the role stays as it was', async () => {
    const role = uniqueName('plainpg');
    const password = randomPassword();
    roles.push(role);
    await asPostgresAdmin((c) => c.query(`CREATE ROLE "${role}" LOGIN PASSWORD '${password}'`));
    const credential = (await call('credentials.save', {
      credential: {
        username: role,
        type: 'Local user',
        deviceId: pg.deviceId,
        additionalInfo: labDetails().postgres.database,
      },
      password: { action: 'set', value: password },
    })) as { id: number };

    const started = (await call('sessions.start', { credentialId: credential.id })) as Session;
    expect(started).toMatchObject({ kind: 'plain', account: role, pluginId: 'postgresql' });
    const session = await untilState(sc.core, started.id, 'active');
    const result = (await call('sqlConsole.run', {
      sessionId: session.id,
      sql: 'select current_user',
    })) as SqlRunResult;
    expect(result).toMatchObject({ kind: 'rows', rows: [[role]] });

    await call('sessions.end', { id: session.id });
    expect(await untilState(sc.core, session.id, 'ended')).toMatchObject({ error: null, operationIds: [] });
    // Not disabled: the role still logs in.
    expect(await postgresRoleExists(role)).toBe(true);
    const canLogin = await asPostgresAdmin(
      async (c) =>
        (
          await c.query<{ rolcanlogin: boolean }>('SELECT rolcanlogin FROM pg_roles WHERE rolname = $1', [
            role,
          ])
        ).rows[0]?.rolcanlogin,
    );
    expect(canLogin).toBe(true);
    const { entries } = (await call('sqlConsole.transcript', { sessionId: session.id })) as {
      entries: { kind: string; text: string }[];
    };
    expect(entries[0]).toMatchObject({ kind: 'statement', text: 'select current_user' });
    expect(await auditActions(session.id)).toEqual(
      expect.arrayContaining(['session_console_open', 'session_console_close']),
    );
  });

  it('opens the protocol chosen at Start session when the device lists several, and refuses one it does not list', async () => {
    const postgres = labDetails().postgres;
    const device = (await call('devices.save', {
      device: {
        name: 'ssh-and-pg',
        address: postgres.host,
        type: 'Server',
        connectivity: [
          { protocol: 'SSH', port: 22 },
          { protocol: 'PostgreSQL', port: postgres.port },
        ],
      },
    })) as { id: number };
    const role = uniqueName('plainchoice');
    const password = randomPassword();
    roles.push(role);
    await asPostgresAdmin((c) => c.query(`CREATE ROLE "${role}" LOGIN PASSWORD '${password}'`));
    const credential = (await call('credentials.save', {
      credential: { username: role, type: 'Local user', deviceId: device.id },
      password: { action: 'set', value: password },
    })) as { id: number };

    // No Additional information: SSH would be the default; PostgreSQL is chosen.
    const started = (await call('sessions.start', {
      credentialId: credential.id,
      pluginId: 'postgresql',
    })) as Session;
    expect(started).toMatchObject({ kind: 'plain', pluginId: 'postgresql', account: role });
    const session = await untilState(sc.core, started.id, 'active');
    await call('sessions.end', { id: session.id });
    await untilState(sc.core, session.id, 'ended');

    const refused = await sc.core.dispatcher.dispatch(
      'sessions.start',
      { credentialId: credential.id, pluginId: 'mysql' },
      { transport: 'internal', actor: 'tester' },
    );
    expect(refused).toMatchObject({
      ok: false,
      field: 'pluginId',
      message: 'ssh-and-pg lists no MySQL port for a session',
    });
  });

  it('refuses a credential without JIT whose device lists no protocol a session can use', async () => {
    const device = (await call('devices.save', {
      device: {
        name: 'ldap-only',
        address: '127.0.0.1',
        type: 'Server',
        connectivity: [{ protocol: 'LDAP', port: 389 }],
      },
    })) as { id: number };
    const credential = (await call('credentials.save', {
      credential: { username: 'nobody', type: 'Local user', deviceId: device.id },
      password: { action: 'set', value: randomPassword() },
    })) as { id: number };
    const refused = await sc.core.dispatcher.dispatch(
      'sessions.start',
      { credentialId: credential.id },
      {
        transport: 'internal',
        actor: 'tester',
      },
    );
    expect(refused).toMatchObject({
      ok: false,
      message: expect.stringContaining('lists no SSH, PostgreSQL or MySQL port') as unknown,
    });
  });
});
