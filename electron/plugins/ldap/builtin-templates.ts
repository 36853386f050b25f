import { managedMarker, type BuiltInTemplate } from '../builtin-template';

// Entries live at uid=[#USERNAME#],ou=people,[#DOMAIN#]: [#DOMAIN#] is the credential's domain,
// which for LDAP holds the base DN (dc=example,dc=com), and must itself be a valid DN. USERNAME is
// escaped as a DN value (RFC 4514); values on attribute lines are sent as they are (one line).
// The plugin binds as the authentication credential (its user name is the bind DN) first.
// Passwords are written as a salted SHA-1 hash the core computes ([#NEW_PASSWORD_SSHA#]): the
// directory stores it as it is whatever its configuration (no ppolicy_hash_cleartext needed), and
// an audit log or replication changelog holds the hash, never the password.

const entry = 'uid=[#USERNAME#],ou=people,[#DOMAIN#]';

const createEntry = `# JIT creation: an inetOrgPerson, marked as ours by its description.
add "${entry}"
objectClass: inetOrgPerson
uid: [#USERNAME#]
cn: [#USERNAME#]
sn: [#USERNAME#]
userPassword: [#NEW_PASSWORD_SSHA#]
description: ${managedMarker} session [#SESSION_ID#]
`;

const deleteEntry = `# JIT deletion: only an entry marked as ours (find fails when nothing matches).
find "${entry}" "(description=${managedMarker}*)"
delete "${entry}"
`;

const enableEntry = `# JIT enable: remove the ppolicy lock (a replace with no value removes the attribute, and
# succeeds when it is already gone).
modify "${entry}"
mod-replace pwdAccountLockedTime
`;

const disableEntry = `# JIT disable: ppolicy lock until an administrator unlocks it (000001010000Z). A locked entry
# cannot bind; LDAP has no live sessions to end.
modify "${entry}"
mod-replace pwdAccountLockedTime 000001010000Z
`;

const changePassword = `# Password change, written as a salted SHA-1 hash ({SSHA}): the directory never sees it in clear.
modify "${entry}"
mod-replace userPassword [#NEW_PASSWORD_SSHA#]
`;

export const ldapBuiltinTemplates: readonly BuiltInTemplate[] = [
  {
    key: 'ldap.create-entry',
    name: 'LDAP: JIT create entry',
    executionType: 'New user',
    description: `Adds an inetOrgPerson at uid=USERNAME,ou=people,DOMAIN (DOMAIN: the base DN) with the password (as an {SSHA} hash), described "${managedMarker}".`,
    content: createEntry,
  },
  {
    key: 'ldap.delete-entry',
    name: 'LDAP: JIT delete entry',
    executionType: 'User delete',
    description: `Deletes the entry, only if its description says "${managedMarker}".`,
    content: deleteEntry,
  },
  {
    key: 'ldap.enable-entry',
    name: 'LDAP: JIT enable entry (ppolicy)',
    executionType: 'Credential enable',
    description: 'Removes the ppolicy lock (pwdAccountLockedTime).',
    content: enableEntry,
  },
  {
    key: 'ldap.disable-entry',
    name: 'LDAP: JIT disable entry (ppolicy)',
    executionType: 'Credential disable',
    description:
      'Locks the entry through ppolicy (pwdAccountLockedTime 000001010000Z): it can no longer bind.',
    content: disableEntry,
  },
  {
    key: 'ldap.change-password',
    name: 'LDAP: change password',
    executionType: 'Password change',
    description: "Replaces the entry's userPassword with an {SSHA} hash of the password.",
    content: changePassword,
  },
];
