// The run plumbing every plugin shares, exercised through the three plugins against a local TCP
// server that accepts connections and never answers (no database protocol is faked: these tests
// are about what happens before and around the protocol: refusals, timeouts, cancel, no server).

import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PluginRuntime } from '../../../../electron/plugins/plugin-runtime';
import { ldapPlugin } from '../../../../electron/plugins/ldap';
import { mysqlPlugin } from '../../../../electron/plugins/mysql';
import { postgresqlPlugin } from '../../../../electron/plugins/postgresql';

interface Silent {
  server: Server;
  port: number;
  connections: number;
  sockets: Set<Socket>;
}

let silent: Silent;
let closedPort: number;

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

beforeAll(async () => {
  const server = createServer();
  silent = { server, port: 0, connections: 0, sockets: new Set() };
  server.on('connection', (socket) => {
    silent.connections++;
    silent.sockets.add(socket);
    // Read (and drop) what arrives: a paused socket would never see the client close it.
    socket.resume();
    socket.on('close', () => silent.sockets.delete(socket));
  });
  silent.port = await listen(server);
  // A port nothing listens on: bind one, note it, close it.
  const probe = createServer();
  closedPort = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
});

afterAll(async () => {
  for (const socket of silent.sockets) socket.destroy();
  await new Promise((resolve) => silent.server.close(resolve));
});

const cases: { plugin: PluginRuntime; template: string; refusing: string }[] = [
  {
    plugin: postgresqlPlugin,
    template: 'ALTER ROLE "[#USERNAME#]" NOLOGIN',
    refusing: "SELECT 1;\nCREATE ROLE [#USERNAME#] PASSWORD '[#NEW_PASSWORD#]'",
  },
  {
    plugin: mysqlPlugin,
    template: "ALTER USER '[#USERNAME#]'@'%' ACCOUNT LOCK",
    refusing: "SELECT 1;\nCREATE USER '[#USERNAME#]'@'%' IDENTIFIED BY '[#NEW_PASSWORD#]'",
  },
  {
    plugin: ldapPlugin,
    template: 'modify "uid=[#USERNAME#],dc=x"\nmod-replace pwdAccountLockedTime 000001010000Z',
    refusing: 'modify "cn=x"\nmod-replace cn [#USERNAME#]',
  },
];

const login = { username: 'cn=admin', password: 'admin-secret' };

describe.each(cases)('$plugin.id: run guards', ({ plugin, template, refusing }) => {
  it('refuses a value before connecting: nothing reaches the target', async () => {
    const before = silent.connections;
    const result = await plugin.run({
      template: refusing,
      tags: { USERNAME: plugin.id === 'ldap' ? 'a\nb' : 'x y ', NEW_PASSWORD: 'pw' },
      target: { host: '127.0.0.1', port: silent.port },
      login,
    });
    expect(result.ok).toBe(false);
    expect(result.failure).toMatchObject({ kind: 'refused', line: 2 });
    expect(result.steps).toEqual([]);
    expect(silent.connections).toBe(before);
  });

  it('refuses a template with a malformed tag, and a missing value', async () => {
    const target = { host: '127.0.0.1', port: silent.port };
    const unknown = await plugin.run({
      template: `${template}\n# [#nope#]`,
      tags: { USERNAME: 'a' },
      target,
      login,
    });
    expect(unknown.failure?.kind).toBe('refused');
    const missing = await plugin.run({ template, tags: {}, target, login });
    expect(missing.failure).toMatchObject({ kind: 'refused', message: 'No value for [#USERNAME#]' });
  });

  it("fails as 'connect' when nothing listens, without the password in the message", async () => {
    const result = await plugin.run({
      template,
      tags: { USERNAME: 'a' },
      target: { host: '127.0.0.1', port: closedPort },
      login,
    });
    expect(result.failure?.kind).toBe('connect');
    expect(JSON.stringify(result)).not.toContain('admin-secret');
  });

  it("fails as 'timeout' when the server never answers", async () => {
    const result = await plugin.run({
      template,
      tags: { USERNAME: 'a' },
      target: { host: '127.0.0.1', port: silent.port },
      login,
      timeouts: { connectSeconds: 0.3, readSeconds: 0.3 },
    });
    expect(result.failure).toMatchObject({ kind: 'timeout' });
    expect(result.failure?.message).toMatch(/No answer within 0.3 s/);
  });

  it("fails as 'canceled' when the signal aborts, and closes the connection", async () => {
    const controller = new AbortController();
    const before = silent.connections;
    const running = plugin.run({
      template,
      tags: { USERNAME: 'a' },
      target: { host: '127.0.0.1', port: silent.port },
      login,
      signal: controller.signal,
    });
    // Cancel once the plugin's connection has arrived (a condition, not a delay).
    await expect.poll(() => silent.connections, { interval: 5, timeout: 5000 }).toBeGreaterThan(before);
    controller.abort();
    const result = await running;
    expect(result.failure).toMatchObject({ kind: 'canceled' });
    await expect.poll(() => silent.sockets.size, { interval: 5, timeout: 5000 }).toBe(0);
  });

  it('accountExists and endSessions fail cleanly (masked) when the target is down', async () => {
    const request = { target: { host: '127.0.0.1', port: closedPort }, login, username: 'a' };
    await expect(plugin.accountExists(request)).rejects.toThrow(/checking the/);
    if (plugin.id !== 'ldap') await expect(plugin.endSessions(request)).rejects.toThrow(/ending the/);
  });
});
