/**
 * What the terminal tests share: a connection as the renderer has one (the core's stream mux and
 * the renderer's, back to back), the renderer's end of a terminal (its screen text, typing, and a
 * page that may stop consuming), and an Active Creation-and-deletion session on the lab's sshd.
 */
import type { Core } from '../../../electron/core/compose';
import type { CallContext } from '../../../electron/core/handler-types';
import { StreamMux, type StreamCloseReason, type StreamEnd } from '../../../shared/contract/streams';
import type { Session } from '../../../shared/domain/session';
import { callCore } from '../support/postgres-lab-core';
import { untilState } from '../support/session-core';
import type { SshLabCore } from '../support/ssh-lab-core';

export const sshWaitMs = 90_000;

/** Frames are delivered on the next microtask, as a socket would, never re-entrantly. */
export function connection() {
  const ends: { renderer?: StreamMux } = {};
  const core = new StreamMux((frame) => queueMicrotask(() => ends.renderer?.receive(frame)));
  const renderer = new StreamMux((frame) => queueMicrotask(() => core.receive(frame)), {
    acceptUnknown: true,
  });
  ends.renderer = renderer;
  const ctx: CallContext = { transport: 'websocket', actor: 'terminal tester', streams: core };
  return { ctx, core, renderer };
}

/** The renderer's end of a terminal; `paused` holds the acks back, as a page that draws nothing. */
export function screen(stream: StreamEnd) {
  let text = '';
  let bytes = 0;
  let closed: StreamCloseReason | undefined;
  let paused = false;
  const held: (() => void)[] = [];
  const decoder = new TextDecoder();
  stream.onData((chunk, done) => {
    text += decoder.decode(chunk, { stream: true });
    bytes += chunk.byteLength;
    if (paused) held.push(done);
    else done();
  });
  stream.onClose((reason) => (closed = reason));
  return {
    get text() {
      return text;
    },
    get bytes() {
      return bytes;
    },
    get closed() {
      return closed;
    },
    pause: () => (paused = true),
    resume: () => {
      paused = false;
      for (let done = held.shift(); done; done = held.shift()) done();
    },
    type: (keys: string) => stream.write(new TextEncoder().encode(keys)),
    async until(what: string, found: () => boolean, ms = 30_000): Promise<void> {
      const end = Date.now() + ms;
      while (!found()) {
        if (Date.now() > end)
          throw new Error(`${what}: not within ${ms} ms; the screen ends with:\n${text.slice(-2000)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}

export type Screen = ReturnType<typeof screen>;

/** A new Creation-and-deletion credential (root's key, the built-in Linux templates), its session Active. */
export async function activeSession(core: Core, lab: SshLabCore, username: string): Promise<Session> {
  const credential = (await callCore(core, 'credentials.save', {
    credential: {
      username,
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
  const started = (await callCore(core, 'sessions.start', { credentialId: credential.id })) as Session;
  return untilState(core, started.id, 'active', sshWaitMs);
}

export async function openTerminal(core: Core, session: Session, ctx: CallContext, renderer: StreamMux) {
  const opened = await core.dispatcher.dispatch(
    'terminal.open',
    { sessionId: session.id, size: { cols: 80, rows: 24 } },
    ctx,
  );
  if (!opened.ok) throw new Error(`terminal.open: ${opened.message}`);
  const { streamId } = opened.value as { streamId: number };
  return { streamId, term: screen(renderer.attach(streamId)) };
}
