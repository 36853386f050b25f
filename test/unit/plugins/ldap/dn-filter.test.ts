import { FilterParser } from 'ldapts';
import { describe, expect, it } from 'vitest';
import { checkDn, escapeDnValue } from '../../../../electron/plugins/ldap/dn';
import { escapeFilterValue } from '../../../../electron/plugins/ldap/filter';
import { hostileValues } from '../../../support/hostile-values';

// Equivalent mutants (found by `npm run mutation`), which no test can tell apart:
// - dn.ts:18 `code < 0x20` as `code <= 0x20`: 0x20 is the space, which escapedChars catches
//   first (as `\ `), so the hex branch never sees it.
// - dn.ts:77 `text[i] ?? ''` with another fallback: the loop runs while i < text.length, so
//   text[i] is always a character and the fallback is never used.

/** Splits a DN at unescaped commas and unescapes each value (\c and \hh, hex as UTF-8 bytes). */
function rdnValues(text: string): string[] {
  // Code points, so a surrogate pair stays one character.
  const dn = Array.from(text);
  const values: string[] = [];
  let bytes: number[] = [];
  let inValue = false;
  const encoder = new TextEncoder();
  for (let i = 0; i < dn.length; i++) {
    const char = dn[i] ?? '';
    if (char === '\\') {
      const pair = dn.slice(i + 1, i + 3).join('');
      if (/^[0-9a-fA-F]{2}$/.test(pair)) {
        bytes.push(Number.parseInt(pair, 16));
        i += 2;
      } else {
        bytes.push(...encoder.encode(dn[i + 1] ?? ''));
        i += 1;
      }
    } else if (char === ',') {
      values.push(new TextDecoder().decode(new Uint8Array(bytes)));
      bytes = [];
      inValue = false;
    } else if (char === '=' && !inValue) {
      inValue = true;
    } else if (inValue) {
      bytes.push(...encoder.encode(char));
    }
  }
  values.push(new TextDecoder().decode(new Uint8Array(bytes)));
  return values;
}

describe('escapeDnValue (RFC 4514)', () => {
  it('escapes the specials, spaces and # anywhere, and control characters as hex', () => {
    expect(escapeDnValue('a,b+c"d\\e<f>g;h=i#j k')).toBe('a\\,b\\+c\\"d\\\\e\\<f\\>g\\;h\\=i\\#j\\ k');
    expect(escapeDnValue('a\nb\u007f')).toBe('a\\0ab\\7f');
    expect(escapeDnValue('Ünïcødé 😀')).toBe('Ünïcødé\\ 😀');
    // Every control character as two hex digits, the last one (0x1f) too; DEL as well, and
    // nothing else: plain ASCII and characters above DEL stay as they are.
    expect(escapeDnValue('\u0000\u0001\u001f!~\u0080')).toBe('\\00\\01\\1f!~\u0080');
    expect(escapeDnValue('')).toBe('');
  });

  for (const hostile of hostileValues.filter((h) => !h.value.includes('\u0000') && h.value !== '')) {
    it(`keeps ${hostile.name} inside one RDN value`, () => {
      const dn = `uid=${escapeDnValue(hostile.value)},ou=people,dc=lab,dc=test`;
      expect(checkDn(dn)).toEqual({ ok: true });
      expect(rdnValues(dn)).toEqual([hostile.value, 'people', 'lab', 'test']);
    });
  }
});

describe('checkDn', () => {
  it.each([
    'dc=lab,dc=test',
    'uid=a\\,b,ou=people,dc=lab',
    'cn=a+sn=b,dc=x',
    'dc=lab, dc=test',
    '2.5.4.3=x',
    'cn=#616263',
    '  dc=lab',
    'dc = lab ,dc= test',
    'cn=a;dc=x',
    'cn=a b',
    'cn=a\\2cb',
    'cn=a\\\\b',
    'cn=a\\ ',
    'cn=a=b',
    'cn=#6162+sn=c',
    'x-1=v',
    'cn=\\#a',
  ])('accepts %s', (dn) => expect(checkDn(dn)).toEqual({ ok: true }));

  it.each([
    ['', 'the DN is empty'],
    [',cn=admin', 'expected an attribute name at character 1'],
    ['dc=lab,', 'expected an attribute name at character 8'],
    ['*)(uid=*', 'expected an attribute name at character 1'],
    ['cn=a,,dc=x', 'expected an attribute name at character 6'],
    ['cn=', 'empty value at character 4'],
    ['cn=a"b', '""" must be escaped at character 5'],
    ['cn=a\\qb', '"\\q" is not a valid escape at character 5'],
    ['cn=#xyz', 'a value starting with # must be hex pairs at character 4'],
    ['cn a', 'expected "=" at character 4'],
    ['   ', 'the DN is empty'],
    ['cn=a\\', 'a trailing backslash at character 5'],
    ['cn=a\\2', '"\\2" is not a valid escape at character 5'],
    ['cn=a\\g1', '"\\g" is not a valid escape at character 5'],
    ['cn=#', 'a value starting with # must be hex pairs at character 4'],
    ['cn=#zz61', 'a value starting with # must be hex pairs at character 4'],
    ['cn=#616', 'expected "," or "+" at character 7'],
    ['cn=#61 x', 'expected "," or "+" at character 7'],
    ['cn=a\u0000b', '"NUL" must be escaped at character 5'],
    ['cn=a<b', '"<" must be escaped at character 5'],
    ['cn=a>b', '">" must be escaped at character 5'],
    ['1cn=a', 'expected an attribute name at character 1'],
    ['cn=a+', 'expected an attribute name at character 6'],
    ['cn=a;', 'expected an attribute name at character 6'],
    ['2=a', 'expected an attribute name at character 1'],
    ['2.5.4.3.=a', 'expected "=" at character 8'],
  ])('refuses %j: %s', (dn, message) => {
    expect(checkDn(dn)).toEqual({ ok: false, message });
  });
});

describe('escapeFilterValue (RFC 4515)', () => {
  it('escapes * ( ) \\ as hex, and leaves UTF-8 as it is', () => {
    expect(escapeFilterValue('*)(uid=*\\Ü')).toBe('\\2a\\29\\28uid=\\2a\\5cÜ');
    expect(escapeFilterValue('a\u0000b')).toBe('a\\00b');
  });

  for (const hostile of hostileValues.filter((h) => !h.value.includes('\u0000') && h.value !== '')) {
    it(`keeps ${hostile.name} one equality assertion`, () => {
      const filter = FilterParser.parseString(
        `(&(objectClass=person)(uid=${escapeFilterValue(hostile.value)}))`,
      );
      expect(filter).toMatchObject({
        filters: [
          { attribute: 'objectClass', value: 'person' },
          { attribute: 'uid', value: hostile.value },
        ],
      });
    });
  }
});
