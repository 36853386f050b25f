// Masking covers the common transforms of every secret of a run, and an output that still holds
// one after masking is withheld: the leak check behind "Test on a device is a password oracle".
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Masker, MASK, WITHHELD } from '../../../../electron/plugins/tag-engine';
import { base64Cores, secretForms } from '../../../../electron/plugins/tag-engine/secret-forms';

const secret = `Xy9'$ "b\\q&%+/=é~(!*)${randomBytes(6).toString('hex')}`;
const reversed = Array.from(secret).reverse().join('');
const bytes = Buffer.from(secret, 'utf8');

/**
 * What `printf %q` prints for the value, from bash itself, under the given locale: under LANG=C
 * (as many SSH logins run) the non-ASCII bytes make it switch to `$'…'` with octal escapes. The
 * locale is set here, not inherited, so the test means the same on every machine.
 */
function bashPrintfQ(value: string, locale: 'C' | 'C.UTF-8'): string {
  const out = spawnSync('bash', ['-c', 'printf %q "$1"', '_', value], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, LC_ALL: locale },
  });
  return out.stdout;
}

/** Every byte but RFC 3986's unreserved characters percent-encoded, as curl and Python write it. */
const rfc3986 = (value: string): string =>
  Array.from(Buffer.from(value, 'utf8'), (byte) =>
    /[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte))
      ? String.fromCharCode(byte)
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
  ).join('');

/** The secret's transform inside other text, as a template could make a target print it. */
const transforms: [string, string][] = [
  ['raw', secret],
  ['reversed', reversed],
  ['base64', bytes.toString('base64')],
  ['base64url', bytes.toString('base64url')],
  ['hex', bytes.toString('hex')],
  ['HEX', bytes.toString('hex').toUpperCase()],
  ['encodeURIComponent', encodeURIComponent(secret)],
  [
    'encodeURIComponent, lower-case escapes',
    encodeURIComponent(secret).replace(/%../g, (e) => e.toLowerCase()),
  ],
  ['form encoding', new URLSearchParams({ p: secret }).toString().slice(2)],
  // curl --data-urlencode, Python's quote(safe=''), PHP's rawurlencode; Go's QueryEscape (+ for a space).
  ['RFC 3986 strict', rfc3986(secret)],
  ['RFC 3986 strict, lower-case escapes', rfc3986(secret).replace(/%../g, (e) => e.toLowerCase())],
  ['Go QueryEscape', rfc3986(secret).replaceAll('%20', '+')],
  ['single-quoted', `'${secret.replaceAll("'", `'\\''`)}'`],
  ['backslash-escaped', secret.replace(/[^A-Za-z0-9]/g, (c) => `\\${c}`)],
  ['printf %q, UTF-8 locale', bashPrintfQ(secret, 'C.UTF-8')],
  ['printf %q, C locale', bashPrintfQ(secret, 'C')],
  ['printf %q of the secret with a tab, UTF-8 locale', bashPrintfQ(`${secret}\t`, 'C.UTF-8').slice(0, -3)],
];

describe('Masker: common transforms of a secret', () => {
  const masker = new Masker([secret]);

  it.each(transforms)('masks the %s form inside other output', (_name, form) => {
    const masked = masker.mask(`before ${form} after`);
    expect(masked).toContain(MASK);
    expect(masked).not.toContain(form);
    expect(masker.leaks(masked)).toBe(false);
  });

  it('masks the base64 of the secret inside a longer encoded stream, at each of the 3 alignments', () => {
    for (const before of ['', 'a', 'ab', 'abc', 'abcd']) {
      const stream = Buffer.concat([Buffer.from(before), bytes, Buffer.from('tail')]).toString('base64');
      const masked = masker.mask(stream);
      expect(masked, `${before.length} bytes before`).toContain(MASK);
      // What is left readable is at most the characters shared with the bytes around it.
      const readable = masked.split(MASK).join('');
      expect(readable.length).toBeLessThanOrEqual(stream.length - bytes.length);
    }
  });

  it('keeps the three base64 cores to the characters that depend on the secret alone', () => {
    const cores = base64Cores(Buffer.from('abcdef'));
    expect(cores).toEqual(['YWJjZGVm', 'FiY2RlZ', 'hYmNkZW']);
  });

  it('lists each form once, the secret first', () => {
    const forms = secretForms('plain');
    expect(forms[0]).toBe('plain');
    expect(new Set(forms).size).toBe(forms.length);
  });

  it('masks the raw secret however short, but not a short transform of it (ordinary words)', () => {
    const short = new Masker(['ab']);
    expect(short.mask('cab ba')).toBe(`c${MASK} ba`);
  });
});

describe('Masker.guard: outputs that still hold a secret are refused', () => {
  const masker = new Masker([secret]);

  it('passes masked output on', () => {
    expect(masker.guard(`ok ${secret} ok`)).toBe(`ok ${MASK} ok`);
  });

  it('withholds a secret cut by a line wrap, blanks or quotes', () => {
    const cut = `${secret.slice(0, 7)} \r\n${secret.slice(7)}`;
    expect(masker.mask(cut)).not.toBe(WITHHELD);
    expect(masker.guard(cut)).toBe(WITHHELD);
    const hexCut = `${bytes.toString('hex').slice(0, 10)}\n${bytes.toString('hex').slice(10)}`;
    expect(masker.guard(hexCut)).toBe(WITHHELD);
  });

  it('leaves ordinary text alone', () => {
    expect(masker.guard('total 0\n-rw-r--r-- 1 root root 0 file')).toBe(
      'total 0\n-rw-r--r-- 1 root root 0 file',
    );
  });
});

// No rule lets a lone surrogate be saved in a secret now, but a store or vault written by an older
// build may hold one: encodeURIComponent threw on it, and every mask with it, the terminal
// recorder's included, in the middle of a session.
describe('Masker: a secret holding half of a UTF-16 pair', () => {
  const broken = 'pw\ud800secret-tail';
  const masker = new Masker([broken]);
  // How it leaves the process: written as UTF-8, the lone half is U+FFFD.
  const sent = Buffer.from(broken, 'utf8').toString('utf8');

  it('masks without throwing, the text as held and as sent', () => {
    expect(sent).toBe('pw\ufffdsecret-tail');
    expect(masker.guard(`a ${broken} b`)).toBe(`a ${MASK} b`);
    expect(masker.guard(`a ${sent} b`)).toBe(`a ${MASK} b`);
  });

  it('masks the transforms of the text as sent', () => {
    const sentBytes = Buffer.from(sent, 'utf8');
    for (const form of [
      sentBytes.toString('hex'),
      sentBytes.toString('base64'),
      encodeURIComponent(sent),
      Array.from(sent).reverse().join(''),
    ]) {
      // base64's padding is no part of the secret, and stays.
      const guarded = masker.guard(`[${form}]`);
      expect(guarded, form).toContain(MASK);
      expect(guarded, form).not.toContain(form);
    }
  });

  it('finds a cut and a forced cut in text around it', () => {
    const text = `${'x'.repeat(40)}${broken}${'y'.repeat(40)}`;
    expect(masker.safeCut(text)).toBeGreaterThan(0);
    expect(masker.guardAcross(text.repeat(3)).guarded).not.toContain('secret-tail');
  });
});
