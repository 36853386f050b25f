// CPU time, for the throughput benches: where the time of a concurrent round goes when the machine,
// not one session's chain of steps, is the limit. Linux only (/proc); elsewhere the server's share
// reads as null.
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time of every process named `name` (and of the children it has reaped), in ms; null where
 * /proc is not there. Processes that exit between two readings take their time with them: read
 * it around work whose processes outlive it (PostgreSQL's backends of pooled connections do).
 */
export function processCpuMs(name: string): number | null {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return null;
  }
  let ticks = 0;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone since the listing
    }
    const close = stat.lastIndexOf(')');
    if (stat.slice(stat.indexOf('(') + 1, close) !== name) continue;
    // After "pid (comm) ": state is field 3; utime, stime, cutime, cstime are 14 to 17.
    const fields = stat.slice(close + 2).split(' ');
    ticks += [11, 12, 13, 14].reduce((sum, at) => sum + Number(fields[at]), 0);
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/**
 * CPU time of one process's threads alive now, in ms (nanosecond counts: the schedstat file of
 * each task under /proc/<pid>/task); null where /proc is not there or the process is gone. A
 * thread that ended between two readings takes its time with it: read it around work whose
 * threads outlive it (the host's and the ssh client's do).
 */
export function pidCpuMs(pid: number): number | null {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return null;
  }
  let ns = 0;
  for (const task of tasks) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // ended since the listing
    }
  }
  return ns / 1e6;
}

/**
 * Counts every `pg.Client` login made in this process while `work` runs; `pg`'s own connect is
 * put back after, so a second count does not count each login twice.
 */
export async function countPgLogins<T>(work: (logins: () => number) => Promise<T>): Promise<T> {
  let logins = 0;
  const proto = pg.Client.prototype as unknown as { connect: (...args: unknown[]) => unknown };
  const original = proto.connect;
  proto.connect = function (this: unknown, ...args: unknown[]): unknown {
    logins++;
    return original.apply(this, args);
  };
  try {
    return await work(() => logins);
  } finally {
    proto.connect = original;
  }
}

export interface CpuSpent {
  /** This process's CPU time (user and system), in ms. */
  readonly processMs: number;
  /** The named server processes' CPU time, in ms; null where it cannot be read. */
  readonly serverMs: number | null;
}

/** Runs `work`, and gives what it took of this process's CPU and of the server's. */
export async function cpuOf<T>(
  server: string,
  work: () => Promise<T>,
): Promise<{ result: T; spent: CpuSpent }> {
  const processBefore = process.cpuUsage();
  const serverBefore = processCpuMs(server);
  const result = await work();
  const used = process.cpuUsage(processBefore);
  const serverAfter = processCpuMs(server);
  return {
    result,
    spent: {
      processMs: (used.user + used.system) / 1000,
      serverMs: serverBefore === null || serverAfter === null ? null : serverAfter - serverBefore,
    },
  };
}
