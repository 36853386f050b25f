import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export const findChromium = (): string | undefined => candidates.find((path) => existsSync(path));

/**
 * Opens the address in Chromium's app mode (a window without browser chrome), with a profile of
 * its own inside the data directory. Returns false when no Chromium is installed.
 */
export function openInChromiumApp(url: string, dataDir: string): boolean {
  const chromium = findChromium();
  if (!chromium) return false;
  const profile = join(dataDir, 'chromium-profile');
  mkdirSync(profile, { recursive: true });
  const args = [
    `--app=${url}`,
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
  return true;
}
