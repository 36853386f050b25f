import { expect } from 'vitest';
// Runs what the SSH plugin would type for a template and its values through a real bash, and says
// whether a command the values brought ran: the attack-review tests' harness. Each run is in a
// fresh directory, and a command "ran" when the file PWNED appears there.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSshTemplate } from '../../../../../electron/plugins/ssh/template/check';
import { parseTemplate } from '../../../../../electron/plugins/ssh/template/parser';
import { substitute } from '../../../../../electron/plugins/ssh/template/substitute';

/** An exec line typing `shell` (escaped for the template's string). */
export const exec = (shell: string): string =>
  `exec "${shell.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

/** Several exec lines, one template. */
export const lines = (...shell: string[]): string => shell.map(exec).join('\n');

/** The value an earlier command leaves in $_, which arithmetic on the name _ evaluates again. */
export const subscript = 'a[$(touch PWNED)]';

/** What the plugin types for these values, or null when it refuses to run them. */
function typed(template: string, values: Record<string, string>): string | null {
  const result = substitute(parseTemplate(template).commands, values);
  if (!result.ok) return null;
  return result.steps.map((step) => ('send' in step ? step.send : '')).join('');
}

/** Runs `run` in a fresh directory; whether PWNED is there after. A failing run is fine. */
function createsPwned(run: (dir: string) => void): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'attack-reader-'));
  try {
    try {
      run(dir);
    } catch {
      // A failing command line is fine: only the file it may have created counts.
    }
    return existsSync(join(dir, 'PWNED'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const quietEnv = (): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HISTFILE: '/dev/null',
  TERM: 'xterm',
});

/** Whether `bash -c`, given what the plugin types for these values, creates the file PWNED. */
export function runsCommand(template: string, values: Record<string, string>): boolean {
  const input = typed(template, values);
  if (input === null) return false;
  return createsPwned((dir) =>
    execFileSync('/bin/bash', ['-c', input], { cwd: dir, stdio: 'ignore', timeout: 10_000 }),
  );
}

/** Whether an interactive bash (the plugin's kind of shell), typed these lines, creates PWNED. */
export function interactiveRunsCommand(template: string, values: Record<string, string>): boolean {
  const input = typed(template, values);
  if (input === null) return false;
  return createsPwned((dir) =>
    execFileSync('/bin/bash', ['--norc', '--noprofile', '-i'], {
      cwd: dir,
      // One more command, so that a prompt follows the template's last line.
      input: `${input}true\n`,
      env: quietEnv(),
      stdio: ['pipe', 'ignore', 'ignore'],
      timeout: 10_000,
    }),
  );
}

/**
 * Whether an interactive bash on a terminal (script(1) gives it a PTY, as the plugin's SSH session
 * does, so that readline reads the keys) creates PWNED.
 */
export function terminalRunsCommand(template: string, values: Record<string, string>): boolean {
  const input = typed(template, values);
  if (input === null) return false;
  return createsPwned((dir) =>
    execFileSync('script', ['-qec', 'bash --norc --noprofile -i', '/dev/null'], {
      cwd: dir,
      input: `${input}exit\n`,
      env: quietEnv(),
      stdio: ['pipe', 'ignore', 'ignore'],
      timeout: 10_000,
    }),
  );
}

/** One of the runs above: whether bash, typed what the plugin types, creates PWNED. */
export type BashRun = (template: string, values: Record<string, string>) => boolean;

/**
 * A bypass: the check accepts the template and yet `run` (bash -c by default) runs a command the
 * values brought. Each attack test expects this to be false.
 */
export function acceptedAndRuns(
  template: string,
  values: Record<string, string>,
  run: BashRun = runsCommand,
): boolean {
  return checkSshTemplate(template).length === 0 && run(template, values);
}

/** An `it.each` body for an attack table's rows (name, template, values): no bypass through `run`. */
export const bypass =
  (run: BashRun) =>
  (_name: string, template: string, values: Record<string, string>): void => {
    expect(acceptedAndRuns(template, values, run)).toBe(false);
  };
