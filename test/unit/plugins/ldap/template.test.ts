import { describe, expect, it } from 'vitest';
import { ldapPlugin } from '../../../../electron/plugins/ldap';
import { prepareLdapOperations } from '../../../../electron/plugins/ldap/operations';
import { parseLdapTemplate } from '../../../../electron/plugins/ldap/template-parser';
import { Refusal } from '../../../../electron/plugins/tag-engine';

const tags = { USERNAME: 'bob', NEW_PASSWORD: 'pw', DOMAIN: 'dc=lab,dc=test', SESSION_ID: 's1' };

function refusal(template: string, values: Record<string, string>): Refusal {
  try {
    prepareLdapOperations(template, values);
  } catch (error) {
    if (error instanceof Refusal) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('parseLdapTemplate', () => {
  it('reads every command, attribute lines up to a blank line, and skips comments', () => {
    const template = [
      '# a comment',
      'bind "cn=admin,dc=x" "secret"',
      'find "dc=x" "(uid=a)"',
      'add "uid=a,dc=x"',
      'objectClass: inetOrgPerson',
      '  # a comment inside',
      'cn:a b  ',
      '',
      'modify "uid=a,dc=x"',
      'mod-add mail a@x',
      'mod-del mail',
      'mod-replace description two words',
      'delete "uid=a,dc=x"',
    ].join('\n');
    const { commands, problems } = parseLdapTemplate(template);
    expect(problems).toEqual([]);
    expect(commands.map((c) => `${c.line}:${c.kind}`)).toEqual([
      '2:bind',
      '3:find',
      '4:add',
      '9:modify',
      '10:mod-add',
      '11:mod-del',
      '12:mod-replace',
      '13:delete',
    ]);
    const add = commands[2];
    expect(add?.kind === 'add' && add.attributes.map((a) => [a.attribute, a.value.text])).toEqual([
      ['objectClass', 'inetOrgPerson'],
      ['cn', 'a b'],
    ]);
    const replace = commands[6];
    expect(replace?.kind === 'mod-replace' && replace.value?.text).toBe('two words');
    // Offsets point into the template, for tag positions.
    expect(
      replace?.kind === 'mod-replace' && template.slice(replace.value?.offset ?? 0).startsWith('two words'),
    ).toBe(true);
  });

  it('keeps backslashes (and escaped quotes) of DN arguments as they are', () => {
    const { commands } = parseLdapTemplate('delete "cn=a\\"b\\,c,dc=x"');
    expect(commands[0]?.kind === 'delete' && commands[0].dn.text).toBe('cn=a\\"b\\,c,dc=x');
  });

  it('reports problems with line and column', () => {
    const template = [
      'mod-add cn x',
      'frobnicate "x"',
      'add "cn=x"',
      'bad line',
      '',
      'find "dc=x"',
      'delete cn=x',
      'add "cn=y"',
      'cn:: YWJj',
      'mod-del',
      'modify "a" "b"',
    ].join('\n');
    expect(ldapPlugin.check(template).map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      '1:1 mod-add needs an entry: put add, find or modify "dn" before it',
      '2:1 Unknown command "frobnicate": expected set-option, bind, find, add, modify, mod-add, mod-del, mod-replace or delete',
      '3:1 add needs attribute lines ("name: value") after it',
      '4:1 Expected an attribute line "name: value" (or a blank line to end the add)',
      '6:1 Usage: find "baseDN" "(filter)" (or the filter without quotes: find "baseDN" (filter))',
      '7:1 delete: arguments are written in double quotes',
      '8:1 add needs attribute lines ("name: value") after it',
      '9:1 Base64 values ("name:: …") are not supported: write the value as text',
      '10:1 Usage: mod-del attribute [value]',
      '11:1 Usage: modify "dn"',
    ]);
  });

  it('refuses tags where they would be structure: attribute names, filter attributes, RDN types', () => {
    const template = [
      'add "uid=[#USERNAME#],dc=x"',
      '[#USERNAME#]: x',
      'cn: x',
      '',
      'find "dc=x" "([#USERNAME#]=x)"',
      'mod-replace [#USERNAME#] x',
      'delete "[#USERNAME#]=x,dc=y"',
      'delete "cn=x,[#USERNAME#]x"',
    ].join('\n');
    expect(ldapPlugin.check(template).map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      '2:1 "[#USERNAME#]" is not an attribute name (a tag cannot be one)',
      '5:15 [#USERNAME#] can only be an assertion value in a filter, as in (uid=[#USERNAME#])',
      '6:1 "[#USERNAME#]" is not an attribute name (a tag cannot be one)',
      '7:9 [#USERNAME#] cannot be an attribute name in a DN: use it as a value (uid=…) or as a whole suffix (…,[#DOMAIN#])',
      '8:14 [#USERNAME#] cannot be an attribute name in a DN: use it as a value (uid=…) or as a whole suffix (…,[#DOMAIN#])',
    ]);
  });

  it('reports DNs and filters the template itself gets wrong', () => {
    expect(ldapPlugin.check('delete "cn=a,,dc=x"\nfind "dc=x" "(uid=a"')).toEqual([
      { line: 1, column: 1, message: 'Not a valid DN: expected an attribute name at character 6' },
      expect.objectContaining({
        line: 2,
        column: 1,
        message: expect.stringMatching(/^Not a valid filter/) as string,
      }),
    ]);
  });
});

describe('prepareLdapOperations: values by context', () => {
  it('escapes DN values, validates DN suffixes, escapes filter values, keeps attribute values', () => {
    const operations = prepareLdapOperations(
      [
        'find "ou=people,[#DOMAIN#]" "(&(uid=[#USERNAME#])(cn=*))"',
        'add "uid=[#USERNAME#],ou=people,[#DOMAIN#]"',
        'cn: [#USERNAME#]',
        'userPassword: [#NEW_PASSWORD#]',
      ].join('\n'),
      { ...tags, USERNAME: 'a*,b', NEW_PASSWORD: ' p w ' },
    );
    expect(operations[0]).toMatchObject({
      kind: 'find',
      base: 'ou=people,dc=lab,dc=test',
      filter: '(&(uid=a\\2a,b)(cn=*))',
      display: 'find "ou=people,dc=lab,dc=test" "(&(uid=a\\2a,b)(cn=*))"',
    });
    expect(operations[1]).toMatchObject({
      kind: 'add',
      dn: 'uid=a*\\,b,ou=people,dc=lab,dc=test',
      attributes: [
        { type: 'cn', values: ['a*,b'] },
        { type: 'userPassword', values: [' p w '] },
      ],
      display: 'add "uid=a*\\,b,ou=people,dc=lab,dc=test"\n  cn: a*,b\n  userPassword: ******',
    });
  });

  it('takes a bind argument that is one tag as the bind name, as given', () => {
    const [bind] = prepareLdapOperations('bind "[#AUTH_USER#]" "[#AUTH_PASSWORD#]"', {
      AUTH_USER: 'admin@corp.example',
      AUTH_PASSWORD: 'x',
    });
    expect(bind).toMatchObject({
      kind: 'bind',
      dn: 'admin@corp.example',
      password: 'x',
      display: 'bind "admin@corp.example" "******"',
    });
  });

  it.each([
    [
      'DOMAIN',
      ',cn=admin',
      'delete "uid=x,[#DOMAIN#]"',
      /stands for a DN suffix here, and its value is not a valid DN/,
    ],
    ['DOMAIN', '*)(uid=*', 'delete "uid=x,[#DOMAIN#]"', /not a valid DN/],
    ['USERNAME', 'a\nb', 'modify "cn=x"\nmod-replace cn [#USERNAME#]', /line break/],
    ['USERNAME', 'a\r\nb', 'add "cn=x"\ncn: [#USERNAME#]', /line break/],
    ['USERNAME', 'a\u0000b', 'delete "uid=[#USERNAME#]"', /NUL/],
    ['USERNAME', '', 'delete "uid=[#USERNAME#]"', /empty/],
  ])('refuses %s=%j before anything is sent', (name, value, template, message) => {
    const error = refusal(template, { ...tags, [name]: value });
    expect(error.message).toMatch(message);
    expect(error.line).not.toBeNull();
  });
});
