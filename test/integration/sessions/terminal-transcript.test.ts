/**
 * A JIT session's terminal transcript through the real core against the lab's sshd: besides the
 * session's own password, the secrets of its JIT settings (here a line of the authentication
 * login's private key) are masked, and the answer to a password prompt is never kept.
 */
import type { Client } from 'ssh2';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sessionSecretRef } from '../../../electron/lifecycle/session-lifecycle';
import type { TerminalTranscriptPage } from '../../../shared/contract/terminal';
import { labDetails } from '../../lab/inject';
import { removeAccounts, rootClient, sshClose, sshLab } from '../plugins/ssh/support';
import { callCore } from '../support/postgres-lab-core';
import { openSessionCore, untilState, type SessionCore } from '../support/session-core';
import { seedSshLab, type SshLabCore } from '../support/ssh-lab-core';
import { activeSession, connection, openTerminal, sshWaitMs } from './terminal-support';

let sc: SessionCore;
let lab: SshLabCore;
let root: Client;
const accounts: string[] = [];

beforeAll(async () => {
  root = await rootClient(sshLab());
  sc = await openSessionCore('terminal-transcript-');
  lab = await seedSshLab(sc.core);
});

afterAll(async () => {
  try {
    await sc.close();
  } finally {
    await removeAccounts(root, accounts);
    await sshClose(root);
  }
});

/** Ends the session, waits for it to be ended, and answers its transcript's entries as JSON. */
async function endedTranscript(id: string): Promise<string> {
  await callCore(sc.core, 'sessions.end', { id });
  await untilState(sc.core, id, 'ended', sshWaitMs);
  const page = (await callCore(sc.core, 'terminal.transcript', { sessionId: id })) as TerminalTranscriptPage;
  return JSON.stringify(page.entries);
}

it('masks the session password and its JIT settings secrets, and keeps no prompt answer', async () => {
  const session = await activeSession(sc.core, lab, 'transcript-ops');
  accounts.push(session.account);
  const password = sc.core.vault.get(sessionSecretRef(session.id));
  // A body line of the authentication login's key (root's): never typed by anyone, but a secret.
  const keyLine = labDetails()
    .ssh.privateKey.split('\n')
    .map((line) => line.trim())
    .find((line) => line.length >= 16 && !line.startsWith('-----'));
  if (keyLine === undefined) throw new Error('the lab key has no body line');

  const { ctx, renderer } = connection();
  const { term } = await openTerminal(sc.core, session, ctx, renderer);
  await term.until('the prompt', () => term.text.includes('$ '));
  term.type(`echo 'k:${keyLine}'; echo 'p:${password}'\r`);
  await term.until('the echoes', () => term.text.includes(`p:${password}\r\n`));
  // The account's shell is sh: the echo goes off by stty, as a password prompt turns it off.
  term.type(`stty -echo; printf 'Password: '; read answer; stty echo; echo "read \${#answer}"\r`);
  await term.until('the password prompt', () => term.text.endsWith('Password: '));
  term.type('Typed-Not-Kept-77\r');
  await term.until('the answer read', () => term.text.includes('read 17'));

  const text = await endedTranscript(session.id);
  expect(text).toContain('k:******');
  expect(text).toContain('p:******');
  expect(text).toContain('read 17');
  expect(text).not.toContain(keyLine);
  expect(text).not.toContain(password);
  expect(text).not.toContain('Typed-Not-Kept-77');
});

it('masks a password typed with a typo corrected, in sh (the tty rubs out) and in bash (readline inserts)', async () => {
  const session = await activeSession(sc.core, lab, 'transcript-edit');
  accounts.push(session.account);
  const password = sc.core.vault.get(sessionSecretRef(session.id));
  const { ctx, renderer } = connection();
  const { term } = await openTerminal(sc.core, session, ctx, renderer);
  await term.until('the prompt', () => term.text.includes('$ '));
  // sh reads the line through the tty, which echoes Backspace as BS blank BS.
  term.type(`echo 'p:${password.slice(0, 5)}Q\u007f${password.slice(5)}'\r`);
  await term.until('the echo in sh', () => term.text.includes(`p:${password}\r\n`));
  // bash's readline: a character typed two places back is drawn with the rest after it again.
  term.type('exec bash --norc --noprofile\r');
  await term.until('the bash prompt', () => /bash-[\d.]+\$ $/.test(term.text));
  const last = password.length - 3;
  term.type(
    `echo 'r:${password.slice(0, last)}${password.slice(last + 1)}\u001b[D\u001b[D${password[last]}\u0005'\r`,
  );
  await term.until('the echo in bash', () => term.text.includes(`r:${password}\r\n`));

  const text = await endedTranscript(session.id);
  expect(text).toContain("echo 'p:******'");
  expect(text).toContain("echo 'r:******'");
  for (let at = 0; at + 5 <= password.length; at++) expect(text).not.toContain(password.slice(at, at + 5));
});
