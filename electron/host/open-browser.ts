import { spawn } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export const findChromium = (): string | undefined => candidates.find((path) => existsSync(path));

/** The file Chromium is pointed at, in its profile directory; it holds the address with the token. */
export const launcherFileName = 'jit-pam-launch.html';

export interface ChromiumWindow {
  /** The launcher file holding the token: the host removes it when it stops. */
  readonly launcher: string;
}

/**
 * Opens the address in Chromium's app mode (a window without browser chrome), with a profile of
 * its own inside the data directory. Returns undefined when no Chromium is installed.
 *
 * The address carries the session token, and every local user can read every process's command
 * line (`ps`). So Chromium is given only the path of a launcher page, readable by this user alone
 * (mode 0600 in the 0700 profile directory), that sends the window on to the address. A one-time
 * code on the command line would not do: another user watching `ps` could redeem it first.
 */
export function openInChromiumApp(
  url: string,
  dataDir: string,
  chromium: string | undefined = findChromium(),
): ChromiumWindow | undefined {
  if (!chromium) return undefined;
  const profile = join(dataDir, 'chromium-profile');
  ensurePrivateDir(profile);
  const launcher = join(profile, launcherFileName);
  writePrivateFile(launcher, launcherPage(url));
  const args = [
    `--app=${pathToFileURL(launcher).href}`,
    `--user-data-dir=${profile}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  // Chromium refuses to run as root without this; a root session is common in offline labs.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const child = spawn(chromium, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => undefined);
  child.unref();
  return { launcher };
}

/** A page that replaces itself with `url` (no history entry for the launcher, no referrer). */
export function launcherPage(url: string): string {
  const attribute = url.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
  // JSON string, with `<` escaped so that the text cannot end the script element.
  const script = JSON.stringify(url).replaceAll('<', '\\u003c');
  return [
    '<!doctype html>',
    '<meta charset="utf-8">',
    '<meta name="referrer" content="no-referrer">',
    `<meta http-equiv="refresh" content="0;url=${attribute}">`,
    '<title>JIT PAM</title>',
    `<script>location.replace(${script})</script>`,
    '',
  ].join('\n');
}

/** Creates `path` (mode 0700) or tightens it; refuses a symlink or a directory of another user. */
function ensurePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  const stat = lstatSync(path);
  if (!stat.isDirectory()) throw new Error(`${path} is not a directory`);
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) throw new Error(`${path} belongs to another user`);
  if ((stat.mode & 0o077) !== 0) chmodSync(path, 0o700);
}

/** Writes a fresh file of mode 0600: `wx` never follows a symlink planted where the old file was. */
function writePrivateFile(path: string, text: string): void {
  rmSync(path, { force: true });
  writeFileSync(path, text, { mode: 0o600, flag: 'wx' });
}
