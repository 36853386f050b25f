/**
 * `npm run session -- start ID | end ID | list | sweep`: JIT sessions from a terminal (scripts, a
 * lab, a server without a screen), on the app's data directory with its lock, like the browser host.
 */
import { createCore, type Core } from '../core/compose';
import { isFinalSessionState, sessionStateLabels, type Session } from '../../shared/domain/session';
import { defaultDataDir } from '../platform/data-dir';
import { lockDataDir } from '../platform/data-dir-lock';
import { UsageError } from '../platform/usage-error';
import { ServiceError } from '../services/service-error';
import { confBackendFactory } from '../storage/conf-backend';
import { parseSessionArgs, sessionUsage, type SessionCliArgs } from './session-args';

export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

const consoleOutput: CliOutput = { out: (l) => console.log(l), err: (l) => console.error(l) };

/** Runs one command; answers the exit status (0 done, 1 failed or needs attention, 2 bad input). */
export async function runSessionCli(argv: readonly string[], io: CliOutput = consoleOutput): Promise<number> {
  let args: SessionCliArgs;
  try {
    args = parseSessionArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${sessionUsage}`);
      return 2;
    }
    throw error;
  }
  const dataDir = args.dataDir ?? defaultDataDir();
  // One process per data directory: a running app is refused here, naming its pid.
  const lock = lockDataDir(dataDir);
  const core = createCore({
    dataDir,
    shell: 'browser',
    createBackend: confBackendFactory,
    automaticSweeps: false,
    sessionsStartedIn: 'cli',
  });
  try {
    if (args.passphraseFile) await core.unlockWithPassphraseFile(args.passphraseFile);
    await core.ready;
    if (args.action.command !== 'list' && core.vault.status().state !== 'unlocked') {
      io.err('The vault is locked: pass --passphrase-file with the master passphrase');
      return 2;
    }
    return await run(core, args, io);
  } catch (error) {
    if (error instanceof ServiceError) {
      io.err(error.message);
      return error.code === 'not_found' || error.code === 'invalid_input' ? 2 : 1;
    }
    throw error;
  } finally {
    // A step on a target still running (a --wait that ran out) is let finish, so the lock is
    // never given up in the middle of one. Not shutdown(): an Active session outlives this
    // command (a running app or the next sweep ends it at its maximum length).
    await core.sessions.detach();
    core.close();
    lock.release();
  }
}

async function run(core: Core, args: SessionCliArgs, io: CliOutput): Promise<number> {
  const { sessions } = core;
  const actor = core.context('internal').actor;
  switch (args.action.command) {
    case 'list': {
      const { total, sessions: rows } = sessions.list({}, 0, 500);
      if (total === 0) io.out('No sessions');
      for (const s of rows) io.out(describe(s));
      return 0;
    }
    case 'sweep': {
      const driven = await sessions.sweep({ retryNeedsAttention: true });
      await sessions.idle();
      const left = sessions.list({ live: true }, 0, 500).sessions.filter((s) => s.state !== 'active');
      io.out(`Swept ${driven} session(s)`);
      for (const s of left) io.out(describe(s));
      return left.length === 0 ? 0 : 1;
    }
    case 'start': {
      const started = await sessions.start(credentialIdOf(core, args.action.credential), actor);
      const settled = await settle(core, started.id, args.waitSeconds, (s) => s.state === 'active');
      io.out(describe(settled));
      return settled.state === 'active' ? 0 : 1;
    }
    case 'end': {
      await sessions.end(args.action.id, actor);
      const settled = await settle(core, args.action.id, args.waitSeconds, () => false);
      io.out(describe(settled));
      return settled.state === 'ended' || settled.state === 'failed' ? 0 : 1;
    }
  }
}

/** The id of `user@device` (the device's name), which must name exactly one credential. */
function credentialIdOf(core: Core, ref: number | { username: string; device: string }): number {
  if (typeof ref === 'number') return ref;
  const { credentials, devices } = core.inventory;
  const matches = credentials
    .exportRows()
    .filter((c) => !c.deleted && c.username === ref.username && devices.get(c.deviceId).name === ref.device);
  if (matches.length !== 1) {
    throw new ServiceError(
      'not_found',
      matches.length === 0
        ? `No credential ${ref.username}@${ref.device}`
        : `${matches.length} credentials are ${ref.username}@${ref.device}: give the id`,
    );
  }
  return matches[0]?.id ?? 0;
}

/** Waits until the session is final, needs attention or `done` says so, or the time is up. */
async function settle(
  core: Core,
  id: string,
  seconds: number,
  done: (session: Session) => boolean,
): Promise<Session> {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    const session = core.sessions.get(id);
    if (done(session) || isFinalSessionState(session.state) || session.state === 'needs_attention')
      return session;
    if (Date.now() > end) return session;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function describe(s: Session): string {
  const error = s.error ? `  (${s.error})` : '';
  return `${s.id}  ${sessionStateLabels[s.state]}  ${s.account} on ${s.credentialLabel}  until ${s.expiresAt}${error}`;
}
