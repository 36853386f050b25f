import { describe, expect, it } from 'vitest';
import { minPassphraseLength } from '../../../shared/domain/vault';
import {
  newPassphraseRule,
  passphraseProblem,
  repeatProblem,
} from '../../../renderer/features/common/passphrase';

describe('a new passphrase', () => {
  it('is refused when too short, with the reason to show beside the field', () => {
    const problem = passphraseProblem('short');
    expect(problem).toBeDefined();
    expect(problem).not.toBe('');
  });

  it('does not count spaces toward the length', () => {
    expect(passphraseProblem(' '.repeat(minPassphraseLength + 4))).toBeDefined();
  });

  it('is accepted at the minimum length', () => {
    expect(passphraseProblem('x'.repeat(minPassphraseLength))).toBeUndefined();
  });

  it('says the rule with the length the core checks', () => {
    expect(newPassphraseRule).toBe(`At least ${minPassphraseLength} characters, not counting spaces`);
  });
});

describe('a new passphrase typed twice', () => {
  it('asks for the second typing, refuses a mismatch, accepts the same text', () => {
    expect(repeatProblem('bundle passphrase', '')).toBe('Type the passphrase again');
    expect(repeatProblem('bundle passphrase', 'bundle passphrasE')).toBe('The passphrases do not match');
    expect(repeatProblem('bundle passphrase', 'bundle passphrase')).toBeUndefined();
  });
});
