/**
 * The steps of a JIT session at which kill-child.ts kills itself, each recognised by the core's
 * own event for it (emitted once the step's record is on disk).
 */
export const killPoints = [
  'before-provision',
  'after-provision',
  'active',
  'before-cleanup',
  'after-cleanup',
  'between-retries',
] as const;
export type KillPoint = (typeof killPoints)[number];

export interface KillEvent {
  readonly id?: string;
  readonly kind?: string;
  readonly status?: string;
  readonly state?: string;
  readonly account?: string;
  readonly nextAttemptAt?: string | null;
  readonly error?: string | null;
}

/** Whether `event` with `record` is the moment to die at `point`. */
export function isKillPoint(point: KillPoint, event: string, record: KillEvent): boolean {
  const provisionRun = record.kind === 'jit-create' || record.kind === 'jit-enable';
  const cleanupRun = record.kind === 'jit-delete' || record.kind === 'jit-disable';
  const session = event === 'sessions.changed';
  const operation = event === 'operations.changed';
  switch (point) {
    case 'before-provision':
      return session && record.state === 'provisioning';
    case 'after-provision':
      return operation && provisionRun && record.status === 'Successful';
    case 'active':
      return session && record.state === 'active';
    case 'before-cleanup':
      return operation && cleanupRun && record.status === 'Running';
    case 'after-cleanup':
      return operation && cleanupRun && record.status === 'Successful';
    case 'between-retries':
      return session && record.state === 'ending' && record.nextAttemptAt != null;
  }
}
