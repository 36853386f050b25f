import { describe, expect, it } from 'vitest';
import { ldapPlugin } from '../../../../electron/plugins/ldap';
import { prepareLdapOperations } from '../../../../electron/plugins/ldap/operations';
import { parseLdapTemplate } from '../../../../electron/plugins/ldap/template-parser';

const problemsOf = (template: string) =>
  ldapPlugin.check(template).map((p) => `${p.line}:${p.column} ${p.message}`);

// Templates as the vendor writes them: options first, the filter of find without quotes, and
// mod-* lines acting on the entry find selected.
const vendorStyle = [
  '# connection options',
  'set-option LDAP_OPT_PROTOCOL_VERSION 3',
  'set-option LDAP_OPT_REFERRALS 3',
  '',
  'bind "cn=[#AUTH_USER#],ou=admins,dc=example,dc=org"',
  'find "ou=staff,dc=example,dc=org" (&(objectClass=person)(uid=[#USERNAME#]))',
  'mod-replace description on leave',
].join('\n');

describe('LDAP templates in the vendor style', () => {
  it('accepts set-option, an unquoted find filter and a mod-replace after find', () => {
    expect(problemsOf(vendorStyle)).toEqual([]);
    const { commands } = parseLdapTemplate(vendorStyle);
    expect(commands.map((c) => c.kind)).toEqual(['set-option', 'set-option', 'bind', 'find', 'mod-replace']);
    expect(commands[0]?.kind === 'set-option' && commands[0].option).toEqual({
      name: 'LDAP_OPT_PROTOCOL_VERSION',
      value: 3,
    });
    // Any number but 0 turns referrals on, as C and PHP read the option.
    expect(commands[1]?.kind === 'set-option' && commands[1].option.value).toBe(true);
  });

  it('escapes a tag in the unquoted filter per RFC 4515, at the right position', () => {
    const operations = prepareLdapOperations(vendorStyle, {
      AUTH_USER: 'admin',
      USERNAME: 'a*)(uid=b',
    });
    const find = operations.find((o) => o.kind === 'find');
    expect(find?.kind === 'find' && find.base).toBe('ou=staff,dc=example,dc=org');
    expect(find?.kind === 'find' && find.filter).toBe('(&(objectClass=person)(uid=a\\2a\\29\\28uid=b))');
    const [option] = operations;
    expect(option?.display).toBe('set-option LDAP_OPT_PROTOCOL_VERSION 3');
  });

  it('points at a bad tag in the unquoted filter with its line and column', () => {
    const template = 'find "dc=x" ([#USERNAME#]=a)';
    expect(problemsOf(template)).toEqual([
      '1:14 [#USERNAME#] can only be an assertion value in a filter, as in (uid=[#USERNAME#])',
    ]);
  });

  it('takes referrals on and off in words too', () => {
    for (const [value, on] of [
      ['0', false],
      ['off', false],
      ['false', false],
      ['1', true],
      ['on', true],
      ['TRUE', true],
    ] as const) {
      const { commands, problems } = parseLdapTemplate(`set-option LDAP_OPT_REFERRALS ${value}`);
      expect(problems).toEqual([]);
      expect(commands[0]?.kind === 'set-option' && commands[0].option.value).toBe(on);
    }
  });

  it('refuses other options by name, other protocol versions, and options after a command', () => {
    expect(
      problemsOf(
        [
          'set-option LDAP_OPT_SIZELIMIT 10',
          'set-option LDAP_OPT_PROTOCOL_VERSION 2',
          'set-option LDAP_OPT_REFERRALS maybe',
          'set-option LDAP_OPT_REFERRALS',
          'bind "cn=a,dc=x"',
          'set-option LDAP_OPT_PROTOCOL_VERSION 3',
        ].join('\n'),
      ),
    ).toEqual([
      '1:1 set-option LDAP_OPT_SIZELIMIT is not supported: only LDAP_OPT_PROTOCOL_VERSION and LDAP_OPT_REFERRALS are',
      '2:1 set-option LDAP_OPT_PROTOCOL_VERSION takes 3 (LDAPv3, the only version spoken), not "2"',
      '3:1 set-option LDAP_OPT_REFERRALS takes 0 (off) or 1 (on), not "maybe"',
      '4:1 Usage: set-option LDAP_OPT_PROTOCOL_VERSION 3 | set-option LDAP_OPT_REFERRALS 0|1',
      '6:1 set-option comes before the first command',
    ]);
  });

  it('still refuses a find with no filter, or text that is not a filter after the base', () => {
    expect(problemsOf('find "dc=x"')[0]).toMatch(/^1:1 Usage: find/);
    expect(problemsOf('find "dc=x" uid=a')[0]).toMatch(/^1:1 find: arguments are written in double quotes/);
    expect(problemsOf('find "dc=x" (uid=a')[0]).toMatch(/^1:1 Not a valid filter/);
  });
});

describe("Active Directory's unicodePwd as the vendor writes it", () => {
  const adChange = [
    'bind "cn=[#AUTH_USER#],CN=Users,DC=example,DC=com"',
    'find "DC=example,DC=com" (&(objectClass=user)(sAMAccountName=[#USERNAME#]))',
    'mod-replace unicodePwd "u([#NEW_PASSWORD#])"',
  ].join('\n');

  it('sends the password in double quotes as UTF-16LE bytes, and logs it masked', () => {
    const password = 'Pa"ss ü)(é';
    const operations = prepareLdapOperations(adChange, {
      AUTH_USER: 'admin',
      USERNAME: 'jdoe',
      NEW_PASSWORD: password,
    });
    const change = operations.at(-1);
    if (change?.kind !== 'change') throw new Error('no change operation');
    expect(change.values).toEqual([Buffer.from(`"${password}"`, 'utf16le')]);
    expect(change.display).toBe('mod-replace unicodePwd u(******)');
    expect(change.display).not.toContain('ss');
  });

  it('reads u(…) without the quotes too, in an add block as well, and only for unicodePwd', () => {
    const operations = prepareLdapOperations(
      [
        'add "CN=[#USERNAME#],CN=Users,DC=example,DC=com"',
        'objectClass: user',
        'unicodePwd: u([#NEW_PASSWORD#])',
        'description: u([#NEW_PASSWORD#])',
      ].join('\n'),
      { USERNAME: 'jdoe', NEW_PASSWORD: 'secret' },
    );
    const add = operations[0];
    if (add?.kind !== 'add') throw new Error('no add operation');
    expect(add.attributes).toEqual([
      { type: 'objectClass', values: ['user'] },
      { type: 'unicodePwd', values: [Buffer.from('"secret"', 'utf16le')] },
      { type: 'description', values: ['u(secret)'] },
    ]);
  });
});
