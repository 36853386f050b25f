/**
 * What the JIT session integration tests share whatever the server: a real core on a fresh data
 * directory with its vault unlocked, a wait on a session's state (polling, never a fixed sleep),
 * the built-in templates by name, and a target's own command-line client run to completion.
 */
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../../electron/core/compose';
import { ephemeralUsername } from '../../../electron/operations/ephemeral-name';
import { confBackendFactory } from '../../../electron/storage/conf-backend';
import type { Session } from '../../../shared/domain/session';
import type { Settings } from '../../../shared/domain/settings';
import { makeTempDir } from '../../support/temp-dir';
import { callCore } from './postgres-lab-core';

export interface SessionCore {
  readonly core: Core;
  readonly dataDir: string;
  readonly passphraseFile: string;
  /** Ends the core's sessions (shutdown) and removes its directory. */
  close(): Promise<void>;
  /** Removes the directory only (the core was shut down already, or another process used it). */
  removeDir(): void;
}

/** A core on a new data directory, unlocked with a passphrase file and ready. */
export async function openSessionCore(
  prefix: string,
  options: Pick<CoreOptions, 'randomInt'> = {},
): Promise<SessionCore> {
  const dir = makeTempDir(prefix);
  const dataDir = join(dir.path, 'data');
  const passphraseFile = join(dir.path, 'passphrase');
  writeFileSync(passphraseFile, 'integration passphrase\n', { mode: 0o600 });
  const core = createCore({ dataDir, shell: 'browser', createBackend: confBackendFactory, ...options });
  await core.unlockWithPassphraseFile(passphraseFile);
  await core.ready;
  return {
    core,
    dataDir,
    passphraseFile,
    close: async () => {
      await core.shutdown();
      dir.remove();
    },
    removeDir: dir.remove,
  };
}

/**
 * The random source of a core's generated account names, which a test can steer: `choose` makes
 * the next name the one it answers (to collide with an account made beforehand on purpose).
 */
export class ChosenNames {
  #next: number | undefined;

  readonly randomInt = (max: number): number => {
    const digits = this.#next;
    this.#next = undefined;
    return digits ?? randomInt(max);
  };

  /** The next generated name will be `<prefix><digits>`; answers that name. */
  async choose(core: Core): Promise<string> {
    const digits = randomInt(10_000_000);
    const { jit } = (await callCore(core, 'settings.get', undefined)) as Settings;
    this.#next = digits;
    return ephemeralUsername(jit.usernamePrefix, () => digits);
  }
}

/** Polls the session until it is in `state`; fails naming the state it is in (and its error). */
export async function untilState(
  core: Core,
  id: string,
  state: Session['state'],
  ms = 30_000,
): Promise<Session> {
  const end = Date.now() + ms;
  for (;;) {
    const session = core.sessions.get(id);
    if (session.state === state) return session;
    if (Date.now() > end)
      throw new Error(`session ${id} is ${session.state}, not ${state}: ${session.error ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A built-in template's id by name; throws for a name the library does not have. */
export function builtInTemplateId(core: Core, name: string): number {
  const found = core.inventory.templates.list().find((t) => t.name === name);
  if (!found) throw new Error(`no built-in template ${name}`);
  return found.id;
}

export interface ClientRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a client (ssh, mariadb, ldapwhoami) to its end. Secrets go through `env` or a file the
 * caller names, never argv (which any process of the machine can read).
 */
export function runClient(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 30_000,
): Promise<ClientRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** How a login with the target's own client went: `refused` only for an authentication refusal. */
export type LoginOutcome = 'ok' | 'refused';
