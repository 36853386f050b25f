import { randomInt } from 'node:crypto';
import { ephemeralDigits } from '../../shared/domain/jit';

/** An ephemeral JIT account name: the prefix (default `senseg`) and 7 random digits. */
export function ephemeralUsername(prefix: string, random: (max: number) => number = randomInt): string {
  return `${prefix}${String(random(10 ** ephemeralDigits)).padStart(ephemeralDigits, '0')}`;
}
