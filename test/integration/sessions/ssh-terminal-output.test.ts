/**
 * A terminal's output against a page that stops drawing, through the real core and the lab's
 * sshd: while the page consumes nothing it gets one window of credit and no more, the core holds
 * at most what ssh2 takes in on a paused channel (the target is stopped, its command does not finish), and once
 * the page draws again every line of the output arrives, in order.
 */
import type { Client } from 'ssh2';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { streamWindowBytes } from '../../../shared/contract/streams';
import { removeAccounts, rootClient, sshClose, sshLab } from '../plugins/ssh/support';
import { openSessionCore, type SessionCore } from '../support/session-core';
import { seedSshLab, type SshLabCore } from '../support/ssh-lab-core';
import { activeSession, connection, openTerminal } from './terminal-support';

let sc: SessionCore;
let lab: SshLabCore;
let root: Client;
const accounts = new Set<string>();

beforeAll(async () => {
  root = await rootClient(sshLab());
  sc = await openSessionCore('jit-terminal-output-');
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

const MiB = 1024 * 1024;
/**
 * What ssh2 takes in on a paused channel before it stops granting the server window: its readable
 * buffer fills to its high-water mark (2 MiB) while it still renews the window, then the window
 * granted last (2 MiB) arrives.
 */
const ssh2HeldBytes = 2 * MiB + 2 * MiB;
const lines = 1_000_000;

it('a paused page stops the target; the core holds no more than the ssh2 bound; all output arrives after', async () => {
  const session = await activeSession(sc.core, lab, 'terminal-output');
  accounts.add(session.account);
  const { ctx, renderer } = connection();
  const { term } = await openTerminal(sc.core, session, ctx, renderer);
  await term.until('the prompt', () => term.text.includes('$ '));

  // `seq 1 1000000` prints 6.9 MB (7.9 MB with the PTY's CRLF); the page draws nothing meanwhile.
  term.pause();
  const before = term.bytes;
  term.type(`seq 1 ${lines}; echo "seq-""done"\r`);
  await term.until('one window of output', () => term.bytes - before >= streamWindowBytes - 1024);
  // Watched while the page stays paused: the peak of what the core holds, and how far the page got.
  let peak = 0;
  const watchUntil = Date.now() + 3000;
  while (Date.now() < watchUntil) {
    peak = Math.max(peak, sc.core.terminals.bufferedBytes());
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const receivedWhilePaused = term.bytes - before;
  console.log(
    `terminal output while the page is paused: ${receivedWhilePaused} bytes reached the page, ` +
      `the core held at most ${peak} bytes (of ~7.9 MB of output)`,
  );
  expect(receivedWhilePaused).toBeLessThanOrEqual(streamWindowBytes);
  expect(peak).toBeGreaterThan(0);
  expect(peak).toBeLessThanOrEqual(ssh2HeldBytes + streamWindowBytes);
  expect(term.text).not.toContain('seq-done');

  term.resume();
  await term.until('the end of the output', () => term.text.includes('seq-done'), 120_000);
  const printed = term.text.slice(term.text.indexOf('\r\n1\r\n') + 2, term.text.indexOf('seq-done'));
  const numbers = printed.split('\r\n').filter((line) => /^\d+$/.test(line));
  expect(numbers).toHaveLength(lines);
  expect(numbers.every((n, i) => Number(n) === i + 1)).toBe(true);
  expect(sc.core.terminals.bufferedBytes()).toBe(0);
});
