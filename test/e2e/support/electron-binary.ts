import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const electronDir = join(import.meta.dirname, '..', '..', '..', 'node_modules', 'electron');

/** The Electron binary if it is installed, or the reason it cannot be used here. */
export function findElectron(): { binary: string } | { reason: string } {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      reason:
        "Electron's binary is not installed on this machine (no download access); run `npm start` on a connected machine to fetch it",
    };
  }
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return { reason: `Electron's binary is missing: ${binary}` };
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'no display for Electron (run under xvfb-run)' };
  }
  return { binary };
}
