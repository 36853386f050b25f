import { lstatSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';

/** Not ours to walk: the browser host's Chromium profile (host/open-browser.ts checks it alone). */
const unwalked = new Set(['chromium-profile']);

export class DataDirOwnerError extends Error {
  override name = 'DataDirOwnerError';
  /** `path`: the data directory itself (resolved) when undefined, else a file or folder in it. */
  constructor(
    readonly dir: string,
    readonly path: string | undefined,
    readonly owner: number,
    readonly me: number,
  ) {
    super(
      `${path === undefined ? `The data directory ${dir}` : `${path} in the data directory ${dir}`} ` +
        `belongs to user ${owner}, not to this user (${me}): JIT PAM will not start on it, ` +
        'as that user could read or change its configuration, audit trail and vault. ' +
        'Use a data directory of your own (--data-dir), or have its owner fixed (chown).',
    );
  }
}

/**
 * Refuses a data directory that another user owns, or that holds a file or folder another user
 * owns: whoever owns it can read the vault's ciphertext and rewrite the audit trail, and swap
 * files under the app (making them private does not help: the owner can always chmod them back).
 * The directory is resolved first: a symbolic link to another user's directory is refused too.
 *
 * Symbolic links inside are checked (their own owner) but not followed; the Chromium profile's
 * folder is checked itself, not walked (Chromium manages what it holds). Where there are no user
 * ids (Windows), there is nothing to check.
 */
export function assertDataDirOwned(dir: string): void {
  const me = process.getuid?.();
  if (me === undefined) return;
  const real = realpathSync(dir);
  const owner = statSync(real).uid;
  // Named as given and, when a link led elsewhere, where it led.
  if (owner !== me)
    throw new DataDirOwnerError(real === dir ? dir : `${dir} (${real})`, undefined, owner, me);
  walk(dir, real, me, true);
}

function walk(dir: string, folder: string, me: number, top: boolean): void {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    let stats: Stats;
    try {
      stats = lstatSync(path);
    } catch {
      continue; // Removed meanwhile.
    }
    if (stats.uid !== me) throw new DataDirOwnerError(dir, path, stats.uid, me);
    if (stats.isDirectory() && !(top && unwalked.has(name))) walk(dir, path, me, false);
  }
}
