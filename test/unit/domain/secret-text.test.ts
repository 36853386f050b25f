// A password, passphrase or key is refused where no target could receive it as given: with a NUL
// (cut there by every protocol) or half of a UTF-16 pair (sent as U+FFFD). Anything else, control
// characters included, is a password some generator makes.
import { describe, expect, it } from 'vitest';
import { changePasswordInputSchema } from '../../../shared/contract/credentials';
import { keyChangeSchema, passwordChangeSchema, secretTextProblem } from '../../../shared/domain/credential';

const messages = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } | undefined }) =>
  result.error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];

const nul = 'contains a NUL character, which no target can receive';
const half = 'contains half of a character (a lone UTF-16 surrogate)';

describe('secret text', () => {
  it.each([
    ['a NUL', 'Pw\u0000-1', nul],
    ['a lone high half', 'Pw-\ud83d', half],
    ['a lone low half', '\udc69Pw-1', half],
  ])('refuses a password with %s in every way one is given', (_what, value, reason) => {
    expect(messages(passwordChangeSchema.safeParse({ action: 'set', value }))).toEqual([
      ['value', `The password ${reason}`],
    ]);
    expect(
      messages(
        changePasswordInputSchema.safeParse({
          id: 1,
          password: { action: 'set', value },
          templateId: 1,
          runAsCredentialId: 1,
        }),
      ),
    ).toEqual([['password.value', `The password ${reason}`]]);
    expect(
      messages(keyChangeSchema.safeParse({ action: 'set', privateKey: '-----BEGIN x', passphrase: value })),
    ).toEqual([['passphrase', `The passphrase ${reason}`]]);
  });

  it('keeps control characters, whole emoji and every printable character', () => {
    for (const value of ['tab\there', 'esc\u001b[0m', 'emoji 👩‍💻', `'"\\$\`;|&<>`, '\u007f\u0085']) {
      expect(secretTextProblem(value, 'The password')).toBeUndefined();
      expect(passwordChangeSchema.safeParse({ action: 'set', value }).success).toBe(true);
    }
  });
});
