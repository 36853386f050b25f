// Which statements leave a kept PostgreSQL connection needing no DISCARD ALL (session-state.ts).
// The connection test against the lab (kept-connection.test.ts) shows the effect on a real server.
//
// Equivalent mutants (`npm run mutation -- --module "sql escaping"`, 4 December night: the module
// 321 / 330 (97.3%), session-state.ts 81 / 86; its survivors):
// - `if (start < 0) return false` removed: the head is then the text's last character at most
//   (slice(-1, 39)), and no pattern matches one character.
// - `next >= 0` as `next > 0`: next, when found, is past `CREATE USER`, never 0.
// (Two more were explained here until the block comment's end was read by the lexer's own
// blockCommentEnd and whitespace by the shared isWhitespace: the loop's `<=` mutant now makes
// `DROP USER` keep, which the table above refuses.)

import { describe, expect, it } from 'vitest';
import { keepsSessionState } from '../../../../electron/plugins/postgresql/session-state';

describe('keepsSessionState', () => {
  it.each([
    'BEGIN',
    'begin isolation level serializable',
    'START TRANSACTION',
    'COMMIT',
    'END',
    'ROLLBACK',
    'ABORT',
    `CREATE ROLE "x" LOGIN PASSWORD 'SCRAM-SHA-256$4096:abc' VALID UNTIL '2030-01-01'`,
    'create user bob',
    'CREATE GROUP g',
    'ALTER ROLE "x" NOLOGIN',
    'ALTER USER CURRENT_USER SET search_path = evil',
    'DROP ROLE "x"',
    'drop user if exists bob',
    `COMMENT ON ROLE "x" IS 'jit-managed; SET ROLE admin'`,
    '-- a comment first\nCREATE ROLE x',
    '/* a /* nested */ comment */ DROP ROLE x',
  ])('keeps: %s', (statement) => {
    expect(keepsSessionState(statement)).toBe(true);
  });

  it.each([
    'SELECT 1',
    "SELECT pg_catalog.set_config('search_path', 'evil', false)",
    'SET ROLE admin',
    'SET search_path = evil',
    'RESET ALL',
    'DISCARD ALL',
    'PREPARE p AS SELECT 1',
    'CREATE TEMP TABLE t (x int)',
    'CREATE TABLE t (x int)',
    'CREATE USER MAPPING FOR bob SERVER s',
    'ALTER USER MAPPING FOR bob SERVER s OPTIONS (user $$x$$)',
    'DROP USER MAPPING FOR bob SERVER s',
    'DROP OWNED BY "x"',
    'GRANT admin TO bob',
    'COMMENT ON TABLE t IS $$x$$',
    'DO $$BEGIN PERFORM 1; END$$',
    'LISTEN channel',
    'DECLARE c CURSOR WITH HOLD FOR SELECT 1',
    'CREATE /* between */ ROLE x',
    'CREATE FUNCTION f() RETURNS int AS $$SELECT 1$$ LANGUAGE sql',
    'beginning',
    'committed',
    "'CREATE ROLE x'",
    '"CREATE" ROLE x',
    '',
    '   ',
  ])('resets: %s', (statement) => {
    expect(keepsSessionState(statement)).toBe(false);
  });
});

describe('keepsSessionState, the comments before the first word', () => {
  it.each([
    ['-- only a comment', false],
    ['/* open', false],
    ['/* /* nested */ still open', false],
    ['/* a */ /* b */\n-- c\n\tCOMMIT', true],
    ['/**/COMMIT', true],
    ['/* x */* COMMIT', false],
    ['--\nBEGIN', true],
  ])('%j: %s', (statement, keeps) => {
    expect(keepsSessionState(statement)).toBe(keeps);
  });

  it('reads only the head: a long value later does not decide', () => {
    const verifier = `SCRAM-SHA-256$4096:${'A'.repeat(5000)}`;
    expect(keepsSessionState(`CREATE ROLE "x" LOGIN PASSWORD '${verifier}'`)).toBe(true);
    expect(keepsSessionState(`SELECT '${verifier}'`)).toBe(false);
  });
});

// The attack review of 92b413b: PostgreSQL reads a comment as a space, so USER MAPPING (a local
// object, with event triggers) could hide behind one, or behind more whitespace than the head.
describe('keepsSessionState, USER MAPPING however it is spaced', () => {
  it.each([
    'CREATE USER/**/MAPPING FOR CURRENT_USER SERVER s',
    'ALTER USER /* c */ MAPPING FOR CURRENT_USER SERVER s OPTIONS (user $$x$$)',
    'DROP USER -- c\nMAPPING IF EXISTS FOR CURRENT_USER SERVER s',
    'DROP USER --\rMAPPING IF EXISTS FOR CURRENT_USER SERVER s',
    `DROP USER${' '.repeat(30)}MAPPING IF EXISTS FOR CURRENT_USER SERVER s`,
    `CREATE USER\n${'\t'.repeat(40)}MAPPING FOR CURRENT_USER SERVER s`,
    'drop user /* a /* nested */ b */ -- and\n  mapping for current_user server s',
    'DROP USER mapping', // a role named mapping: reset all the same, which is safe
    'DROP USER /* open',
    'DROP USER -- a comment to the end, no word after it',
    'DROP USER',
  ])('resets: %j', (statement) => {
    expect(keepsSessionState(statement)).toBe(false);
  });

  it.each([
    'DROP USER "mapping"',
    'DROP USER mappings',
    'CREATE USER /* c */ bob',
    `DROP USER${' '.repeat(60)}bob`,
    '-- a comment ended by a carriage return\rCOMMIT',
  ])('keeps: %j', (statement) => {
    expect(keepsSessionState(statement)).toBe(true);
  });

  it('takes only PostgreSQL whitespace between the words', () => {
    expect(keepsSessionState('CREATE\u00a0ROLE x')).toBe(false);
    expect(keepsSessionState('DROP\u2003USER x')).toBe(false);
  });
});
