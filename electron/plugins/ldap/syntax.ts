/** The template editor's help for LDAP templates. */
export const ldapSyntaxHelp = `One command a line; lines starting with # are comments. The plugin first binds as the authentication credential (its user name is the bind DN), unless the template starts with bind.
- bind "dn" ["password"]: bind as dn, with the credential's password unless one is given.
- find "baseDN" "(filter)": searches the subtree; fails when nothing matches; its matches are the entry the next mod-* lines change (they need exactly one).
- add "dn", then attribute lines "name: value" until a blank line or the next command; a name may repeat (several values).
- modify "dn": selects the entry the next mod-* lines change (so do add and find).
- mod-add attribute value | mod-del attribute [value] | mod-replace attribute [value]: the value is the rest of the line; mod-del without a value removes the attribute (it must exist); mod-replace without a value removes it if present.
- delete "dn".
In "…", a backslash keeps the next character (DN and filter escapes such as \\, pass through).
Tags:
- in a DN value (uid=[#USERNAME#]): escaped per RFC 4514;
- as a whole DN suffix (…,ou=people,[#DOMAIN#]): the value must be a valid DN; for LDAP the credential's domain holds the base DN;
- as the whole bind name: used as given (a DN, or user@domain for Active Directory);
- in a filter value ((uid=[#USERNAME#])): escaped per RFC 4515; not as an attribute name;
- in attribute values: the value as it is; line breaks are refused.
Values that are empty, contain NUL or are not valid Unicode are refused. Base64 (name:: value) is not supported.`;
