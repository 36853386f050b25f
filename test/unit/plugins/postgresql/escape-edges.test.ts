/**
 * PostgreSQL escaping at its edges (electron/plugins/postgresql/escape.ts), cases found by `npm run
 * mutation`: the encodings read as UTF8, the exact refusals, the limits at their boundary, and the
 * masking forms, which must cover every spelling of a secret the rules write into a statement.
 *
 * Equivalent mutants, which no test can tell apart:
 * - escape.ts:61 `Buffer.byteLength(value, 'utf8')` with the encoding "": Node counts an empty
 *   encoding as UTF-8, the same number of bytes.
 * - escape.ts:66 `encoding !== null &&` dropped: the regex tests String(null), "null", which is not
 *   a UTF8 spelling, so a null encoding is still not UTF8.
 */
import { describe, expect, it } from 'vitest';
import { pgValueRules, secretForms } from '../../../../electron/plugins/postgresql/escape';
import { Refusal } from '../../../../electron/plugins/tag-engine';

const on = pgValueRules({ standardConformingStrings: true, clientEncoding: 'UTF8' });
const refusal = (run: () => string): string => {
  try {
    return `no refusal: ${run()}`;
  } catch (error) {
    if (error instanceof Refusal) return error.message;
    throw error;
  }
};
const backslashMessage =
  'contains a backslash, and the session does not say how it reads them (standard_conforming_strings)';

describe('PostgreSQL value rules', () => {
  it('with standard_conforming_strings off, doubles a backslash under every spelling of UTF8', () => {
    for (const clientEncoding of ['UTF8', 'utf8', 'UTF-8', 'utf-8']) {
      const off = pgValueRules({ standardConformingStrings: false, clientEncoding });
      expect({ clientEncoding, out: off.inString('a\\b', "'", 'literal') }).toEqual({
        clientEncoding,
        out: 'a\\\\b',
      });
    }
  });

  it('refuses a backslash when the encoding is unknown or not exactly UTF8', () => {
    for (const clientEncoding of [null, 'SJIS', 'UTF16', 'xUTF8', 'UTF8x', 'UTF--8']) {
      const off = pgValueRules({ standardConformingStrings: false, clientEncoding });
      expect({ clientEncoding, out: refusal(() => off.inString('a\\b', "'", 'literal')) }).toEqual({
        clientEncoding,
        out: backslashMessage,
      });
    }
    const unknown = pgValueRules({ standardConformingStrings: null, clientEncoding: 'UTF8' });
    expect(refusal(() => unknown.inString('a\\b', "'", 'literal'))).toBe(backslashMessage);
  });

  it('names: refuses an empty one and one over 63 bytes, with what PostgreSQL would do', () => {
    expect(refusal(() => on.inIdentifier('', '"', 'literal'))).toBe('is empty: a name cannot be empty');
    expect(on.inIdentifier('x'.repeat(63), '"', 'literal')).toBe('x'.repeat(63));
    expect(refusal(() => on.inIdentifier('x'.repeat(64), '"', 'literal'))).toBe(
      'is longer than 63 bytes: PostgreSQL would cut it to another name',
    );
  });

  it('bare names: 63 characters at most, starting with a letter or _, nothing around them', () => {
    expect(on.bare(`_${'a'.repeat(62)}`)).toBe(`"_${'a'.repeat(62)}"`);
    for (const value of ['a'.repeat(64), ' ab', 'ab ', '9a', ''])
      expect({ value, out: refusal(() => on.bare(value)) }).toEqual({
        value,
        out:
          'is not a plain name (letters, digits and _, not starting with a digit, at most 63): ' +
          'write the tag inside "…" or \'…\' in the template to allow other characters',
      });
  });
});

describe('PostgreSQL secretForms', () => {
  it('holds every spelling the rules write: quote doubled, in both string modes, and as a name', () => {
    const secret = `p'w"b\\x`;
    const forms = secretForms(secret);
    const off = pgValueRules({ standardConformingStrings: false, clientEncoding: 'UTF8' });
    expect(forms).toContain(on.inString(secret, "'", 'literal'));
    expect(forms).toContain(off.inString(secret, "'", 'literal'));
    expect(forms).toContain(on.inIdentifier(secret, '"', 'literal'));
    expect(forms).toEqual([`p''w"b\\x`, `p'w""b\\x`, `p''w"b\\\\x`]);
  });
});
