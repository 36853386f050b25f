import { readFileSync } from 'node:fs';

/**
 * When the process started, as the kernel counts it (field 22 of /proc/<pid>/stat: clock ticks
 * since boot), or undefined where there is no /proc (macOS, Windows) or the process is gone.
 * A pid can be reused by a later process; the pair (pid, start time) cannot.
 */
export function processStartTime(pid: number): string | undefined {
  const stat = readStat(pid);
  return stat?.[19];
}

/**
 * Whether the process that wrote `startTime` as its start time is still running. A zombie (killed,
 * not yet reaped by its parent) counts as gone: it holds nothing any more.
 */
export function isProcessAlive(pid: number, startTime: string | undefined): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = readStat(pid);
  if (!stat) return true; // No /proc: the signal check is all there is.
  if (stat[0] === 'Z' || stat[0] === 'X') return false;
  return startTime === undefined || stat[19] === startTime;
}

/** The fields of /proc/<pid>/stat after the command name (field 3, the state, first). */
function readStat(pid: number): string[] | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may itself hold spaces and parentheses.
  const end = text.lastIndexOf(')');
  if (end < 0) return undefined;
  return text
    .slice(end + 2)
    .trim()
    .split(' ');
}
