import { describe, expect, it } from 'vitest';
import { forceCloseReasonSchema } from '../../../shared/contract/sessions';

const problem = (reason: string) => {
  const checked = forceCloseReasonSchema.safeParse(reason);
  return checked.success ? undefined : checked.error.issues[0]?.message;
};

describe('the Force close reason', () => {
  it('takes text of 10 to 500 characters, line breaks and tabs included, trimmed', () => {
    expect(forceCloseReasonSchema.parse('  The target was rebuilt.\n\tChecked by hand.  ')).toBe(
      'The target was rebuilt.\n\tChecked by hand.',
    );
    expect(problem('too short')).toBe('Say why, in at least 10 characters: it goes to the audit log');
    expect(problem('x'.repeat(501))).toBe('At most 500 characters');
  });

  // It goes to the audit log and the session record as typed: an escape sequence or a bidi
  // override there would make a reviewer read something else (review 37).
  it.each([
    ['an escape sequence', 'Because \u001b]52;c;aGk=\u0007 it was rebuilt', 'U+001B'],
    ['a backspace', 'Checked by hand\b\b\b\bnothing', 'U+0008'],
    ['a bidi override', 'Checked by hand \u202Eevil\u202C ok', 'U+202E'],
  ])('refuses %s, naming it', (_what, reason, named) => {
    expect(problem(reason)).toContain(named);
  });
});
