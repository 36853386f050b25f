/**
 * MySQL escaping at its edges (electron/plugins/mysql/escape.ts), cases found by `npm run
 * mutation`: every character set taken as safe for a backslash, in any case; the exact refusals;
 * the limits at their boundary; and the masking forms, which must cover every spelling of a secret
 * the rules write into a statement (or the server echoes back in a message).
 */
import { describe, expect, it } from 'vitest';
import { mysqlValueRules, secretForms } from '../../../../electron/plugins/mysql/escape';
import { Refusal } from '../../../../electron/plugins/tag-engine';

const utf8 = mysqlValueRules({ backslashEscapes: true, charset: 'utf8mb4' });
const refusal = (run: () => string): string => {
  try {
    return `no refusal: ${run()}`;
  } catch (error) {
    if (error instanceof Refusal) return error.message;
    throw error;
  }
};

describe('MySQL value rules', () => {
  it('takes a backslash in every character set that cannot swallow it, whatever its case', () => {
    for (const charset of ['utf8mb4', 'UTF8MB3', 'utf8', 'Latin1', 'ascii', 'binary', 'latin2', 'ucs2']) {
      const rules = mysqlValueRules({ backslashEscapes: true, charset });
      expect({ charset, out: rules.inString('a\\b', "'", 'literal') }).toEqual({ charset, out: 'a\\\\b' });
    }
  });

  it('refuses a backslash, naming the character set, when it is unknown or could swallow it', () => {
    for (const charset of ['gbk', 'sjis', 'big5', 'cp932']) {
      const rules = mysqlValueRules({ backslashEscapes: true, charset });
      expect(refusal(() => rules.inString('a\\b', "'", 'literal'))).toBe(
        `contains a backslash, which the client character set ${charset} could misread`,
      );
    }
    const unknown = mysqlValueRules({ backslashEscapes: true, charset: null });
    expect(refusal(() => unknown.inString('a\\b', "'", 'literal'))).toBe(
      'contains a backslash, which the client character set (unknown) could misread',
    );
    // A value without a backslash is fine in any character set.
    expect(unknown.inString("o'b", "'", 'literal')).toBe("o''b");
  });

  it('doubles only the quote it is inside', () => {
    expect(utf8.inString(`a'b"c`, '"', 'literal')).toBe(`a'b""c`);
    expect(utf8.inIdentifier('a`b"c', '`', 'literal')).toBe('a``b"c');
  });

  it('account names: a trailing tab or newline is refused like a space, a space inside is kept', () => {
    const message = 'ends with a space, which MySQL drops from account names (another account)';
    expect(refusal(() => utf8.inString('root\t', "'", 'account'))).toBe(message);
    expect(refusal(() => utf8.inIdentifier('root\n', '`', 'account'))).toBe(message);
    expect(utf8.inString('a b', "'", 'account')).toBe('a b');
    expect(refusal(() => utf8.inString('a😀', "'", 'account'))).toBe(
      'has a 4-byte character (such as an emoji), which MySQL stores as "?" in account names',
    );
    // Outside an account name the same values are plain text.
    expect(utf8.inString('root\t', "'", 'literal')).toBe('root\t');
    expect(utf8.inString('a😀', "'", 'literal')).toBe('a😀');
  });

  it('names: 64 code points at most, the last character of the BMP allowed, the first beyond it not', () => {
    expect(utf8.inIdentifier('x'.repeat(64), '`', 'literal')).toBe('x'.repeat(64));
    expect(refusal(() => utf8.inIdentifier('x'.repeat(65), '`', 'literal'))).toBe(
      'is longer than 64 characters, the limit for a name',
    );
    expect(utf8.inIdentifier('\uffff', '`', 'literal')).toBe('\uffff');
    expect(refusal(() => utf8.inIdentifier('\u{10000}', '`', 'literal'))).toBe(
      'has a 4-byte character (such as an emoji), which MySQL names cannot hold',
    );
    expect(refusal(() => utf8.inIdentifier('\u{10ffff}', '`', 'literal'))).toBe(
      'has a 4-byte character (such as an emoji), which MySQL names cannot hold',
    );
  });

  it('bare names: 64 characters at most, starting with a letter or _', () => {
    expect(utf8.bare(`_${'a'.repeat(63)}`)).toBe(`\`_${'a'.repeat(63)}\``);
    expect(refusal(() => utf8.bare('a'.repeat(65)))).toBe(
      'is not a plain name (letters, digits and _, not starting with a digit, at most 64): ' +
        "write the tag inside '…' or `…` in the template to allow other characters",
    );
    expect(refusal(() => utf8.bare('a b'))).toMatch(/^is not a plain name/);
    expect(refusal(() => utf8.bare(' ab'))).toMatch(/^is not a plain name/);
    expect(refusal(() => utf8.bare('ab '))).toMatch(/^is not a plain name/);
  });
});

describe('MySQL secretForms', () => {
  it('holds every spelling the rules write, and the server echoes', () => {
    const secret = `p'w"b\\x`;
    const forms = secretForms(secret);
    for (const quote of ["'", '"']) expect(forms).toContain(utf8.inString(secret, quote, 'literal'));
    const noBackslash = mysqlValueRules({ backslashEscapes: false, charset: 'utf8mb4' });
    for (const quote of ["'", '"']) expect(forms).toContain(noBackslash.inString(secret, quote, 'literal'));
    expect(forms).toEqual([
      `p''w"b\\x`,
      `p\\'w"b\\\\x`,
      `p'w""b\\x`,
      `p'w"b\\\\x`,
      `p''w"b\\\\x`,
      `p'w""b\\\\x`,
    ]);
  });
});
