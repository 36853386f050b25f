import { describe, expect, it } from 'vitest';
import { lexMysql } from '../../../../electron/plugins/mysql/sql-lexer';
import { splitStatements } from '../../../../electron/plugins/tag-engine/sql';

function statements(text: string): string[] {
  return splitStatements(lexMysql(text).tokens).map((s) => text.slice(s.start, s.end));
}

function kinds(text: string): string[] {
  return lexMysql(text)
    .tokens.filter((t) => t.kind !== 'space')
    .map((t) => `${t.kind}${t.place === 'account' ? '@' : ''}:${text.slice(t.start, t.end)}`);
}

describe('lexMysql: where statements end', () => {
  it.each([
    ["SELECT 'a;b'; SELECT 2", ["SELECT 'a;b'", 'SELECT 2']],
    ["SELECT 'a\\';b'; SELECT 2", ["SELECT 'a\\';b'", 'SELECT 2']],
    ["SELECT 'a'';b'; SELECT 2", ["SELECT 'a'';b'", 'SELECT 2']],
    ['SELECT "a;\\"b"; SELECT 2', ['SELECT "a;\\"b"', 'SELECT 2']],
    ['SELECT `a;``b`; SELECT 2', ['SELECT `a;``b`', 'SELECT 2']],
    ['SELECT 1 # no; split\n; SELECT 2', ['SELECT 1', 'SELECT 2']],
    ['SELECT 1 -- no; split\n; SELECT 2', ['SELECT 1', 'SELECT 2']],
    ['SELECT /* a; b */ 1; SELECT 2', ['SELECT /* a; b */ 1', 'SELECT 2']],
  ])('does not split inside quotes or comments: %s', (text, expected) => {
    expect(statements(text)).toEqual(expected);
  });

  it('takes "--" for a comment only before a space or the end', () => {
    expect(statements('SELECT 1--1; SELECT 2')).toEqual(['SELECT 1--1', 'SELECT 2']);
  });

  it('keeps an executable comment that opens a statement (the server runs it)', () => {
    expect(statements('/*!50000 SELECT 1 */; /* plain */ SELECT 2')).toEqual([
      '/*!50000 SELECT 1 */',
      'SELECT 2',
    ]);
  });

  it('does not nest block comments', () => {
    expect(statements('SELECT /* a /* b */ 1; SELECT 2')).toEqual(['SELECT /* a /* b */ 1', 'SELECT 2']);
  });
});

describe('lexMysql: contexts', () => {
  it("marks the quoted parts of 'user'@'host' as account names", () => {
    expect(kinds("CREATE USER '[#USERNAME#]'@'%' IDENTIFIED BY '[#NEW_PASSWORD#]'")).toEqual([
      'code:CREATE',
      'code:USER',
      "string@:'[#USERNAME#]'",
      'code:@',
      "string@:'%'",
      'code:IDENTIFIED',
      'code:BY',
      "string:'[#NEW_PASSWORD#]'",
    ]);
    expect(kinds('DROP USER `a` @ "b"')).toEqual([
      'code:DROP',
      'code:USER',
      'identifier@:`a`',
      'code:@',
      'string@:"b"',
    ]);
  });

  it('tells tags in code from a # comment, and hex/bit literals from strings', () => {
    expect(kinds("SELECT [#USERNAME#], X'ff', b'01', N'x' # [#IP#]")).toEqual([
      'code:SELECT',
      'tag:[#USERNAME#]',
      'code:,',
      "opaque:X'ff'",
      'code:,',
      "opaque:b'01'",
      'code:,',
      'code:N',
      "string:'x'",
      'comment:# [#IP#]',
    ]);
  });

  it('reports what is left open', () => {
    expect(lexMysql("SELECT 'abc\\'").problems).toEqual([
      { offset: 7, message: "Unterminated string: no closing '" },
    ]);
    expect(lexMysql('SELECT `abc').problems[0]?.message).toBe('Unterminated quoted identifier: no closing `');
    expect(lexMysql('SELECT /* abc').problems[0]?.message).toBe('Unterminated comment: no closing */');
  });
});
