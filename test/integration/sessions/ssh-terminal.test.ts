/**
 * A JIT session's terminal through the real core against the lab's real sshd: a Creation and
 * deletion session as root (its key), the terminal opened on a stream as the renderer opens it
 * (`terminal.open` with the caller's streams), logged in as the generated account with the
 * password the core injects; resize reaches the PTY; `exit` ends the session and its cleanup
 * removes the account; a session ended by Close closes its terminal.
 */
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallContext } from '../../../electron/core/handler-types';
import { sessionSecretRef } from '../../../electron/lifecycle/session-lifecycle';
import { StreamMux, type StreamCloseReason, type StreamEnd } from '../../../shared/contract/streams';
import type { Session } from '../../../shared/domain/session';
import { removeAccounts, rootClient, sshClose, sshLab } from '../plugins/ssh/support';
import { callCore } from '../support/postgres-lab-core';
import { openSessionCore, untilState, type SessionCore } from '../support/session-core';
import { linuxAccountExists, seedSshLab, within, type SshLabCore } from '../support/ssh-lab-core';

let sc: SessionCore;
let lab: SshLabCore;
let root: Client;
const accounts = new Set<string>();
const sshWaitMs = 90_000;

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

/**
 * One connection as the renderer has it: the core's stream mux and the renderer's, back to back
 * (frames delivered on the next microtask, as a socket would, never re-entrantly).
 */
function connection() {
  const ends: { renderer?: StreamMux } = {};
  const core = new StreamMux((frame) => queueMicrotask(() => ends.renderer?.receive(frame)));
  const renderer = new StreamMux((frame) => queueMicrotask(() => core.receive(frame)), {
    acceptUnknown: true,
  });
  ends.renderer = renderer;
  const ctx: CallContext = { transport: 'websocket', actor: 'terminal tester', streams: core };
  return { ctx, core, renderer };
}

/** The renderer's end of a terminal: what it has shown, and a wait for text to appear. */
function screen(stream: StreamEnd) {
  let text = '';
  let closed: StreamCloseReason | undefined;
  const decoder = new TextDecoder();
  stream.onData((bytes, done) => {
    text += decoder.decode(bytes, { stream: true });
    done();
  });
  stream.onClose((reason) => (closed = reason));
  return {
    get text() {
      return text;
    },
    get closed() {
      return closed;
    },
    type: (keys: string) => stream.write(new TextEncoder().encode(keys)),
    async until(what: string, found: () => boolean, ms = 30_000): Promise<void> {
      const end = Date.now() + ms;
      while (!found()) {
        if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms; the screen shows:\n${text}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}

async function activeSession(): Promise<Session> {
  const credential = (await callCore(sc.core, 'credentials.save', {
    credential: {
      username: `terminal-ops-${accounts.size}`,
      type: 'Local user',
      deviceId: lab.deviceId,
      jit: {
        enabled: true,
        type: 'create_delete',
        authCredentialId: lab.rootId,
        createPluginId: 'ssh',
        createTemplateId: lab.templateId('Linux: create JIT account'),
        deletePluginId: 'ssh',
        deleteTemplateId: lab.templateId('Linux: delete JIT account'),
      },
    },
    password: { action: 'keep' },
  })) as { id: number };
  const started = (await callCore(sc.core, 'sessions.start', { credentialId: credential.id })) as Session;
  accounts.add(started.account);
  return untilState(sc.core, started.id, 'active', sshWaitMs);
}

async function openTerminal(session: Session, ctx: CallContext, renderer: StreamMux) {
  const opened = await sc.core.dispatcher.dispatch(
    'terminal.open',
    { sessionId: session.id, size: { cols: 80, rows: 24 } },
    ctx,
  );
  if (!opened.ok) throw new Error(`terminal.open: ${opened.message}`);
  const { streamId } = opened.value as { streamId: number };
  return { streamId, term: screen(renderer.attach(streamId)) };
}

describe('the SSH terminal of a JIT session', () => {
  it('logs in as the generated account; resize reaches the PTY; exit ends the session and removes the account', async () => {
    const session = await activeSession();
    const password = sc.core.vault.get(sessionSecretRef(session.id));
    const { ctx, renderer } = connection();
    const { streamId, term } = await openTerminal(session, ctx, renderer);

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
    const session = await activeSession();
    const { ctx, renderer } = connection();
    const { streamId, term } = await openTerminal(session, ctx, renderer);
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
    const session = await activeSession();
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
