/**
 * The shell's app:// protocol: registered as a standard, secure scheme before `ready`; serves the
 * files under dist/renderer and nothing else (traversal, encoded traversal, another host, a missing
 * file: 404), every answer with the browser host's security headers and CSP (connect-src aside:
 * the browser host allows its WebSocket, the shell nothing).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../../electron/host/browser-host';
import { protocol, resetElectron } from './electron-stand-in';
import { appScript, indexHtml, startTestShell, type TestShell } from './start-test-shell';

vi.mock('electron', () => import('./electron-stand-in'));

let shell: TestShell;
let host: BrowserHost;
beforeAll(async () => {
  resetElectron();
  shell = await startTestShell();
  // Beside the renderer folder: what a traversal would reach.
  writeFileSync(join(shell.root, 'dist', 'secret.txt'), 'secret');
  mkdirSync(join(shell.root, 'dist', 'renderer-evil'));
  writeFileSync(join(shell.root, 'dist', 'renderer-evil', 'x.js'), 'evil');
  host = await startBrowserHost({
    core: shell.core,
    rendererDir: join(shell.root, 'dist', 'renderer'),
    port: 0,
  });
});
afterAll(async () => {
  await host.close();
  await shell.quit();
});

const get = (url: string) => protocol.request(url);
const hostGet = (path: string) => fetch(new URL(path, host.url));

/** The security headers (all but Content-Type, Cache-Control and the like) and the CSP's directives. */
function security(response: Response): { headers: Record<string, string>; csp: string[] } {
  const names = [
    'content-security-policy',
    'x-content-type-options',
    'referrer-policy',
    'cross-origin-opener-policy',
    'cross-origin-resource-policy',
  ];
  const headers = Object.fromEntries(names.map((name) => [name, response.headers.get(name) ?? '(missing)']));
  const csp = (headers['content-security-policy'] ?? '')
    .split(';')
    .map((d) => d.trim())
    .filter((d) => !d.startsWith('connect-src'));
  delete headers['content-security-policy'];
  return { headers, csp };
}

describe('app:// registration', () => {
  it('is a standard, secure scheme with fetch support, registered before ready', () => {
    expect(protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });
});

describe('app://renderer', () => {
  it('serves index.html at / and the files under the renderer folder', async () => {
    const index = await get('app://renderer/');
    expect(index.status).toBe(200);
    expect(await index.text()).toBe(indexHtml);
    const script = await get('app://renderer/assets/app.js');
    expect(script.status).toBe(200);
    expect(await script.text()).toBe(appScript);
  });

  it.each([
    ['encoded traversal', 'app://renderer/%2e%2e/secret.txt'],
    ['encoded slash traversal', 'app://renderer/..%2fsecret.txt'],
    ['fully encoded traversal', 'app://renderer/%2e%2e%2fsecret.txt'],
    ['a sibling folder sharing the prefix', 'app://renderer/..%2frenderer-evil/x.js'],
    ['an absolute path', 'app://renderer/%2fetc%2fpasswd'],
    ['another host', 'app://other/index.html'],
    ['another host with traversal', 'app://evil/../secret.txt'],
    ['a missing file', 'app://renderer/missing.js'],
    ['a folder', 'app://renderer/assets'],
    ['a malformed escape', 'app://renderer/%E0%A4%A'],
  ])('answers 404 to %s', async (_what, url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('secret');
  });

  it('plain traversal is resolved by the URL itself and stays inside', async () => {
    const response = await get('app://renderer/assets/../../secret.txt');
    expect(response.status).toBe(404);
  });

  it("sends the browser host's security headers and CSP on a page", async () => {
    const mine = security(await get('app://renderer/index.html'));
    const theirs = security(await hostGet('/index.html'));
    expect(mine).toEqual(theirs);
    expect(mine.csp).toContain("default-src 'none'");
  });

  it('sends the same headers on a 404', async () => {
    const mine = security(await get('app://renderer/missing.js'));
    const theirs = security(await hostGet('/missing.js'));
    expect(mine).toEqual(theirs);
  });

  it('allows no connection at all (connect-src none: IPC is the only way to the core)', async () => {
    const csp = (await get('app://renderer/index.html')).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("connect-src 'none'");
  });
});
