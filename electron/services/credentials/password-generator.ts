import { randomInt } from 'node:crypto';
import type { Settings } from '../../../shared/domain/settings';

export type PasswordPolicy = Settings['passwordPolicy'];

/**
 * Character classes of generated passwords. The symbols leave out quotes, backslash, backtick,
 * `$` and space: a generated password travels through shell, SQL and LDAP templates, and although
 * every plugin escapes values in its own context, characters that quote or expand are the ones a
 * plugin must refuse where it cannot escape them, so they would only make generation fail later.
 */
export const passwordClasses = {
  lowercase: 'abcdefghijklmnopqrstuvwxyz',
  uppercase: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digits: '0123456789',
  symbols: '!#%&()*+,-./:;<=>?@[]^_{|}~',
} as const;

/**
 * A password by the policy, from the OS CSPRNG (`crypto.randomInt`, unbiased): at least one
 * character of each chosen class, the rest from all chosen classes, then shuffled so the
 * guaranteed characters are not always first.
 */
export function generatePassword(
  policy: PasswordPolicy,
  random: (max: number) => number = randomInt,
): string {
  const sets = (Object.keys(passwordClasses) as (keyof typeof passwordClasses)[])
    .filter((name) => policy[name])
    .map((name) => passwordClasses[name]);
  if (sets.length === 0) throw new Error('The password policy chooses no character class');
  const pick = (set: string) => set.charAt(random(set.length));
  const chars = sets.map(pick);
  const all = sets.join('');
  while (chars.length < policy.length) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
  }
  return chars.join('');
}
