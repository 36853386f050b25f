/**
 * The SSH terminal service (electron/sessions/ssh-terminal.ts) with stand-ins for the SSH side
 * only: a connection and a PTY channel (a Node Duplex, as ssh2's channel is) the test drives. The
 * streams are the real multiplexer, the audit a recorder. What is tested is the service: which
 * sessions get a terminal, what it audits, and what happens when the session or the caller's
 * connection goes while it opens, or the target or the renderer misbehave.
 */
import { Duplex, PassThrough } from 'node:stream';
import type { ClientChannel } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { StreamMux, streamWindowBytes } from '../../../shared/contract/streams';
import type { AuditEvent } from '../../../electron/audit/audit-trail';
import { deviceSchema, type Device } from '../../../shared/domain/device';
import { sessionSchema, type Session } from '../../../shared/domain/session';
import type { AuditEntry } from '../../../shared/domain/audit';
import { EventBus } from '../../../electron/platform/event-bus';
import type { SshConnection } from '../../../electron/plugins/ssh';
import {
  maxHeldInputBytes,
  maxHeldOutputBytes,
  SshTerminals,
  type SshTerminalsDeps,
} from '../../../electron/sessions/ssh-terminal';

const at = '2026-01-01T00:00:00.000Z';

/** A PTY channel: what the terminal reads is pushed by the test; what it writes waits for `flush`. */
class FakeChannel extends Duplex {
  readonly stderr = new PassThrough();
  readonly written: Buffer[] = [];
  #pending: (() => void)[] = [];
  constructor() {
    // ssh2's channel: 2 MiB of input may wait in it before write() answers false.
    super({ writableHighWaterMark: 2 * 1024 * 1024 });
  }
  override _read(): void {
    // The test pushes what the target sends.
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, callback: () => void): void {
    this.written.push(chunk);
    this.#pending.push(callback);
  }
  /** The server took what was written. */
  flush(): void {
    for (let next = this.#pending.shift(); next; next = this.#pending.shift()) next();
  }
  setWindow(): void {
    // The PTY size is not looked at here.
  }
}

class FakeConnection {
  closed = false;
  destroyed = false;
  readonly #listeners: (() => void)[] = [];
  readonly client = {};
  onClose(listener: () => void): void {
    this.#listeners.push(listener);
  }
  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
  destroy(): void {
    this.destroyed = true;
    this.closed = true;
  }
}

function gate() {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

function world(overrides: Partial<Session> = {}, deviceAddress = '10.0.0.5') {
  let session: Session = sessionSchema.parse({
    id: 's1',
    credentialId: 7,
    credentialLabel: 'root @ web-01',
    deviceId: 1,
    jitType: 'create_delete',
    pluginId: 'ssh',
    account: 'jit_alice',
    requester: 'alice',
    state: 'active',
    createdAt: at,
    updatedAt: at,
    expiresAt: at,
    endedAt: null,
    operationIds: [],
    cleanupAttempts: 0,
    nextAttemptAt: null,
    error: null,
    forceCloseReason: null,
    target: '10.0.0.5:22',
    ...overrides,
  });
  const device: Device = deviceSchema.parse({
    id: 1,
    name: 'web-01',
    address: deviceAddress,
    type: 'Server',
    createdAt: at,
    updatedAt: at,
    credentialCount: 1,
    connectivity: [
      { protocol: 'SSH', port: 22 },
      { protocol: 'PostgreSQL', port: 5432 },
    ],
  });
  const events = new EventBus();
  const audit: AuditEvent[] = [];
  const connections: FakeConnection[] = [];
  const channels: FakeChannel[] = [];
  const gates = {
    connect: undefined as ReturnType<typeof gate> | undefined,
    pty: undefined as ReturnType<typeof gate> | undefined,
  };
  const connected: string[] = [];
  const deps: SshTerminalsDeps = {
    sessions: { get: () => session, end: () => Promise.resolve(session) },
    events,
    inventory: {
      devices: { get: () => device },
      logins: {
        loginFor: () => ({ login: { username: 'root', password: 'stored' } }),
      } as unknown as SshTerminalsDeps['inventory']['logins'],
    },
    vault: { has: () => true, get: () => 'generated-secret' },
    hostKeyCheck: () => true,
    audit: {
      record: (event) => {
        audit.push(event);
        return Promise.resolve(event as AuditEntry);
      },
    },
    ssh: {
      connect: async (options) => {
        connected.push(`${options.login.username}@${options.target.host}:${options.target.port}`);
        await gates.connect?.promise;
        const connection = new FakeConnection();
        connections.push(connection);
        // A stand-in: the service uses only onClose, close and destroy.
        return connection as unknown as SshConnection;
      },
      openPty: async () => {
        await gates.pty?.promise;
        const channel = new FakeChannel();
        channels.push(channel);
        return channel as unknown as ClientChannel;
      },
    },
  };
  const terminals = new SshTerminals(deps);
  const toRenderer: Uint8Array[] = [];
  const toCore: Uint8Array[] = [];
  const core = new StreamMux((f) => toRenderer.push(f));
  const renderer = new StreamMux((f) => toCore.push(f), { acceptUnknown: true });
  const deliver = () => {
    while (toRenderer.length > 0 || toCore.length > 0) {
      for (let f = toRenderer.shift(); f; f = toRenderer.shift()) renderer.receive(f);
      for (let f = toCore.shift(); f; f = toCore.shift()) core.receive(f);
    }
  };
  const caller = { actor: 'alice', transport: 'websocket', streams: core };
  const setState = (state: Session['state']) => {
    session = { ...session, state };
    events.emit('sessions.changed', session);
  };
  return {
    terminals,
    caller,
    audit,
    connections,
    channels,
    gates,
    connected,
    core,
    renderer,
    deliver,
    setState,
  };
}

const size = { cols: 80, rows: 24 };
/** Node emits a Readable's data on a later tick. */
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('SSH terminal: who gets one', () => {
  it('refuses a database session, even on a device that lists SSH, and connects nowhere', async () => {
    const w = world({ pluginId: 'postgresql' });
    await expect(w.terminals.open('s1', size, w.caller)).rejects.toThrow(/only SSH sessions have a terminal/);
    expect(w.connected).toEqual([]);
  });

  it("refuses when the device's address moved away from where the session's account is", async () => {
    const w = world({}, '10.0.0.99');
    await expect(w.terminals.open('s1', size, w.caller)).rejects.toThrow(
      /now at 10\.0\.0\.99:22, but this session's account is on 10\.0\.0\.5:22/,
    );
    expect(w.connected).toEqual([]);
  });

  it('opens an Active SSH session at its recorded target', async () => {
    const w = world();
    const id = await w.terminals.open('s1', size, w.caller);
    expect(id).toBe(1);
    expect(w.connected).toEqual(['jit_alice@10.0.0.5:22']);
    expect(w.terminals.openCount).toBe(1);
  });
});

describe('SSH terminal: what goes away while it opens', () => {
  it('closes the SSH connection when the caller’s connection closed during the connect', async () => {
    const w = world();
    w.gates.connect = gate();
    const opening = w.terminals.open('s1', size, w.caller);
    await Promise.resolve();
    w.core.closeAll();
    w.gates.connect.open();
    await expect(opening).rejects.toThrow(/connection closed while the terminal was opening/);
    expect(w.connections[0]?.destroyed).toBe(true);
    expect(w.terminals.openCount).toBe(0);
  });

  it('closes it when the session leaves Active while the PTY opens', async () => {
    const w = world();
    w.gates.pty = gate();
    const opening = w.terminals.open('s1', size, w.caller);
    for (let i = 0; i < 5 && w.connections.length === 0; i++) await new Promise((r) => setImmediate(r));
    expect(w.connections).toHaveLength(1);
    w.setState('ending');
    w.gates.pty.open();
    await expect(opening).rejects.toThrow(/session ended while its terminal was opening/);
    expect(w.connections[0]?.destroyed).toBe(true);
    expect(w.terminals.openCount).toBe(0);
  });
});

describe('SSH terminal: audit', () => {
  it('audits the login before connecting, and its close, with actor, session, account and target', async () => {
    const w = world();
    w.gates.connect = gate();
    const opening = w.terminals.open('s1', size, w.caller);
    for (let i = 0; i < 5 && w.connected.length === 0; i++) await new Promise((r) => setImmediate(r));
    expect(w.audit).toEqual([
      expect.objectContaining({
        actor: 'alice',
        action: 'session_terminal_open',
        entity: 'credential',
        entityId: 7,
        // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- vitest's matcher is typed any
        detail: expect.stringMatching(/Session s1 \(jit_alice\).*jit_alice@10\.0\.0\.5:22 over websocket/),
      }),
    ]);
    w.gates.connect.open();
    const id = await opening;
    w.renderer.attach(id).close();
    w.deliver();
    expect(w.audit.map((e) => e.action)).toEqual(['session_terminal_open', 'session_terminal_close']);
    expect(w.audit[1]).toMatchObject({ actor: 'alice', result: 'success' });
    expect(JSON.stringify(w.audit)).not.toContain('generated-secret');
  });
});

describe('SSH terminal: what the core holds', () => {
  it('cuts off a target that keeps sending into a paused channel beyond the cap', async () => {
    const w = world();
    const id = await w.terminals.open('s1', size, w.caller);
    const channel = w.channels[0];
    if (!channel) throw new Error('no channel');
    const pending: (() => void)[] = [];
    const stream = w.renderer.attach(id);
    stream.onData((_bytes, done) => pending.push(done));
    let closedWith: string | undefined;
    stream.onClose((r) => (closedWith = r));
    // A window's worth fills the renderer's credit: the channel pauses.
    channel.push(Buffer.alloc(streamWindowBytes + 1));
    await tick();
    w.deliver();
    expect(channel.isPaused()).toBe(true);
    // The target ignores the window.
    for (let sent = 0; sent <= maxHeldOutputBytes; sent += 1024 * 1024)
      channel.push(Buffer.alloc(1024 * 1024));
    await tick();
    for (const done of pending.splice(0)) done();
    w.deliver();
    expect(closedWith).toBe('protocol');
    expect(w.connections[0]?.closed).toBe(true);
    expect(w.terminals.openCount).toBe(0);
  });

  it('withholds input acks while ssh2 holds more than 64 KiB unsent, and acks once it is sent', async () => {
    const w = world();
    const id = await w.terminals.open('s1', size, w.caller);
    const channel = w.channels[0];
    if (!channel) throw new Error('no channel');
    const input = w.renderer.attach(id);
    // The renderer types two windows' worth in 1 KiB frames; the target takes nothing.
    for (let i = 0; i < (2 * streamWindowBytes) / 1024; i++) input.write(new Uint8Array(1024));
    w.deliver();
    const held = channel.writableLength;
    expect(held).toBeGreaterThan(maxHeldInputBytes);
    // Beyond the acked quarter windows the renderer may send no more: the core holds at most
    // the cap and one window.
    expect(input.queuedBytes).toBeGreaterThan(0);
    expect(channel.listenerCount('drain')).toBeLessThanOrEqual(1);
    expect(held).toBeLessThanOrEqual(maxHeldInputBytes + streamWindowBytes);
    // The target takes it all: acks flow again and the rest of the input reaches it.
    const written = () => Buffer.concat(channel.written).byteLength;
    for (let i = 0; i < 20 && written() < 2 * streamWindowBytes; i++) {
      channel.flush();
      await tick();
      w.deliver();
    }
    expect(input.queuedBytes).toBe(0);
    expect(written()).toBe(2 * streamWindowBytes);
  });
});
