// The hashes the core computes for [#NEW_PASSWORD_SCRAM#], [#NEW_PASSWORD_MYSQL#] and
// [#NEW_PASSWORD_SSHA#], against published values; that the servers accept them is proved by the
// integration tests (a login with the password after the built-in templates set the hash).

import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  mysqlNativePasswordHash,
  scramSha256Verifier,
  sshaUserPassword,
} from '../../../../electron/plugins/tag-engine/password-hashes';
import { isSecretTag, Masker, runSecrets, withDerivedTags } from '../../../../electron/plugins/tag-engine';
import { findTagProblems } from '../../../../shared/domain/template-tags';

const b64 = (s: string): Buffer => Buffer.from(s, 'base64');

describe('scramSha256Verifier', () => {
  // RFC 7677 section 3: user "user", password "pencil", salt W22ZaJ0SNY7soEsUEjb6gQ==, 4096 rounds.
  const clientFirstBare = 'n=user,r=rOprNGfwEbeRWgbNEkqO';
  const serverFirst =
    'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096';
  const clientFinalBare = 'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0';
  const authMessage = `${clientFirstBare},${serverFirst},${clientFinalBare}`;
  const clientProof = b64('dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=');
  const serverSignature = '6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=';

  const parts = async (): Promise<RegExpExecArray | null> =>
    /^SCRAM-SHA-256\$(\d+):([^$]+)\$([^:]+):(.+)$/.exec(
      await scramSha256Verifier('pencil', b64('W22ZaJ0SNY7soEsUEjb6gQ==')),
    );

  it("has PostgreSQL's shape: SCRAM-SHA-256$4096:<salt>$<StoredKey>:<ServerKey>", async () => {
    expect((await parts())?.slice(1, 3)).toEqual(['4096', 'W22ZaJ0SNY7soEsUEjb6gQ==']);
  });

  it("holds the RFC's keys: the server signature and the client proof check out", async () => {
    const keys = await parts();
    const [storedKey, serverKey] = [b64(keys?.[3] ?? ''), b64(keys?.[4] ?? '')];
    const hmac = (key: Buffer): Buffer => createHmac('sha256', key).update(authMessage).digest();
    expect(hmac(serverKey).toString('base64')).toBe(serverSignature);
    // ClientProof = ClientKey XOR HMAC(StoredKey, AuthMessage), and StoredKey = SHA256(ClientKey).
    const signature = hmac(storedKey);
    const clientKey = Buffer.from(clientProof.map((byte, i) => byte ^ (signature[i] ?? 0)));
    expect(createHash('sha256').update(clientKey).digest().equals(storedKey)).toBe(true);
  });

  it('draws a new 16-byte salt each time: two verifiers of one password differ', async () => {
    const [one, two] = [await scramSha256Verifier('same'), await scramSha256Verifier('same')];
    expect(one).not.toBe(two);
    const salt = /^SCRAM-SHA-256\$4096:([^$]+)\$/.exec(one)?.[1] ?? '';
    expect(b64(salt)).toHaveLength(16);
  });
});

describe('mysqlNativePasswordHash', () => {
  it("is MySQL's PASSWORD(): '*' and upper-case hex SHA1(SHA1(password))", () => {
    // The value every MySQL manual and PASSWORD('password') give.
    expect(mysqlNativePasswordHash('password')).toBe('*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19');
  });
});

describe('sshaUserPassword', () => {
  it('is {SSHA} base64(SHA1(password + salt) + salt)', () => {
    const salt = Buffer.from('0123abcd', 'hex');
    const digest = createHash('sha1').update('secret').update(salt).digest();
    expect(sshaUserPassword('secret', salt)).toBe(
      `{SSHA}${Buffer.concat([digest, salt]).toString('base64')}`,
    );
  });

  it('draws a new salt each time', () => {
    expect(sshaUserPassword('same')).not.toBe(sshaUserPassword('same'));
  });
});

describe('derived tags', () => {
  const template = "PASSWORD '[#NEW_PASSWORD_SCRAM#]' and again '[#NEW_PASSWORD_SCRAM#]'";

  it('are known tags and secret ones', () => {
    expect(findTagProblems('[#NEW_PASSWORD_SCRAM#] [#NEW_PASSWORD_MYSQL#] [#NEW_PASSWORD_SSHA#]')).toEqual(
      [],
    );
    for (const name of ['NEW_PASSWORD_SCRAM', 'NEW_PASSWORD_MYSQL', 'NEW_PASSWORD_SSHA'])
      expect(isSecretTag(name), name).toBe(true);
  });

  it('are computed from NEW_PASSWORD once per run, only those the template uses', async () => {
    const { tags, refusal } = await withDerivedTags(template, { NEW_PASSWORD: 'pw-1234', USERNAME: 'u' });
    expect(refusal).toBeNull();
    expect(tags.NEW_PASSWORD_SCRAM).toMatch(/^SCRAM-SHA-256\$4096:/);
    expect(Object.keys(tags).sort()).toEqual(['NEW_PASSWORD', 'NEW_PASSWORD_SCRAM', 'USERNAME']);
  });

  it('are masked like the password they come from', async () => {
    const { tags } = await withDerivedTags('[#NEW_PASSWORD_MYSQL#]', { NEW_PASSWORD: 'pw-1234' });
    const hash = tags.NEW_PASSWORD_MYSQL ?? '';
    expect(new Masker(runSecrets(tags)).mask(`set to ${hash}`)).toBe('set to ******');
  });

  it('replace a value given for them, and stay missing when NEW_PASSWORD is', async () => {
    const given = { NEW_PASSWORD: 'pw-1234', NEW_PASSWORD_MYSQL: 'forged' };
    expect((await withDerivedTags('[#NEW_PASSWORD_MYSQL#]', given)).tags.NEW_PASSWORD_MYSQL).toBe(
      mysqlNativePasswordHash('pw-1234'),
    );
    expect((await withDerivedTags('[#NEW_PASSWORD_MYSQL#]', {})).tags).toEqual({});
  });

  it('refuse a password NEW_PASSWORD itself would refuse (NUL, lone surrogate), naming no value', async () => {
    for (const [password, rule] of [
      ['a\u0000b', 'contains a NUL character'],
      ['a\ud800b', 'is not valid Unicode'],
    ] as const) {
      for (const name of ['NEW_PASSWORD_SCRAM', 'NEW_PASSWORD_MYSQL', 'NEW_PASSWORD_SSHA']) {
        const { refusal } = await withDerivedTags(`[#${name}#]`, { NEW_PASSWORD: password });
        expect(refusal?.message, name).toContain(`The value of [#NEW_PASSWORD#] ${rule}`);
        expect([refusal?.line, refusal?.column]).toEqual([1, 1]);
      }
    }
  });

  it('refuse a SCRAM verifier of a non-ASCII password, at the tag, naming no value', async () => {
    const { refusal } = await withDerivedTags('x\n  [#NEW_PASSWORD_SCRAM#]', { NEW_PASSWORD: 'pässwörd' });
    expect(refusal?.message).toMatch(/^\[#NEW_PASSWORD_SCRAM#\] needs an ASCII password/);
    expect(refusal?.message).not.toContain('pässwörd');
    expect([refusal?.line, refusal?.column]).toEqual([2, 3]);
  });
});
