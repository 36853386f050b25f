import { describe, expect, it } from 'vitest';
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
