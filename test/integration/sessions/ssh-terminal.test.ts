/**
 * A JIT session's terminal through the real core against the lab's real sshd: a Creation and
 * deletion session as root (its key), the terminal opened on a stream as the renderer opens it
 * (`terminal.open` with the caller's streams), logged in as the generated account with the
 * password the core injects; resize reaches the PTY; `exit` ends the session and its cleanup
 * removes the account; a session ended by Close closes its terminal.
 */
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionSecretRef } from '../../../electron/lifecycle/session-lifecycle';
import type { Session } from '../../../shared/domain/session';
import { removeAccounts, rootClient, sshClose, sshLab } from '../plugins/ssh/support';
import { callCore } from '../support/postgres-lab-core';
import { openSessionCore, untilState, type SessionCore } from '../support/session-core';
import { activeSession, connection, openTerminal, sshWaitMs } from './terminal-support';
import { linuxAccountExists, seedSshLab, within, type SshLabCore } from '../support/ssh-lab-core';

let sc: SessionCore;
let lab: SshLabCore;
let root: Client;
const accounts = new Set<string>();

beforeAll(async () => {
  root = await rootClient(sshLab());
  sc = await openSessionCore('jit-terminal-');
  lab = await seedSshLab(sc.core);
});

afterAll(async () => {
  try {
    await sc.close();
  } finally {
    await removeAccounts(root, [...accounts]);
    await sshClose(root);
  }
});

const activeOne = async (): Promise<Session> => {
  const session = await activeSession(sc.core, lab, `terminal-ops-${accounts.size}`);
  accounts.add(session.account);
  return session;
};

describe('the SSH terminal of a JIT session', () => {
  it('logs in as the generated account; resize reaches the PTY; exit ends the session and removes the account', async () => {
    const session = await activeOne();
    const password = sc.core.vault.get(sessionSecretRef(session.id));
    const { ctx, renderer } = connection();
    const { streamId, term } = await openTerminal(sc.core, session, ctx, renderer);

    // Typed once the shell prompts, as a person would (the account has a plain `$ ` prompt).
    await term.until('the prompt', () => term.text.includes('$ '));
    term.type('id -un\r');
    await term.until('the account name', () => term.text.includes(`\n${session.account}\r\n`));

    const resized = await sc.core.dispatcher.dispatch(
      'terminal.resize',
      { streamId, size: { cols: 132, rows: 43 } },
      ctx,
    );
    expect(resized).toEqual({ ok: true, value: {} });
    term.type('stty size\r');
    await term.until('the new size', () => term.text.includes('\n43 132\r\n'));

    term.type('exit\r');
    await within(
      (async () => term.until('the stream closed', () => term.closed !== undefined))(),
      30_000,
      'the terminal closing',
    );
    const ended = await untilState(sc.core, session.id, 'ended', sshWaitMs);
    expect(ended.error).toBeNull();
    expect(await linuxAccountExists(root, session.account)).toBe(false);
    // The password was injected by the core: the renderer's side never saw it.
    expect(term.text).not.toContain(password);
  });

  it('closes the terminal when the session ends by Close; another connection cannot resize it', async () => {
    const session = await activeOne();
    const { ctx, renderer } = connection();
    const { streamId, term } = await openTerminal(sc.core, session, ctx, renderer);
    term.type('echo "ready-$((6*7))"\r');
    await term.until('the shell', () => term.text.includes('ready-42'));

    const other = connection();
    const theirs = await sc.core.dispatcher.dispatch(
      'terminal.resize',
      { streamId, size: { cols: 10, rows: 10 } },
      other.ctx,
    );
    expect(theirs).toMatchObject({ ok: false, code: 'not_found' });

    await callCore(sc.core, 'sessions.end', { id: session.id });
    await term.until('the stream closed', () => term.closed !== undefined);
    expect(term.closed).toBe('normal');
    await untilState(sc.core, session.id, 'ended', sshWaitMs);
    expect(await linuxAccountExists(root, session.account)).toBe(false);
  });

  it('refuses a terminal for a session that is not Active', async () => {
    const session = await activeOne();
    await callCore(sc.core, 'sessions.end', { id: session.id });
    await untilState(sc.core, session.id, 'ended', sshWaitMs);
    const { ctx } = connection();
    const opened = await sc.core.dispatcher.dispatch(
      'terminal.open',
      { sessionId: session.id, size: { cols: 80, rows: 24 } },
      ctx,
    );
    expect(opened).toMatchObject({ ok: false, code: 'conflict' });
  });
});
