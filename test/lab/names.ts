import { randomInt } from 'node:crypto';

/**
 * A per-run account name such as labtest12345678: lower case letters and digits, under every
 * server's length limit (Linux 32, PostgreSQL 63, MariaDB 80), so two runs at once never collide.
 */
export function uniqueName(prefix = 'labtest'): string {
  return `${prefix}${String(randomInt(100_000_000)).padStart(8, '0')}`;
}
