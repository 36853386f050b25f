/**
 * The rule a new passphrase follows (the master passphrase, a bundle's), said the same way wherever
 * one is chosen; the core checks it again.
 */
import { minPassphraseLength, passphraseSchema } from '../../../shared/domain/vault';

/** The rule, as the field's helper text says it before anything is wrong. */
export const newPassphraseRule = `At least ${minPassphraseLength} characters, not counting spaces`;

/** What is wrong with a new passphrase, or undefined when it follows the rule. */
export function passphraseProblem(passphrase: string): string | undefined {
  const checked = passphraseSchema.safeParse(passphrase);
  return checked.success ? undefined : (checked.error.issues[0]?.message ?? 'Invalid passphrase');
}

/** What is wrong with the second typing of a new passphrase (shown beside it), or undefined. */
export function repeatProblem(passphrase: string, repeated: string): string | undefined {
  if (repeated === '') return 'Type the passphrase again';
  return repeated === passphrase ? undefined : 'The passphrases do not match';
}
