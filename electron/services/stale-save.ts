import { ServiceError } from './service-error';

/**
 * Lost updates between two forms (two tabs, two windows): a form sends the `updatedAt` it loaded,
 * and a save whose record was written since is refused, before anything is written. Absent, no
 * check (imports, older callers). Compared as instants, so any offset spelling of one moment
 * matches.
 */
export function refuseStale(
  label: string,
  storedUpdatedAt: string,
  expectedUpdatedAt: string | undefined,
): void {
  if (expectedUpdatedAt === undefined) return;
  const stored = Date.parse(storedUpdatedAt);
  if (stored === Date.parse(expectedUpdatedAt)) return;
  throw new ServiceError(
    'conflict',
    `${label} was changed elsewhere at ${localTime(stored)} (by the last save); ` +
      'close this form and open it again to see the changes. Nothing was saved.',
  );
}

const two = (n: number): string => String(n).padStart(2, '0');

/** `2026-11-29 10:00:01` in this machine's time zone: the same on every locale. */
export function localTime(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ` +
    `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`
  );
}
