import { describe, expect, it } from 'vitest';
import { lexPostgres } from '../../../../electron/plugins/postgresql/sql-lexer';
import { splitStatements } from '../../../../electron/plugins/tag-engine/sql';

/** The statements' texts, as the runner would send them (tags untouched). */
function statements(text: string): string[] {
  return splitStatements(lexPostgres(text).tokens).map((s) => text.slice(s.start, s.end));
}

function kinds(text: string): string[] {
  return lexPostgres(text)
    .tokens.filter((t) => t.kind !== 'space')
    .map((t) => `${t.kind}:${text.slice(t.start, t.end)}`);
}

describe('lexPostgres: where statements end', () => {
  it('splits at semicolons and drops empty statements and edge comments', () => {
    expect(statements('SELECT 1; ;\n-- only a comment\n;SELECT 2 /* c */ ;\n  SELECT 3')).toEqual([
      'SELECT 1',
      'SELECT 2',
      'SELECT 3',
    ]);
  });

  it.each([
    ["SELECT 'a;b'; SELECT 2", ["SELECT 'a;b'", 'SELECT 2']],
    ["SELECT 'it''s; fine'; SELECT 2", ["SELECT 'it''s; fine'", 'SELECT 2']],
    ['SELECT "we;ird" FROM t; SELECT 2', ['SELECT "we;ird" FROM t', 'SELECT 2']],
    ['SELECT "a""; b"; SELECT 2', ['SELECT "a""; b"', 'SELECT 2']],
    ["SELECT E'a\\';b'; SELECT 2", ["SELECT E'a\\';b'", 'SELECT 2']],
    ["SELECT U&'d\\0061t;a'; SELECT 2", ["SELECT U&'d\\0061t;a'", 'SELECT 2']],
    ['DO $$ BEGIN PERFORM 1; END $$; SELECT 2', ['DO $$ BEGIN PERFORM 1; END $$', 'SELECT 2']],
    ['DO $fn$ a; $$ b; $fn$; SELECT 2', ['DO $fn$ a; $$ b; $fn$', 'SELECT 2']],
    ['SELECT 1 -- no; split\n; SELECT 2', ['SELECT 1', 'SELECT 2']],
    [
      'SELECT /* a; /* nested; */ still; */ 1; SELECT 2',
      ['SELECT /* a; /* nested; */ still; */ 1', 'SELECT 2'],
    ],
  ])('does not split inside quotes or comments: %s', (text, expected) => {
    expect(statements(text)).toEqual(expected);
  });

  it('ends a -- comment at a carriage return as PostgreSQL does (the lab server ran both as written)', () => {
    // `SELECT 1 AS a -- c\r, 2 AS b` answers a and b; with `; SELECT 2 AS b` after the \r, two results.
    expect(statements('SELECT 1 AS a -- c\r, 2 AS b')).toEqual(['SELECT 1 AS a -- c\r, 2 AS b']);
    expect(statements('SELECT 1 AS a -- c\r; SELECT 2 AS b')).toEqual(['SELECT 1 AS a', 'SELECT 2 AS b']);
    expect(kinds("SELECT -- c\r[#NAME#], '[#PW#]' -- d")).toEqual([
      'code:SELECT',
      'comment:-- c',
      'tag:[#NAME#]',
      'code:,',
      "string:'[#PW#]'",
      'comment:-- d',
    ]);
  });

  it('treats a backslash in a standard string as an ordinary character', () => {
    expect(statements("SELECT 'a\\'; SELECT 2")).toEqual(["SELECT 'a\\'", 'SELECT 2']);
  });

  it('does not open a dollar quote at $1 or inside a name with $', () => {
    expect(kinds('SELECT $1, a$b$ FROM t')).toEqual([
      'code:SELECT',
      'code:$1,',
      'code:a$b$',
      'code:FROM',
      'code:t',
    ]);
  });

  it('opens a dollar quote or a prefixed string after a number, as PostgreSQL does, never inside a name', () => {
    // The lab's server (15) reads $$[#T#]$$ whole after 12 and after $1 (a syntax error at it) and
    // refuses 3E as trailing junk; before 15 that is 3 and an E'…' string. a1$$b$$ is a column
    // name to it, x2E a type name.
    expect(kinds("SELECT 12$$[#T#]$$, 3E'[#T#]', $1$$[#T#]$$")).toEqual([
      'code:SELECT',
      'code:12',
      'opaque:$$[#T#]$$',
      'code:,',
      'code:3',
      "opaque:E'[#T#]'",
      'code:,',
      'code:$1',
      'opaque:$$[#T#]$$',
    ]);
    expect(kinds("SELECT a1$$b$$, x2E'y'")).toEqual([
      'code:SELECT',
      'code:a1$$b$$,',
      'code:x2E',
      "string:'y'",
    ]);
  });

  it('reads a long number once (each digit once asked whether it ended a name, over all before it)', () => {
    // 100,000 digits: quadratic, this took minutes; linear, milliseconds.
    expect(kinds(`SELECT ${'1'.repeat(100_000)}E'x'`).at(-1)).toBe("opaque:E'x'");
  });
});

describe('lexPostgres: contexts', () => {
  it('tells strings, identifiers, tags and opaque literals apart', () => {
    const text =
      "CREATE ROLE [#USERNAME#] \"[#USERNAME#]\" '[#NEW_PASSWORD#]' E'[#IP#]' $$[#IP#]$$ B'01' N'x' X'ff'";
    expect(kinds(text)).toEqual([
      'code:CREATE',
      'code:ROLE',
      'tag:[#USERNAME#]',
      'identifier:"[#USERNAME#]"',
      "string:'[#NEW_PASSWORD#]'",
      "opaque:E'[#IP#]'",
      'opaque:$$[#IP#]$$',
      "opaque:B'01'",
      "string:N'x'",
      "opaque:X'ff'",
    ]);
  });

  it('does not take a name ending in e before a quote for an E string', () => {
    expect(kinds("SELECT date'2020-01-01'")).toEqual(['code:SELECT', 'code:date', "string:'2020-01-01'"]);
  });

  it('reports what is left open, with its offset', () => {
    expect(lexPostgres("SELECT 'abc").problems).toEqual([
      { offset: 7, message: "Unterminated string: no closing '" },
    ]);
    expect(lexPostgres('SELECT "abc').problems[0]?.message).toBe(
      'Unterminated quoted identifier: no closing "',
    );
    expect(lexPostgres('SELECT $x$ abc').problems[0]?.message).toBe(
      'Unterminated dollar-quoted string: no closing $x$',
    );
    expect(lexPostgres('SELECT /* /* */').problems[0]?.message).toBe('Unterminated comment: no closing */');
  });
});
