import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The per-user data directory both shells use by default, so switching between Electron and the
 * browser host keeps the same data: `$XDG_CONFIG_HOME/jit-pam` (usually ~/.config/jit-pam).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.length > 0 ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(base, 'jit-pam');
}
