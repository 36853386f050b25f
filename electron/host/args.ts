import { resolve } from 'node:path';
import { UsageError } from '../platform/usage-error';

export interface HostArgs {
  readonly port: number;
  readonly dataDir: string | undefined;
  readonly open: boolean;
  readonly passphraseFile: string | undefined;
}

export const hostUsage =
  'Usage: npm run serve -- [--port N] [--data-dir DIR] [--no-open] [--passphrase-file FILE]\n' +
  '  --port N        listen on 127.0.0.1:N (default: a free port)\n' +
  '  --data-dir DIR  where the configuration and logs live (default: ~/.config/jit-pam)\n' +
  '  --no-open       do not open Chromium; only print the address\n' +
  '  --passphrase-file FILE  set up or unlock the vault with the first line of FILE (automation)';

/** Parses the browser host's command line; unknown or malformed options are errors, not ignored. */
export function parseHostArgs(argv: readonly string[]): HostArgs {
  let port = 0;
  let dataDir: string | undefined;
  let open = true;
  let passphraseFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    switch (arg) {
      case '--port': {
        const raw = value();
        const n = Number(raw);
        if (!/^\d+$/.test(raw) || n > 65535) throw new UsageError(`--port must be 0..65535, got "${raw}"`);
        port = n;
        break;
      }
      case '--data-dir':
        dataDir = resolve(value());
        break;
      case '--passphrase-file':
        passphraseFile = resolve(value());
        break;
      case '--no-open':
        open = false;
        break;
      default:
        throw new UsageError(`Unknown option: ${arg ?? ''}`);
    }
  }
  return { port, dataDir, open, passphraseFile };
}
