import type { Failure } from '../../../shared/result';

const trimEnd = (text: string): string => text.replace(/[.\s]+$/, '');

/**
 * The text to show for a failed call. A locked vault is called out as such, with the remedy,
 * because unlocking is not done from this screen and the core's message alone may not say so.
 */
export function failureText(failure: Failure): string {
  if (failure.code !== 'locked') return failure.message;
  const cause = /locked/i.test(failure.message)
    ? trimEnd(failure.message)
    : `The vault is locked: ${trimEnd(failure.message)}`;
  return `${cause}. Unlock the vault, then try again.`;
}
