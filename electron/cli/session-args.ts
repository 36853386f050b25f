import { resolve } from 'node:path';
import { UsageError } from '../platform/usage-error';

export type SessionCommand =
  /** A credential id, or `user@device` (the device's name). */
  | {
      readonly command: 'start';
      readonly credential: number | { readonly username: string; readonly device: string };
    }
  | { readonly command: 'end'; readonly id: string }
  | { readonly command: 'list' }
  | { readonly command: 'sweep' };

export interface SessionCliArgs {
  readonly action: SessionCommand;
  readonly dataDir: string | undefined;
  readonly passphraseFile: string | undefined;
  /** How long start and end wait for the session to settle, in seconds. */
  readonly waitSeconds: number;
}

export const sessionUsage = `Usage: npm run session -- start CREDENTIAL | end SESSION_ID | list | sweep
         [--data-dir DIR] [--passphrase-file FILE] [--wait SECONDS]

JIT sessions on the app's data directory (the app itself must not be running: one process per
data directory). start, end and sweep need the vault: --passphrase-file (its first line).
  start  starts a session for the credential (its id, or user@device) and waits until it is Active (or refused)
  end    ends a session and waits until its account is disabled or removed, and verified
  list   lists the sessions, newest first
  sweep  drives every session left unfinished (a crash, a quit) to its end
The session's maximum length is enforced by a running app or the next sweep, not by this command.
Exit status: 0 done, 1 the session failed or needs attention, 2 bad input (usage, unknown id).`;

export function parseSessionArgs(argv: readonly string[]): SessionCliArgs {
  const options = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const name = arg.slice(2);
    if (!['data-dir', 'passphrase-file', 'wait'].includes(name))
      throw new UsageError(`Unknown option ${arg}`);
    const value = argv[++i];
    if (value === undefined) throw new UsageError(`${arg} needs a value`);
    options.set(name, value);
  }
  const [command, operand, extra] = positional;
  if (extra !== undefined) throw new UsageError(`Unexpected argument "${extra}"`);
  const waitText = options.get('wait') ?? '60';
  const waitSeconds = Number(waitText);
  if (!Number.isInteger(waitSeconds) || waitSeconds < 1)
    throw new UsageError('--wait takes whole seconds, 1 or more');
  const dataDirOption = options.get('data-dir');
  const passphraseOption = options.get('passphrase-file');
  const common = {
    dataDir: dataDirOption === undefined ? undefined : resolve(dataDirOption),
    passphraseFile: passphraseOption === undefined ? undefined : resolve(passphraseOption),
    waitSeconds,
  };
  switch (command) {
    case 'start': {
      if (operand === undefined) throw new UsageError('start needs a credential: its id or user@device');
      if (/^\d+$/.test(operand)) return { ...common, action: { command, credential: Number(operand) } };
      const at = operand.lastIndexOf('@');
      if (at <= 0 || at === operand.length - 1) {
        throw new UsageError(`"${operand}" is neither a credential id nor user@device`);
      }
      return {
        ...common,
        action: { command, credential: { username: operand.slice(0, at), device: operand.slice(at + 1) } },
      };
    }
    case 'end':
      if (operand === undefined) throw new UsageError('end needs a session id');
      return { ...common, action: { command, id: operand } };
    case 'list':
    case 'sweep':
      if (operand !== undefined) throw new UsageError(`${command} takes no argument`);
      return { ...common, action: { command } };
    case undefined:
      throw new UsageError('Missing command: start, end, list or sweep');
    default:
      throw new UsageError(`Unknown command: ${command}`);
  }
}
