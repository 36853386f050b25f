/** The LDAP plugin's template language (electron/plugins/ldap/template-parser.ts and render.ts). */
import type { SyntaxHelp } from '../syntax-help';

export const ldapSyntaxHelp: SyntaxHelp = {
  pluginId: 'ldap',
  summary: [
    'One command a line, run in order on one connection; the first error stops the run. The plugin first binds as the authentication credential (its user name is the bind DN), unless its first command (after set-option lines) is bind.',
  ],
  commands: [
    {
      syntax: 'set-option LDAP_OPT_PROTOCOL_VERSION 3',
      meaning:
        'LDAPv3, the only version spoken (any other version is refused); options come before the first command',
    },
    {
      syntax: 'set-option LDAP_OPT_REFERRALS 0|1',
      meaning:
        'referrals off (0, off) or on (any other number, on): referrals are never followed; with them on, a find the server answers only with referrals fails naming them. Any other option is refused by name',
    },
    {
      syntax: 'bind "dn" ["password"]',
      meaning: "bind as dn, with the credential's password unless one is given",
    },
    {
      syntax: 'find "baseDN" "(filter)"',
      meaning:
        'search the subtree; fails when nothing matches; its matches are the entry the next mod-* lines change (they need exactly one). The filter may also be written without quotes, to the end of the line: find "baseDN" (filter)',
    },
    {
      syntax: 'add "dn"',
      meaning:
        'add an entry: attribute lines "name: value" follow until a blank line or the next command; a name may repeat (several values)',
    },
    { syntax: 'modify "dn"', meaning: 'select the entry the next mod-* lines change (so do add and find)' },
    { syntax: 'mod-add attribute value', meaning: 'add a value (the rest of the line)' },
    {
      syntax: 'mod-del attribute [value]',
      meaning: 'remove a value; without one, remove the attribute (it must exist)',
    },
    {
      syntax: 'mod-replace attribute [value]',
      meaning: 'replace every value; without one, remove the attribute if present',
    },
    { syntax: 'delete "dn"', meaning: 'delete an entry' },
    { syntax: '# comment', meaning: 'a line starting with # is ignored' },
  ],
  notes: [
    'In "…", a backslash keeps the next character (DN and filter escapes such as \\, pass through).',
    'Base64 attribute values (name:: value) are not supported.',
  ],
  sections: [
    {
      title: 'Tags',
      rules: [
        'in a DN value (uid=[#USERNAME#]): escaped per RFC 4514;',
        "as a whole DN suffix (…,ou=people,[#DOMAIN#]): the value must be a valid DN; for LDAP the credential's domain holds the base DN;",
        'as the whole bind name: used as given (a DN, or user@domain for Active Directory);',
        'in a filter value ((uid=[#USERNAME#])): escaped per RFC 4515; not as an attribute name;',
        'in attribute values: the value as it is; line breaks are refused.',
        'Values that are empty, contain NUL or are not valid Unicode are refused.',
      ],
    },
  ],
  example: [
    'add "uid=[#USERNAME#],ou=people,[#DOMAIN#]"',
    'objectClass: inetOrgPerson',
    'uid: [#USERNAME#]',
    'cn: [#USERNAME#]',
    'sn: [#USERNAME#]',
    'userPassword: [#NEW_PASSWORD#]',
  ].join('\n'),
};
