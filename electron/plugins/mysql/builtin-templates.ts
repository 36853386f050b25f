import type { BuiltInTemplate } from '../builtin-template';

// Accounts are written '[#USERNAME#]'@'%': an escaped literal, so any name is used exactly as
// given; one ending in a space is refused (MySQL would drop the space: another account).
// MariaDB (10.11) has no account comment (MySQL 8's CREATE USER … COMMENT), so the ownership marker
// is membership of the role jit_pam_managed, which the deletion checks first. KILL USER and
// SET DEFAULT ROLE … FOR are MariaDB's; on MySQL 8, drop the KILL line (the lifecycle's endSessions
// KILLs each session anyway) and write the check SET DEFAULT ROLE jit_pam_managed TO 'user'@'%'.
// Passwords are set as their mysql_native_password hash, computed by the core
// ([#NEW_PASSWORD_MYSQL#]): a general or binary log holds the hash, never the password. The
// WITH … AS form is the one MariaDB and MySQL 5.7-8.x share (MySQL 8.4 needs the plugin enabled).

// The account is created locked and unlocked only once it carries the marker: a run stopped in
// between (killed, or a login without the right to grant the role) leaves an account nobody can
// log in to, never a usable one the deletion would refuse as not ours.
const createUser = `-- JIT creation: a new account, marked as ours by the role jit_pam_managed.
CREATE ROLE IF NOT EXISTS jit_pam_managed;
CREATE USER '[#USERNAME#]'@'%' IDENTIFIED WITH mysql_native_password AS '[#NEW_PASSWORD_MYSQL#]' ACCOUNT LOCK;
GRANT jit_pam_managed TO '[#USERNAME#]'@'%';
-- Marked: now it may log in.
ALTER USER '[#USERNAME#]'@'%' ACCOUNT UNLOCK;
`;

const dropUser = `-- JIT deletion. Only accounts this product created have the role jit_pam_managed: for any
-- other, SET DEFAULT ROLE fails ("Invalid role specification") and nothing else runs.
SET DEFAULT ROLE jit_pam_managed FOR '[#USERNAME#]'@'%';
-- Lock first (no new logins), end the live sessions, then drop.
ALTER USER '[#USERNAME#]'@'%' ACCOUNT LOCK;
KILL USER '[#USERNAME#]'@'%';
DROP USER '[#USERNAME#]'@'%';
`;

const enableUser = `-- JIT enable: the existing account may log in again.
ALTER USER '[#USERNAME#]'@'%' ACCOUNT UNLOCK;
`;

const disableUser = `-- JIT disable: no new logins, and the live sessions are ended.
ALTER USER '[#USERNAME#]'@'%' ACCOUNT LOCK;
KILL USER '[#USERNAME#]'@'%';
`;

const changePassword = `-- Password change, sent as its mysql_native_password hash: no log holds the password.
ALTER USER '[#USERNAME#]'@'%' IDENTIFIED WITH mysql_native_password AS '[#NEW_PASSWORD_MYSQL#]';
`;

export const mysqlBuiltinTemplates: readonly BuiltInTemplate[] = [
  {
    key: 'mysql.create-user',
    name: 'MySQL/MariaDB: JIT create user',
    executionType: 'New user',
    description:
      "Creates the account 'user'@'%' locked, with the password (sent as its mysql_native_password hash), grants it the marker role jit_pam_managed (MariaDB has no account comment), then unlocks it.",
    content: createUser,
  },
  {
    key: 'mysql.drop-user',
    name: 'MySQL/MariaDB: JIT drop user',
    executionType: 'User delete',
    description:
      'Refuses accounts without the marker role jit_pam_managed; otherwise locks the account, ends its sessions (MariaDB KILL USER) and drops it.',
    content: dropUser,
  },
  {
    key: 'mysql.enable-user',
    name: 'MySQL/MariaDB: JIT enable user',
    executionType: 'Credential enable',
    description: 'Unlocks an existing account (ACCOUNT UNLOCK).',
    content: enableUser,
  },
  {
    key: 'mysql.disable-user',
    name: 'MySQL/MariaDB: JIT disable user',
    executionType: 'Credential disable',
    description: 'Locks the account (ACCOUNT LOCK) and ends its sessions (MariaDB KILL USER).',
    content: disableUser,
  },
  {
    key: 'mysql.change-password',
    name: 'MySQL/MariaDB: change password',
    executionType: 'Password change',
    description:
      "Sets the account's password, sent as its mysql_native_password hash (no server log holds the password).",
    content: changePassword,
  },
];
