import { managedMarker, type BuiltInTemplate } from '../builtin-template';

// Names are written "[#USERNAME#]": a quoted identifier, so any name is used exactly as given
// (case kept, no keyword), and one PostgreSQL would cut (over 63 bytes) is refused. Values inside
// '…' are escaped literals. pg_terminate_backend only signals: the lifecycle's endSessions waits.
// Passwords are set as a SCRAM-SHA-256 verifier the core computes ([#NEW_PASSWORD_SCRAM#]):
// PostgreSQL stores it as it is, and a statement log (log_statement = 'all' or 'ddl') holds the
// verifier, never the password.

const createRole = `-- JIT creation: a login role that also expires on the server at the end of the session
-- (VALID UNTIL), marked as ours by its comment. One transaction: no role without its marker.
BEGIN;
CREATE ROLE "[#USERNAME#]" LOGIN PASSWORD '[#NEW_PASSWORD_SCRAM#]' VALID UNTIL '[#EXPIRATION#]';
COMMENT ON ROLE "[#USERNAME#]" IS '${managedMarker} session [#SESSION_ID#]';
COMMIT;
`;

const dropRole = `-- JIT deletion. Only roles this product created carry the marker comment: for any other,
-- the cast fails with "…is not ${managedMarker}" and nothing else runs.
SELECT CAST('refused: role ' || r.rolname || ' is not ${managedMarker}' AS integer)
  FROM pg_catalog.pg_roles r
 WHERE r.rolname = '[#USERNAME#]'
   AND COALESCE(pg_catalog.shobj_description(r.oid, 'pg_authid'), '') NOT LIKE '${managedMarker}%';
-- No new logins, end the live sessions, then drop what it owns here and the role itself.
ALTER ROLE "[#USERNAME#]" NOLOGIN;
SELECT pg_catalog.pg_terminate_backend(pid) AS ended
  FROM pg_catalog.pg_stat_activity
 WHERE usename = '[#USERNAME#]' AND pid <> pg_catalog.pg_backend_pid();
DROP OWNED BY "[#USERNAME#]";
DROP ROLE "[#USERNAME#]";
`;

const enableRole = `-- JIT enable: the existing role may log in again until the session ends (VALID UNTIL).
ALTER ROLE "[#USERNAME#]" LOGIN VALID UNTIL '[#EXPIRATION#]';
`;

const disableRole = `-- JIT disable: no new logins, and the live sessions are ended.
ALTER ROLE "[#USERNAME#]" NOLOGIN;
SELECT pg_catalog.pg_terminate_backend(pid) AS ended
  FROM pg_catalog.pg_stat_activity
 WHERE usename = '[#USERNAME#]' AND pid <> pg_catalog.pg_backend_pid();
`;

const changePassword = `-- Password change, sent as a SCRAM-SHA-256 verifier: the server's log never holds the password.
ALTER ROLE "[#USERNAME#]" PASSWORD '[#NEW_PASSWORD_SCRAM#]';
`;

export const postgresqlBuiltinTemplates: readonly BuiltInTemplate[] = [
  {
    key: 'postgresql.create-role',
    name: 'PostgreSQL: JIT create role',
    executionType: 'New user',
    description: `Creates a login role with the password (sent as a SCRAM-SHA-256 verifier), expiring on the server at the end of the session (VALID UNTIL), marked "${managedMarker}" in its comment.`,
    content: createRole,
  },
  {
    key: 'postgresql.drop-role',
    name: 'PostgreSQL: JIT drop role',
    executionType: 'User delete',
    description: `Refuses roles without the "${managedMarker}" comment; otherwise sets NOLOGIN, ends its sessions, drops what it owns in this database and drops the role.`,
    content: dropRole,
  },
  {
    key: 'postgresql.enable-role',
    name: 'PostgreSQL: JIT enable role',
    executionType: 'Credential enable',
    description: 'Lets an existing role log in (LOGIN) until the end of the session (VALID UNTIL).',
    content: enableRole,
  },
  {
    key: 'postgresql.disable-role',
    name: 'PostgreSQL: JIT disable role',
    executionType: 'Credential disable',
    description: 'Stops a role from logging in (NOLOGIN) and ends its live sessions.',
    content: disableRole,
  },
  {
    key: 'postgresql.change-password',
    name: 'PostgreSQL: change password',
    executionType: 'Password change',
    description:
      "Sets the role's password, sent as a SCRAM-SHA-256 verifier (the server's statement log never holds the password).",
    content: changePassword,
  },
];
