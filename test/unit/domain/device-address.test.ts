import { isIPv6 as nodeIsIPv6 } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isHostName, isIPv6 } from '../../../shared/domain/address';
import { addressSchema, deviceInputSchema, deviceSchema } from '../../../shared/domain/device';

const problem = (address: string) => addressSchema.safeParse(address).error?.issues[0]?.message;

describe('device address', () => {
  it.each([
    '10.20.30.40',
    '0.0.0.0',
    '255.255.255.255',
    '127.0.0.1',
    'web-01',
    'db01.lab',
    '1db.example.org',
    'a.b.c.d',
    '10.20.30.40.example.org',
    'localhost',
    'fe80::1',
    '::1',
    ' 10.0.0.1 ',
  ])('accepts %j', (address) => {
    expect(addressSchema.safeParse(address).success).toBe(true);
  });

  it.each(['999.1.1.1', '256.0.0.1', '1.2.3.300', '10.0.0.1000'])(
    'refuses the IPv4 address %j: each number is 0 to 255',
    (address) => {
      expect(problem(address)).toBe('An IPv4 address is four numbers from 0 to 255');
    },
  );

  it.each(['1.2.3', '1.2.3.4.5', '12345', '1..2.3', '1.2.3.4.'])(
    'refuses %j, digits and dots that are not an IPv4 address',
    (address) => {
      expect(problem(address)).toBe('Enter a host name or an IP address (IPv4: four numbers from 0 to 255)');
    },
  );

  it.each(['not an address!', 'under_score.lab', '-web', 'web-', 'x'.repeat(64)])('refuses %j', (address) => {
    expect(problem(address)).toBe('Enter a host name or an IP address');
  });

  it.each(['010.0.0.1', '10.0.0.01', '1.2.3.00'])(
    'refuses %j: a leading zero reads as octal to some programs',
    (address) => {
      expect(problem(address)).toBe(
        'Write the numbers without leading zeros: some programs read 010 as octal (8)',
      );
    },
  );

  it('refuses an empty address as required', () => {
    expect(problem('   ')).toBe('Required');
  });

  it('is checked where the form saves, beside Address', () => {
    const result = deviceInputSchema.safeParse({ name: 'web-01', address: '999.1.1.1', type: 'Server' });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['address', 'An IPv4 address is four numbers from 0 to 255'],
    ]);
  });

  it('still reads a device stored with an address older builds accepted', () => {
    const stored = {
      id: 1,
      name: 'old',
      address: '999.1.1.1',
      type: 'Server',
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-01T00:00:00.000Z',
      credentialCount: 0,
    };
    expect(deviceSchema.safeParse(stored).success).toBe(true);
    // What no build ever accepted is still refused there.
    expect(deviceSchema.safeParse({ ...stored, address: 'no spaces allowed' }).success).toBe(false);
  });
});

const ipv6Message =
  'Not a valid IPv6 address: eight groups of 1 to 4 hex digits separated by colons, one "::" at most';

describe('device address: IPv6', () => {
  it.each([
    '::',
    '::1',
    '1::',
    'fe80::1',
    '2001:db8::8a2e:370:7334',
    '2001:0db8:0000:0000:0000:ff00:0042:8329',
    '1:2:3:4:5:6:7:8',
    '1:2:3:4:5:6:7::',
    '::2:3:4:5:6:7:8',
    '::ffff:192.0.2.128',
    '64:ff9b::10.0.0.1',
    '1:2:3:4:5:6:1.2.3.4',
    'fe80::1%eth0',
    'FE80::ABCD',
  ])('accepts %j', (address) => {
    expect(addressSchema.safeParse(address).success).toBe(true);
  });

  it.each([
    ':::::::',
    ':::',
    '1:::2',
    '1::2::3',
    ':1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7:8::',
    '12345::1',
    'g::1',
    '::1.2.3',
    '::256.0.0.1',
    '1.2.3.4::',
    '1:2:3:4:5:6:7:1.2.3.4',
    'fe80::1%',
    'fe80::1%eth 0',
  ])('refuses %j with what an IPv6 address is', (address) => {
    expect(problem(address)).toBe(ipv6Message);
  });

  it('refuses an address in brackets with a word on how to write it', () => {
    expect(problem('[::1]')).toBe('Enter the IPv6 address without brackets');
  });

  it('agrees with Node\'s net.isIPv6 on every string of up to 6 characters from ":", "1", "f" and "."', () => {
    // Every combination, not a sample: 4^1 + ... + 4^6 = 5460 strings, each a case a parser can get
    // wrong (runs of colons, dots where a dotted quad cannot be, groups too long).
    const alphabet = [':', '1', 'f', '.'];
    let strings = [''];
    const disagreements: string[] = [];
    for (let length = 1; length <= 6; length++) {
      strings = strings.flatMap((s) => alphabet.map((c) => s + c));
      for (const s of strings) if (isIPv6(s) !== nodeIsIPv6(s)) disagreements.push(s);
    }
    expect(disagreements).toEqual([]);
  });

  it("agrees with Node's net.isIPv6 on generated addresses of full length", () => {
    const disagreements: string[] = [];
    const groups = ['0', '1', 'ffff', 'abcd', '12345', '', '1.2.3.4', '01.2.3.4', '255.255.255.255'];
    // Deterministic: every 8-group address over a few group shapes, with and without one "::".
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % groups.length;
    for (let n = 0; n < 20000; n++) {
      const count = 1 + (n % 9);
      const parts = Array.from({ length: count }, () => groups[next()] ?? '');
      const text = parts.join(n % 3 === 0 ? ':' : n % 3 === 1 ? '::' : ':').replace(/:{3,}/g, '::');
      if (isIPv6(text) !== nodeIsIPv6(text)) disagreements.push(text);
    }
    expect(disagreements).toEqual([]);
  });
});

describe('device address: host names (RFC 1123 labels)', () => {
  it.each(['a', 'db01.lab', 'xn--bcher-kva.example', `${'a'.repeat(63)}.lab`])('accepts %j', (name) => {
    expect(isHostName(name)).toBe(true);
  });
  it.each(['', 'a..b', '.lab', 'lab.', 'a_b', '-a', 'a-', `${'a'.repeat(64)}.lab`, `${'a.'.repeat(127)}a`])(
    'refuses %j',
    (name) => {
      expect(isHostName(name)).toBe(false);
    },
  );
});
