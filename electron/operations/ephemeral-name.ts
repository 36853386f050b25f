import { randomInt } from 'node:crypto';

/** An ephemeral JIT account name: the prefix (default `senseg`) and 7 random digits. */
export function ephemeralUsername(prefix: string, random: (max: number) => number = randomInt): string {
  return `${prefix}${String(random(10_000_000)).padStart(7, '0')}`;
}
