import { describe, expect, it } from 'vitest';
import {
  generatePassword,
  passwordClasses,
} from '../../../../electron/services/credentials/password-generator';

const policy = { length: 24, lowercase: true, uppercase: true, digits: true, symbols: true };
const has = (password: string, set: string) => Array.from(password).some((c) => set.includes(c));

describe('generatePassword', () => {
  it('has the policy length and at least one character of each chosen class', () => {
    for (let i = 0; i < 200; i++) {
      const p = generatePassword({ ...policy, length: 8 });
      expect(p).toHaveLength(8);
      for (const set of Object.values(passwordClasses)) expect(has(p, set)).toBe(true);
    }
  });

  it('uses only the chosen classes', () => {
    const p = generatePassword({
      length: 64,
      lowercase: false,
      uppercase: false,
      digits: true,
      symbols: false,
    });
    expect(p).toMatch(/^[0-9]{64}$/);
  });

  it('never uses quoting or expanding characters', () => {
    const p = Array.from({ length: 50 }, () => generatePassword({ ...policy, length: 256 })).join('');
    expect(p).not.toMatch(/["'`$\\ ]/);
  });

  it('refuses a policy without classes', () => {
    expect(() =>
      generatePassword({ length: 8, lowercase: false, uppercase: false, digits: false, symbols: false }),
    ).toThrow();
  });
});
