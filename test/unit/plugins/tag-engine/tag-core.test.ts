/**
 * The tag engine's core (tags.ts, values.ts, mask.ts) at its edges, cases found by `npm run
 * mutation`: where tags are found, which values are refused and how the refusal reads, and what
 * the masker hides, flags or leaves alone.
 *
 * Equivalent mutants, which no test can tell apart:
 * - tags.ts:20 `match[1] ?? ''` with another fallback: the pattern's group always matches (one or
 *   more characters), so the fallback is never used.
 * - mask.ts `if (leakForms.length === 0) return false` removed: `some` over no forms is false
 *   too; the line only saves squeezing the text.
 * - mask.ts `if (this.#forms === undefined)` always true: the forms are spelled out again at each
 *   use, the same ones (a pure function of the secrets); only the cost differs.
 *   (Tag engine 113 / 117, 96.6%, 4 December night; the 4th is the NoCoverage of tags.ts:20 above.)
 * - mask.ts #formCut (safeCut's search) `moved = cut > 0` as `true` or `cut >= 0`, and
 *   `if (cut === 0) return 0` removed: at a cut of 0 one more pass finds every form's window empty (from 0 to 0) and answers
 *   0 all the same; only the cost differs.
 * - mask.ts #formCut `if (from >= to) continue` as `false` or `from > to`: with `from >= to` the
 *   window is shorter than the form (or starts where it would end past the cut), so nothing is
 *   found, and `clearFrom` only moves up to `from` inside a range already clear.
 * - mask.ts #formCut `to = Math.min(search.clearFrom, cut)` as `Math.max`: every search then covers
 *   each start up to the cut or beyond, never fewer: the loop still ends only at a cut no form
 *   crosses, at most the first cut (a move forward is to a start inside a window that ends there),
 *   and never below the largest safe one (a move back is to the start of an occurrence across the
 *   cut, at or after that point): that one; more is searched, the answer is the same.
 * - mask.ts splitsPair `cut > 0 && …` as `true` or `cut >= 0`: at a cut of 0, `charCodeAt(-1)`
 *   is NaN, no surrogate, and the answer is no all the same.
 *   (Tag engine 225 / 237, 94.9%, 5 December, with the forward-window safeCut and guardAcross;
 *   the same with splitsPair shared by both.)
 * - mask.ts maskSpans `if (maskEnd >= 0)` as `maskEnd > 0`: maskEnd is -1 before the first occurrence
 *   and an occurrence's end (1 or more) after it, never 0.
 */
import { describe, expect, it } from 'vitest';
import {
  isKnownTag,
  isSecretTag,
  locateTags,
  MASK,
  Masker,
  Refusal,
  runSecrets,
  tagText,
  tagValue,
  WITHHELD,
} from '../../../../electron/plugins/tag-engine';
import { secretForms } from '../../../../electron/plugins/tag-engine/secret-forms';

describe('locateTags', () => {
  it('finds each well-formed tag by offsets in the whole text or between from and to', () => {
    const text = 'a [#USERNAME#] b [#NEW_PASSWORD#] [#bad#] [#NOPE#]';
    expect(locateTags(text)).toEqual([
      { name: 'USERNAME', start: 2, end: 14 },
      { name: 'NEW_PASSWORD', start: 17, end: 33 },
      { name: 'NOPE', start: 42, end: 50 },
    ]);
    expect(locateTags(text, 15)).toEqual([
      { name: 'NEW_PASSWORD', start: 17, end: 33 },
      { name: 'NOPE', start: 42, end: 50 },
    ]);
    expect(locateTags(text, 0, 20)).toEqual([{ name: 'USERNAME', start: 2, end: 14 }]);
    // Called again: no state carried from the call before.
    expect(locateTags(text, 0, 20)).toEqual([{ name: 'USERNAME', start: 2, end: 14 }]);
  });

  it('names known and secret tags, and writes a tag for messages', () => {
    expect([isKnownTag('USERNAME'), isKnownTag('NOPE'), isKnownTag('nope')]).toEqual([true, true, false]);
    expect([isSecretTag('NEW_PASSWORD'), isSecretTag('USERNAME')]).toEqual([true, false]);
    expect(tagText('USERNAME')).toBe('[#USERNAME#]');
  });
});

describe('tagValue', () => {
  const at = { line: 3, column: 7 };
  const occurrence = (name: string) => ({ name, start: 0, end: name.length + 4 });
  const refusal = (tags: Record<string, string>, name = 'USERNAME') => {
    try {
      return { value: tagValue(tags, occurrence(name), at) };
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      return { message: error.message, line: error.line, column: error.column };
    }
  };

  it('gives the value, a surrogate pair (an emoji) included', () => {
    expect(refusal({ USERNAME: 'bob😀' })).toEqual({ value: 'bob😀' });
  });

  it('refuses a missing, inherited, empty, NUL or lone-surrogate value, at the tag, naming the tag only', () => {
    expect(refusal({})).toEqual({ message: 'No value for [#USERNAME#]', ...at });
    expect(refusal({}, 'toString')).toEqual({ message: 'No value for [#toString#]', ...at });
    expect(refusal({ USERNAME: '' })).toEqual({ message: 'The value of [#USERNAME#] is empty', ...at });
    expect(refusal({ USERNAME: 'a\u0000b' })).toEqual({
      message: 'The value of [#USERNAME#] contains a NUL character',
      ...at,
    });
    for (const lone of ['a\ud800', '\udfffb'])
      expect(refusal({ USERNAME: lone })).toEqual({
        message: 'The value of [#USERNAME#] is not valid Unicode (a lone surrogate)',
        ...at,
      });
  });
});

describe('Masker', () => {
  it('masks the longer of two overlapping secrets whole, and ignores an empty one', () => {
    const masker = new Masker(['abc', 'abcdef', '', 'abc']);
    expect(masker.mask('x abcdef y abc z')).toBe(`x ${MASK} y ${MASK} z`);
    expect(new Masker(['']).mask('anything')).toBe('anything');
  });

  it('masks overlapping occurrences as one, of one secret or of two', () => {
    // s3cr3ts twice, sharing an s: one after the other, the second was left as 3cr3ts.
    expect(new Masker(['s3cr3ts']).mask('echo s3cr3ts3cr3ts done')).toBe(`echo ${MASK} done`);
    expect(new Masker(['abcdef', 'defghi']).mask('x abcdefghi y defghi')).toBe(`x ${MASK} y ${MASK}`);
    // Side by side, not overlapping: two masks, as before.
    expect(new Masker(['abc']).mask('abcabc')).toBe(`${MASK}${MASK}`);
    expect(new Masker(['abc']).mask('no secret here')).toBe('no secret here');
    // Found form by form, longest first: put in the text's order before they are joined.
    const masker = new Masker(['abc', 'zzzzzz', 'qq']);
    expect(masker.mask('abc 1 zzzzzz 2 qq 3 abc 4 zzzzzz')).toBe(
      `${MASK} 1 ${MASK} 2 ${MASK} 3 ${MASK} 4 ${MASK}`,
    );
  });

  it('flags a secret of six characters or more hidden by a line wrap or quotes; shorter ones never', () => {
    expect(new Masker(['abcdef']).leaks('ab\r\ncd"ef')).toBe(true);
    expect(new Masker(['abcde']).leaks('ab\r\ncde')).toBe(false);
    expect(new Masker([]).leaks('anything')).toBe(false);
    expect(new Masker(['abcdef']).leaks('abcdeX')).toBe(false);
  });

  it('guards: the masked text, or the notice when it still leaks', () => {
    const masker = new Masker(['s3cret-value']);
    expect(masker.guard('pw s3cret-value')).toBe(`pw ${MASK}`);
    expect(masker.guard('pw s3cret-\nvalue')).toBe(WITHHELD);
  });

  it('safeCut: never across a form, and the longest form less one kept after the cut', () => {
    // abcdef's forms: itself, reversed, base64 three ways, and hex (616263646566, 12 long).
    const masker = new Masker(['abcdef']);
    const x = (n: number) => 'x'.repeat(n);
    expect(new Masker([]).safeCut(x(20))).toBe(20);
    expect(new Masker([]).safeCut(x(20), 5)).toBe(5);
    expect(masker.safeCut(x(20))).toBe(20 - 11);
    expect(masker.safeCut('xyz')).toBe(0);
    expect(masker.safeCut(`xxabcdef${x(20)}`)).toBe(28 - 11);
    expect(masker.safeCut(`xxabcdef${x(20)}`, 5)).toBe(2);
    expect(masker.safeCut(`xxabcdef${x(20)}`, 8)).toBe(8);
    // Moved before one form, the cut is across another (fedcba, ending where abcdef starts).
    expect(masker.safeCut(`xxfedcbabcdef${x(20)}`, 10)).toBe(2);
    expect(masker.safeCut(`abcdef${x(20)}`, 3)).toBe(0);
    // The other way round, which takes a second pass: abcdef comes first among the forms, but is
    // across the cut only once fedcba has moved it.
    expect(masker.safeCut(`xabcdefedcba${x(20)}`, 9)).toBe(1);
  });

  it('safeCut: the same cut as a search of every position, on random texts of overlapping secrets', () => {
    // The largest cut at most `at` (and the longest form less one before the end) that no
    // occurrence of any form spans: what the remembered-start search must give, found the slow way.
    const reference = (text: string, at: number, forms: readonly string[]) => {
      const longest = Math.max(1, ...forms.map((f) => f.length));
      const spans = (c: number) =>
        forms.some((form) => {
          for (let s = Math.max(0, c - form.length + 1); s < c; s++)
            if (text.startsWith(form, s)) return true;
          return false;
        });
      for (let c = Math.max(0, Math.min(at, text.length - (longest - 1))); c > 0; c--)
        if (!spans(c)) return c;
      return 0;
    };
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (const secrets of [['abab'], ['aba', 'baab'], ['aaaa', 'ab']]) {
      const masker = new Masker(secrets);
      const forms = secrets.flatMap((secret) => secretForms(secret));
      for (let round = 0; round < 300; round++) {
        const text = Array.from({ length: 1 + random(60) }, () => 'abx'[random(3)]).join('');
        const at = random(text.length + 2);
        expect(masker.safeCut(text, at), `${secrets.join()} ${text} ${at}`).toBe(reference(text, at, forms));
      }
    }
  });

  it('mask with a masked prefix: those first characters are one mask with what overlaps them', () => {
    const masker = new Masker(['abcdef']);
    expect(masker.mask('xyz-tail', 3)).toBe(`${MASK}-tail`);
    expect(masker.mask('xyabcdef-tail', 3)).toBe(`${MASK}-tail`);
    expect(masker.mask('xy', 5)).toBe(MASK);
    expect(masker.mask('xyz', 0)).toBe('xyz');
  });

  it('guardAcross: cut the longest form less one from the end, occurrences across it masked on both sides', () => {
    // Its longest form is hex, 40 characters: the cut keeps 39 after it.
    const secret = '#0123456789abcdefgh#';
    const masker = new Masker([secret]);
    const before = `${'x'.repeat(10)}${secret}${'y'.repeat(50)}`;
    expect(masker.guardAcross(before)).toEqual({
      guarded: `${'x'.repeat(10)}${MASK}${'y'.repeat(11)}`,
      cut: 41,
      carry: 0,
    });
    const across = `${'x'.repeat(30)}${secret}${'y'.repeat(30)}`;
    const { guarded, cut, carry } = masker.guardAcross(across);
    expect({ guarded, cut, carry }).toEqual({ guarded: `${'x'.repeat(30)}${MASK}`, cut: 41, carry: 9 });
    expect(masker.guard(across.slice(cut), carry)).toBe(`${MASK}${'y'.repeat(30)}`);
    // Occurrences from the cut on are the rest's: one starting at the cut, one after it.
    expect(masker.guardAcross(`${'x'.repeat(10)}${secret}${'y'.repeat(19)}`)).toEqual({
      guarded: 'x'.repeat(10),
      cut: 10,
      carry: 0,
    });
    expect(masker.guardAcross(`${'x'.repeat(45)}${secret}`)).toEqual({
      guarded: 'x'.repeat(26),
      cut: 26,
      carry: 0,
    });
    expect(masker.guardAcross('x'.repeat(60))).toEqual({ guarded: 'x'.repeat(21), cut: 21, carry: 0 });
    expect(new Masker([]).guardAcross('abc')).toEqual({ guarded: 'abc', cut: 3, carry: 0 });
    // A masked prefix reaching past the cut is carried on.
    expect(masker.guardAcross('z'.repeat(80), 45)).toEqual({ guarded: MASK, cut: 41, carry: 4 });
    expect(masker.guardAcross('z'.repeat(80), 5)).toEqual({
      guarded: `${MASK}${'z'.repeat(36)}`,
      cut: 41,
      carry: 0,
    });
    // A masked prefix is carried on even where the cut is 0 (a form longer than the text), and a
    // cut is never between the halves of a character outside the BMP.
    expect(masker.guardAcross('z'.repeat(20), 7)).toEqual({ guarded: '', cut: 0, carry: 7 });
    expect(masker.guardAcross(`${'q'.repeat(40)}😀${'q'.repeat(38)}`)).toEqual({
      guarded: 'q'.repeat(40),
      cut: 40,
      carry: 0,
    });
    // What still leaks once masked is withheld, as guard does.
    const leaky = new Masker(['s3cret-value']);
    expect(leaky.guardAcross(`pw s3cret-\nvalue${'q'.repeat(40)}`).guarded).toBe(WITHHELD);
  });

  it('moves a cut back from the first half of a pair (0xd800 to 0xdbff) only, safeCut and guardAcross alike', () => {
    const codes = [0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000];
    const safe = new Masker([]);
    expect(codes.map((code) => safe.safeCut(`ab${String.fromCharCode(code)}cd`, 3))).toEqual([
      3, 2, 2, 3, 3, 3,
    ]);
    // guardAcross cuts where the longest form less one is left after the cut: at 3 here.
    const across = new Masker(['xy']);
    const after = 'c'.repeat(Math.max(...secretForms('xy').map((f) => f.length)) - 1);
    expect(codes.map((code) => across.guardAcross(`ab${String.fromCharCode(code)}${after}`).cut)).toEqual([
      3, 2, 2, 3, 3, 3,
    ]);
  });

  it('withForms also hides each form of each secret, the secrets themselves still', () => {
    const masker = new Masker(["o'brien"]).withForms((s) => [s.replaceAll("'", "''")]);
    expect(masker.mask("o''brien and o'brien")).toBe(`${MASK} and ${MASK}`);
  });
});

describe('runSecrets', () => {
  it('takes the secret tags, the login password, key and passphrase, and each long line of the key body', () => {
    const key = [
      '-----BEGIN OPENSSH PRIVATE KEY-----',
      '  b3BlbnNzaC1rZXktdjEAAAAA  ',
      'short-line',
      'AAAAAAAAAAAAAAAA',
      '-----END OPENSSH PRIVATE KEY-----',
    ].join('\r\n');
    expect(
      runSecrets(
        { USERNAME: 'bob', NEW_PASSWORD: 'new-pw', CURRENT_PASSWORD: 'old-pw' },
        { username: 'root', password: 'login-pw', privateKey: key, passphrase: 'key-pp' },
      ),
    ).toEqual([
      'new-pw',
      'old-pw',
      'login-pw',
      key,
      'key-pp',
      'b3BlbnNzaC1rZXktdjEAAAAA',
      'AAAAAAAAAAAAAAAA',
    ]);
    expect(runSecrets({ USERNAME: 'bob' })).toEqual([]);
    // A key cut short keeps its armor line without the closing dashes: still armor, not secret.
    expect(
      runSecrets(
        {},
        { username: 'root', privateKey: '-----BEGIN OPENSSH PRIVATE KEY\nb3BlbnNzaC1rZXktdjEAAAAA' },
      ),
    ).toEqual(['-----BEGIN OPENSSH PRIVATE KEY\nb3BlbnNzaC1rZXktdjEAAAAA', 'b3BlbnNzaC1rZXktdjEAAAAA']);
    expect(runSecrets({}, { username: 'root', privateKey: 'x\n123456789012345\n1234567890123456' })).toEqual([
      'x\n123456789012345\n1234567890123456',
      '1234567890123456',
    ]);
  });
});
