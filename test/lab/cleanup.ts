// Last-resort cleanup: whatever the lab started must not outlive the Node process that started it,
// even when that process exits without calling stop() (a crash, process.exit() in a runner, Ctrl-C).
// Only synchronous work is possible in an 'exit' handler, so this SIGKILLs and rmSyncs.

import { rmSync } from 'node:fs';

const liveProcessGroups = new Set<number>();
const liveDirs = new Set<string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', killEverythingNow);
}

export function trackProcessGroup(pid: number): void {
  installExitHook();
  liveProcessGroups.add(pid);
}

export function untrackProcessGroup(pid: number): void {
  liveProcessGroups.delete(pid);
}

export function trackDir(dir: string): void {
  installExitHook();
  liveDirs.add(dir);
}

export function untrackDir(dir: string): void {
  liveDirs.delete(dir);
}

/** SIGKILLs every live server (its whole process group) and removes every lab directory. */
export function killEverythingNow(): void {
  for (const pid of liveProcessGroups) {
    try {
      // Servers are spawned detached, so each leads its own group: -pid also reaches its workers
      // (PostgreSQL backends), which would otherwise linger until they notice the postmaster died.
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  liveProcessGroups.clear();
  for (const dir of liveDirs) {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  }
  liveDirs.clear();
}

const FATAL_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
let signalHooksInstalled = false;

/**
 * For hosts that do not stop the lab themselves on a signal (a test runner): on SIGINT, SIGTERM or
 * SIGHUP, kill the lab at once. When no one else listens for that signal, re-raise it afterwards
 * so the process still dies the way it would have without this hook; when someone else does (the
 * runner's own handler), leave the decision to them.
 */
export function installSignalCleanup(): void {
  if (signalHooksInstalled) return;
  signalHooksInstalled = true;
  for (const signal of FATAL_SIGNALS) {
    const onSignal = (): void => {
      killEverythingNow();
      if (process.listenerCount(signal) === 1) {
        process.off(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
}
