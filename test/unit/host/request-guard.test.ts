/**
 * The browser host's guards at their edges (electron/host/request-guard.ts), against the real host:
 * near-miss tokens, an opaque Origin, look-alike Host headers and methods other than GET.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/compose';
import { startBrowserHost, type BrowserHost } from '../../../electron/host/browser-host';
import { confBackendFactory } from '../../../electron/storage/conf-backend';
import { connect } from '../../support/host-client';
import { makeTempDir } from '../../support/temp-dir';

let dir: ReturnType<typeof makeTempDir>;
let core: Core;
let host: BrowserHost;
let token: string;

beforeAll(async () => {
  dir = makeTempDir();
  const rendererDir = join(dir.path, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>JIT renderer</title>');
  core = createCore({ dataDir: join(dir.path, 'data'), shell: 'browser', createBackend: confBackendFactory });
  host = await startBrowserHost({ core, rendererDir, port: 0 });
  token = new URL(host.url).hash.replace('#token=', '');
});

afterAll(async () => {
  await host.close();
  await core.shutdown();
  dir.remove();
});

const origin = () => `http://127.0.0.1:${host.port}`;
const wsUrl = (t: string) => `ws://127.0.0.1:${host.port}/rpc?token=${encodeURIComponent(t)}`;

async function socketStatus(url: string, headers: Record<string, string>): Promise<number | 'open'> {
  const result = await connect(url, headers);
  if ('refused' in result) return result.refused;
  result.socket.terminate();
  return 'open';
}

function http(method: string, hostHeader: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port: host.port,
      method,
      path: '/',
      headers: { Host: hostHeader },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser host guards', () => {
  it('opens a socket with the exact token (the baseline the refusals below differ from)', async () => {
    expect(await socketStatus(wsUrl(token), { Origin: origin() })).toBe('open');
  });

  it.each([
    ['a prefix of the token', () => token.slice(0, -1)],
    ['its first half', () => token.slice(0, token.length / 2)],
    ['the token and one more character', () => `${token}A`],
    ['the token twice', () => token + token],
    ['an empty token', () => ''],
  ])('refuses %s (401)', async (_what, candidate) => {
    expect(await socketStatus(wsUrl(candidate()), { Origin: origin() })).toBe(401);
  });

  it('refuses an opaque Origin ("null": a sandboxed frame, a file page), even with the token (403)', async () => {
    expect(await socketStatus(wsUrl(token), { Origin: 'null' })).toBe(403);
  });

  it('takes the host by its two loopback names, and refuses look-alike Host headers (421)', async () => {
    const port = host.port;
    expect((await http('GET', `127.0.0.1:${port}`)).status).toBe(200);
    expect((await http('GET', `localhost:${port}`)).status).toBe(200);
    for (const lookAlike of [
      'localhost:',
      'localhost',
      `localhost:${port + 1}`,
      `localhost.:${port}`,
      `localhost.evil.example:${port}`,
      '127.0.0.1',
      `127.0.0.2:${port}`,
    ]) {
      const page = await http('GET', lookAlike);
      expect({ lookAlike, status: page.status }).toEqual({ lookAlike, status: 421 });
      expect(page.body).not.toContain('JIT renderer');
      const socket = await socketStatus(wsUrl(token), { Origin: `http://${lookAlike}`, Host: lookAlike });
      expect({ lookAlike, socket }).toEqual({ lookAlike, socket: 421 });
    }
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])(
    'refuses %s (405) and serves nothing',
    async (method) => {
      const res = await http(method, `127.0.0.1:${host.port}`);
      expect(res.status).toBe(405);
      expect(res.body).not.toContain('JIT renderer');
    },
  );
});
