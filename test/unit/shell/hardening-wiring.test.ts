/**
 * The shell's app-wide denials, on every webContents Electron creates (our window's included): no
 * new windows (http(s) links go to the system browser), no navigation or redirect off app://renderer,
 * no webviews, no permission of any kind.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  allCheckedPermissions,
  allRequestedPermissions,
  resetElectron,
  session,
  shell as systemShell,
  StandInWebContents,
} from './electron-stand-in';
import { startTestShell, type TestShell } from './start-test-shell';

vi.mock('electron', () => import('./electron-stand-in'));

let shell: TestShell;
beforeAll(async () => {
  resetElectron();
  shell = await startTestShell();
});
afterAll(() => shell.quit());

const offOrigin = [
  'https://evil.example/',
  'http://127.0.0.1:8080/',
  'file:///etc/passwd',
  'app://other/index.html',
  'app://user@renderer/index.html',
  'data:text/html,<script>alert(1)</script>',
  'not a url',
];

describe('window.open', () => {
  it('is denied; an http(s) link opens in the system browser', () => {
    const contents = shell.window.webContents;
    expect(contents.openWindow('https://docs.example/guide')).toEqual({ action: 'deny' });
    expect(contents.openWindow('http://intranet.example/')).toEqual({ action: 'deny' });
    expect(systemShell.opened).toEqual(['https://docs.example/guide', 'http://intranet.example/']);
  });

  it('is denied for anything else, which is not handed to the system either', () => {
    systemShell.opened.length = 0;
    const contents = new StandInWebContents();
    for (const url of [
      'file:///etc/passwd',
      'app://renderer/index.html',
      'javascript:alert(1)',
      'smb://x/y',
    ]) {
      expect(contents.openWindow(url)).toEqual({ action: 'deny' });
    }
    expect(systemShell.opened).toEqual([]);
  });
});

describe.each(['will-navigate', 'will-redirect'])('%s', (event) => {
  it('off app://renderer is prevented', () => {
    for (const url of offOrigin) {
      expect(shell.window.webContents.emitCancellable(event, url).prevented, url).toBe(true);
    }
  });

  it('within app://renderer goes ahead', () => {
    expect(shell.window.webContents.emitCancellable(event, 'app://renderer/index.html').prevented).toBe(
      false,
    );
  });
});

describe('webviews', () => {
  it('are never attached', () => {
    const contents = new StandInWebContents();
    const webPreferences = { nodeIntegration: true };
    const params = { src: 'app://renderer/index.html' };
    expect(contents.emitCancellable('will-attach-webview', webPreferences, params).prevented).toBe(true);
  });
});

describe('permissions', () => {
  it.each(allRequestedPermissions)('a request for %s is denied', async (permission) => {
    await expect(session.defaultSession.request(shell.window.webContents, permission)).resolves.toBe(false);
  });

  it.each(allCheckedPermissions)('a check of %s is denied', (permission) => {
    expect(session.defaultSession.check(shell.window.webContents, permission)).toBe(false);
  });
});
