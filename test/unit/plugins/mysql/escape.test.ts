import { describe, expect, it } from 'vitest';
import { mysqlPlugin } from '../../../../electron/plugins/mysql';
import { assumedSession, mysqlValueRules } from '../../../../electron/plugins/mysql/escape';
import { lexMysql } from '../../../../electron/plugins/mysql/sql-lexer';
import { Refusal } from '../../../../electron/plugins/tag-engine';
import { SqlTemplate, type SqlValueRules } from '../../../../electron/plugins/tag-engine/sql';
import { hostileValues } from '../../../support/hostile-values';

const defaults = mysqlValueRules(assumedSession);

function render(template: string, value: string, rules: SqlValueRules = defaults): string {
  const parsed = new SqlTemplate(template, lexMysql);
  expect(parsed.problems).toEqual([]);
  const [statement] = parsed.statements;
  if (statement === undefined) throw new Error('no statement');
  return parsed.render(statement, { USERNAME: value }, rules);
}

function renderOrRefusal(template: string, value: string): { text: string } | { refused: string } {
  try {
    return { text: render(template, value) };
  } catch (error) {
    if (error instanceof Refusal) return { refused: error.message };
    throw error;
  }
}

/** What the server reads in a '…' literal in the default sql_mode. */
function unescapeString(token: string): string {
  const quote = token[0] ?? "'";
  const body = token.slice(1, -1);
  const named: Record<string, string> = { '0': '\u0000', n: '\n', r: '\r', t: '\t', b: '\b', Z: '\u001a' };
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const char = body[i] ?? '';
    if (char === '\\') {
      const next = body[i + 1] ?? '';
      out += named[next] ?? next;
      i++;
    } else if (char === quote && body[i + 1] === quote) {
      out += quote;
      i++;
    } else {
      out += char;
    }
  }
  return out;
}

function reLex(text: string): { kind: string; text: string }[] {
  const lexed = lexMysql(text);
  expect(lexed.problems).toEqual([]);
  return lexed.tokens
    .filter((t) => t.kind !== 'space')
    .map((t) => ({ kind: t.kind, text: text.slice(t.start, t.end) }));
}

describe('MySQL escaping by context', () => {
  it('\'…\' and "…": doubles the quote and the backslash', () => {
    expect(render("SELECT '[#USERNAME#]'", 'a\'b\\c"d')).toBe("SELECT 'a''b\\\\c\"d'");
    expect(render('SELECT "[#USERNAME#]"', 'a\'b\\c"d')).toBe('SELECT "a\'b\\\\c""d"');
  });

  it('leaves the backslash alone under NO_BACKSLASH_ESCAPES (quote doubling works in both modes)', () => {
    const rules = mysqlValueRules({ backslashEscapes: false, charset: 'utf8mb4' });
    expect(render("SELECT '[#USERNAME#]'", "a\\'b", rules)).toBe("SELECT 'a\\''b'");
  });

  it('refuses a backslash when the client character set could swallow it (GBK, SJIS, …)', () => {
    const gbk = mysqlValueRules({ backslashEscapes: true, charset: 'gbk' });
    expect(() => render("SELECT '[#USERNAME#]'", 'a\\b', gbk)).toThrow(/character set gbk/);
    expect(render("SELECT '[#USERNAME#]'", "a'b", gbk)).toBe("SELECT 'a''b'");
  });

  it("account names: refuses a trailing space, which MySQL would drop ('root ' is root)", () => {
    expect(() => render("DROP USER '[#USERNAME#]'@'%'", 'labadmin ')).toThrow(/ends with a space/);
    expect(() => render("DROP USER 'x'@'[#USERNAME#]'", '% ')).toThrow(/ends with a space/);
    expect(render("DROP USER '[#USERNAME#]'@'%'", ' a')).toBe("DROP USER ' a'@'%'");
    // Elsewhere a trailing space is part of the value (a password may end with one).
    expect(render("ALTER USER 'a'@'%' IDENTIFIED BY '[#USERNAME#]'", 'pw ')).toBe(
      "ALTER USER 'a'@'%' IDENTIFIED BY 'pw '",
    );
  });

  it("account names: refuses a 4-byte character, which MariaDB stores as '?' ('a😀b' is 'a?b')", () => {
    expect(() => render("DROP USER '[#USERNAME#]'@'%'", 'a😀b')).toThrow(/4-byte character/);
    expect(render("DROP USER '[#USERNAME#]'@'%'", 'Ünïcødé')).toBe("DROP USER 'Ünïcødé'@'%'");
  });

  it('`…`: doubles the backtick; refuses over 64 characters and 4-byte characters', () => {
    expect(render('USE `[#USERNAME#]`', 'a`b\\')).toBe('USE `a``b\\`');
    expect(render('USE `[#USERNAME#]`', 'é'.repeat(64))).toBe(`USE \`${'é'.repeat(64)}\``);
    expect(() => render('USE `[#USERNAME#]`', 'x'.repeat(65))).toThrow(/longer than 64 characters/);
    expect(() => render('USE `[#USERNAME#]`', 'a😀')).toThrow(/4-byte character/);
  });

  it('bare: a plain name, written as `name`', () => {
    expect(render('USE [#USERNAME#]', 'shop_1')).toBe('USE `shop_1`');
    for (const value of ['1x', 'a-b', 'a`b', 'x'.repeat(65)]) {
      expect(() => render('USE [#USERNAME#]', value)).toThrow(/not a plain name/);
    }
  });

  it('check() refuses tags in comments, executable comments and hex/bit literals', () => {
    const template =
      "SELECT 1 # [#USERNAME#]\n;SELECT /*! [#USERNAME#] */ 1;\nSELECT X'[#USERNAME#]';\n-- [#USERNAME#]";
    expect(mysqlPlugin.check(template).map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      '1:12 [#USERNAME#] is inside a comment: tags are not substituted there',
      '2:13 [#USERNAME#] is inside an executable comment: tags are not substituted there',
      '3:10 [#USERNAME#] is inside a hex or bit literal: tags are not substituted there',
      '4:4 [#USERNAME#] is inside a comment: tags are not substituted there',
    ]);
  });
});

describe('MySQL: the hostile corpus cannot leave its token', () => {
  for (const hostile of hostileValues) {
    it(`${hostile.name}: ${hostile.reason}`, () => {
      for (const quote of ["'", '"']) {
        const literal = renderOrRefusal(`SELECT ${quote}[#USERNAME#]${quote}`, hostile.value);
        if ('text' in literal) {
          const tokens = reLex(literal.text);
          expect(tokens.map((t) => t.kind)).toEqual(['code', 'string']);
          expect(unescapeString(tokens[1]?.text ?? '')).toBe(hostile.value);
        } else {
          expect(literal.refused).toMatch(/NUL|empty/);
        }
      }

      const account = renderOrRefusal("DROP USER '[#USERNAME#]'@'%'", hostile.value);
      if ('text' in account) {
        const tokens = reLex(account.text);
        expect(tokens.map((t) => t.kind)).toEqual(['code', 'code', 'string', 'code', 'string']);
        expect(unescapeString(tokens[2]?.text ?? '')).toBe(hostile.value);
      } else {
        expect(account.refused).toMatch(/NUL|empty|ends with a space|4-byte/);
      }

      const identifier = renderOrRefusal('USE `[#USERNAME#]`', hostile.value);
      if ('text' in identifier) {
        const tokens = reLex(identifier.text);
        expect(tokens.map((t) => t.kind)).toEqual(['code', 'identifier']);
        expect(tokens[1]?.text.slice(1, -1).replaceAll('``', '`')).toBe(hostile.value);
      } else {
        expect(identifier.refused).toMatch(/NUL|empty|longer than 64|4-byte/);
      }
    });
  }
});
