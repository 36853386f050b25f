import { describe, expect, it } from 'vitest';
import {
  describeProblems,
  isSecretTag,
  LineIndex,
  locateTags,
  Masker,
  Refusal,
  runSecrets,
  tagProblems,
  tagValue,
} from '../../../../electron/plugins/tag-engine';

const at = { line: 3, column: 7 };

describe('locateTags', () => {
  it('finds every well-formed tag with its offsets, known or not', () => {
    const text = "x [#USERNAME#] y '[#NEW_PASSWORD#]' [#NOPE#]";
    expect(locateTags(text)).toEqual([
      { name: 'USERNAME', start: 2, end: 14 },
      { name: 'NEW_PASSWORD', start: 18, end: 34 },
      { name: 'NOPE', start: 36, end: 44 },
    ]);
  });

  it('searches only the given range, with offsets still absolute', () => {
    const text = '[#IP#] [#HOSTNAME#] [#IP#]';
    expect(locateTags(text, 6, 20)).toEqual([{ name: 'HOSTNAME', start: 7, end: 19 }]);
  });

  it('ignores malformed look-alikes (tagProblems reports them)', () => {
    expect(locateTags('[#username#] [# USERNAME #] [#USERNAME]')).toEqual([]);
  });

  it('is not confused by earlier calls (the shared pattern is global)', () => {
    expect(locateTags('[#IP#]')).toHaveLength(1);
    expect(locateTags('[#IP#]')).toHaveLength(1);
  });
});

describe('tagProblems', () => {
  it('reports malformed tags with line and column (a well-formed unknown name is user-defined)', () => {
    const problems = tagProblems('ok [#USERNAME#] [#FOO#]\n  [#lower#] [#x#]');
    expect(problems).toEqual([
      { line: 2, column: 3, message: 'Malformed tag [#lower#]: write [#NAME#] in upper case' },
      expect.objectContaining({ line: 2, column: 13 }),
    ]);
    expect(describeProblems(problems)).toBe(
      'line 2:3: Malformed tag [#lower#]: write [#NAME#] in upper case (and 1 more)',
    );
  });
});

describe('tagValue', () => {
  const tag = { name: 'USERNAME', start: 0, end: 12 };

  it('returns the value', () => {
    expect(tagValue({ USERNAME: "o'brien" }, tag, at)).toBe("o'brien");
  });

  it.each([
    ['missing', {}, 'No value for [#USERNAME#]'],
    ['empty', { USERNAME: '' }, 'The value of [#USERNAME#] is empty'],
    ['NUL', { USERNAME: 'a\u0000b' }, 'The value of [#USERNAME#] contains a NUL character'],
    [
      'lone surrogate',
      { USERNAME: 'a\ud800b' },
      'The value of [#USERNAME#] is not valid Unicode (a lone surrogate)',
    ],
  ])('refuses a %s value, naming the tag and place, never the value', (_case, tags, message) => {
    let error: unknown;
    try {
      tagValue(tags, tag, at);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(Refusal);
    expect(error).toMatchObject({ message, line: 3, column: 7 });
  });

  it('does not read inherited properties as values', () => {
    expect(() => tagValue({}, { name: 'toString', start: 0, end: 1 }, at)).toThrow(Refusal);
  });

  it('accepts surrogate pairs (emoji)', () => {
    expect(tagValue({ USERNAME: 'a😀b' }, tag, at)).toBe('a😀b');
  });
});

describe('Masker', () => {
  it('masks every secret, longest first, and the forms a plugin adds', () => {
    const masker = new Masker(['abc', 'abcdef', '']).withForms((s) => [s.toUpperCase()]);
    expect(masker.mask('x abcdef y abc z ABC')).toBe('x ****** y ****** z ******');
  });

  it('collects the secret tags and the login password and key', () => {
    const secrets = runSecrets(
      { USERNAME: 'bob', NEW_PASSWORD: 'n', CURRENT_PASSWORD: 'c', AUTH_PASSWORD: 'a' },
      { username: 'admin', password: 'p', privateKey: 'k' },
    );
    expect(secrets.sort()).toEqual(['a', 'c', 'k', 'n', 'p']);
    expect(isSecretTag('NEW_PASSWORD')).toBe(true);
    expect(isSecretTag('USERNAME')).toBe(false);
  });
});

describe('LineIndex', () => {
  it('maps offsets to 1-based lines and columns', () => {
    const index = new LineIndex('ab\ncd\n\nef');
    expect(index.position(0)).toEqual({ line: 1, column: 1 });
    expect(index.position(4)).toEqual({ line: 2, column: 2 });
    expect(index.position(6)).toEqual({ line: 3, column: 1 });
    expect(index.position(8)).toEqual({ line: 4, column: 2 });
  });
});
