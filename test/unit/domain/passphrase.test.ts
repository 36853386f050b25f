import { describe, expect, it } from 'vitest';
import { minPassphraseLength, nonSpaceLength, passphraseSchema } from '../../../shared/domain/vault';

const problems = (passphrase: string) =>
  passphraseSchema.safeParse(passphrase).error?.issues.map((i) => i.message) ?? [];

describe('new passphrase (master, bundle)', () => {
  it('accepts 10 characters or more, spaces inside included, and keeps them as typed', () => {
    expect(passphraseSchema.parse('correct horse battery staple')).toBe('correct horse battery staple');
    expect(passphraseSchema.parse('  abcdefghij  ')).toBe('  abcdefghij  ');
    expect(passphraseSchema.parse('0123456789')).toBe('0123456789');
  });

  it('says "At least 10 characters" first when it is short', () => {
    expect(problems('too short')[0]).toBe('At least 10 characters');
    expect(problems('')[0]).toBe('At least 10 characters');
  });

  it.each([
    ' '.repeat(12),
    ' '.repeat(40),
    'a' + ' '.repeat(20),
    'a b c d e f g h i',
    '\t\t\t\t\t\t\t\t\t\t\t\tabc',
  ])('refuses %j: fewer than 10 characters that are not spaces', (passphrase) => {
    expect(problems(passphrase)).toEqual([`At least ${minPassphraseLength} characters that are not spaces`]);
  });

  it('counts what is not white space', () => {
    expect(nonSpaceLength(' a b\tc\n')).toBe(3);
  });

  it('still refuses more than 1024 characters', () => {
    expect(problems('x'.repeat(1025))).toEqual(['At most 1024 characters']);
  });
});
