import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/compose';
import { startBrowserHost, type BrowserHost } from '../../../electron/host/browser-host';
import { confBackendFactory } from '../../../electron/storage/conf-backend';
import { defaultSettings } from '../../../shared/domain/settings';
import { connect, wireClient } from '../../support/host-client';
import { makeTempDir } from '../../support/temp-dir';

let dir: ReturnType<typeof makeTempDir>;
let core: Core;
let host: BrowserHost;
let token: string;
const opened: WebSocket[] = [];

beforeAll(async () => {
  dir = makeTempDir();
  const rendererDir = join(dir.path, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>JIT</title>');
  writeFileSync(join(dir.path, 'secret.txt'), 'outside the renderer');
  core = createCore({ dataDir: join(dir.path, 'data'), shell: 'browser', createBackend: confBackendFactory });
  host = await startBrowserHost({ core, rendererDir, port: 0 });
  token = new URL(host.url).hash.replace('#token=', '');
});

afterAll(async () => {
  for (const s of opened) s.terminate();
  await host.close();
  await core.shutdown();
  dir.remove();
});

const origin = () => `http://127.0.0.1:${host.port}`;
const wsUrl = (t?: string) => `ws://127.0.0.1:${host.port}/rpc${t === undefined ? '' : `?token=${t}`}`;

async function authenticated() {
  const result = await connect(wsUrl(token), { Origin: origin() });
  if (!('socket' in result)) throw new Error(`refused with ${result.refused}`);
  opened.push(result.socket);
  return wireClient(result.socket);
}

function httpGet(path: string, host: string): Promise<{ status: number; body: string; csp?: string }> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port: Number(host.split(':')[1] ?? 0) || undefined,
      path,
      headers: { Host: host },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body,
          csp: res.headers['content-security-policy'] as string | undefined,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser host', () => {
  it('prints an address on 127.0.0.1 with a long random token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a WebSocket without the token', async () => {
    expect(await connect(wsUrl(), { Origin: origin() })).toEqual({ refused: 401 });
  });

  it('refuses a WebSocket with a wrong token', async () => {
    expect(await connect(wsUrl(`${token.slice(0, -1)}x`), { Origin: origin() })).toEqual({ refused: 401 });
  });

  it('refuses a WebSocket from a foreign Origin, even with the token', async () => {
    expect(await connect(wsUrl(token), { Origin: 'http://evil.example' })).toEqual({ refused: 403 });
    expect(await connect(wsUrl(token), {})).toEqual({ refused: 403 });
  });

  it('refuses a rebound host name (DNS rebinding), for the socket and for pages', async () => {
    const rebound = `evil.example:${host.port}`;
    expect(await connect(wsUrl(token), { Origin: `http://${rebound}`, Host: rebound })).toEqual({
      refused: 421,
    });
    expect((await httpGet('/', rebound)).status).toBe(421);
  });

  it('serves the renderer with a strict CSP, and nothing outside it', async () => {
    const page = await httpGet('/', `127.0.0.1:${host.port}`);
    expect(page.status).toBe(200);
    expect(page.csp).toContain("script-src 'self'");
    expect(page.csp).toContain(`connect-src ws://127.0.0.1:${host.port}`);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const res = await httpGet(path, `127.0.0.1:${host.port}`);
      expect(res.status).not.toBe(200);
      expect(res.body).not.toContain('outside the renderer');
    }
  });

  it('answers a valid call', async () => {
    const client = await authenticated();
    expect(await client.call('app.info')).toMatchObject({
      ok: true,
      value: { shell: 'browser', dataDir: join(dir.path, 'data') },
    });
  });

  it('answers an unknown method with a clear error', async () => {
    const client = await authenticated();
    expect(await client.call('vault.dumpAll')).toMatchObject({
      ok: false,
      code: 'unknown_method',
      message: 'Unknown method: "vault.dumpAll"',
    });
  });

  it('rejects an invalid payload, names the field, and changes nothing', async () => {
    const client = await authenticated();
    const bad = { ...defaultSettings, passwordPolicy: { ...defaultSettings.passwordPolicy, length: 100000 } };
    expect(await client.call('settings.set', bad)).toMatchObject({
      ok: false,
      code: 'invalid_input',
      field: 'passwordPolicy.length',
    });
    expect(await client.call('settings.set', 'not an object')).toMatchObject({
      ok: false,
      code: 'invalid_input',
    });
    expect(await client.call('settings.get')).toEqual({ ok: true, value: defaultSettings });
    const stored = JSON.parse(readFileSync(join(dir.path, 'data', 'config.json'), 'utf8')) as object;
    expect(stored).not.toHaveProperty('settings');
  });

  it('rejects malformed frames without dropping the connection', async () => {
    const client = await authenticated();
    expect(await client.sendRaw('{not json', 0)).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(await client.sendRaw(JSON.stringify({ id: 7, method: 5 }), 7)).toMatchObject({
      ok: false,
      code: 'invalid_input',
    });
    expect(await client.call('settings.get')).toMatchObject({ ok: true });
  });

  it('saves settings and pushes settings.changed to every client', async () => {
    const writer = await authenticated();
    const listener = await authenticated();
    const next = { ...defaultSettings, jit: { usernamePrefix: 'jit_', maxSessionMinutes: 30 } };
    expect(await writer.call('settings.set', next)).toEqual({ ok: true, value: next });
    await expect.poll(() => listener.events).toContainEqual({ event: 'settings.changed', payload: next });
    const stored = JSON.parse(readFileSync(join(dir.path, 'data', 'config.json'), 'utf8')) as {
      settings: unknown;
    };
    expect(stored.settings).toEqual(next);
    // Audited with what changed, by the Settings form's labels, before and after.
    const audit = await writer.call('audit.list', { filter: { entity: 'settings' }, offset: 0, limit: 5 });
    expect(audit).toMatchObject({
      ok: true,
      value: {
        entries: [
          {
            action: 'update',
            entity: 'settings',
            fields: ['jit.usernamePrefix', 'jit.maxSessionMinutes'],
            changes: [
              {
                field: 'jit.usernamePrefix',
                label: 'Username prefix',
                before: defaultSettings.jit.usernamePrefix,
                after: 'jit_',
              },
              {
                field: 'jit.maxSessionMinutes',
                label: 'Maximum session length (minutes)',
                before: String(defaultSettings.jit.maxSessionMinutes),
                after: '30',
              },
            ],
          },
        ],
      },
    });
    // Saving the same settings again changes nothing and audits nothing.
    await writer.call('settings.set', next);
    expect(
      await writer.call('audit.list', { filter: { entity: 'settings' }, offset: 0, limit: 5 }),
    ).toMatchObject({
      value: { total: 1 },
    });
  });
});
