import { describe, expect, it } from 'vitest';
import { postgresqlPlugin } from '../../../../electron/plugins/postgresql';
import {
  assumedSession,
  pgValueRules,
  type PgSessionState,
} from '../../../../electron/plugins/postgresql/escape';
import { lexPostgres } from '../../../../electron/plugins/postgresql/sql-lexer';
import { Refusal } from '../../../../electron/plugins/tag-engine';
import { SqlTemplate, type SqlValueRules } from '../../../../electron/plugins/tag-engine/sql';
import { hostileValues } from '../../../support/hostile-values';

function render(
  template: string,
  value: string,
  rules: SqlValueRules = pgValueRules(assumedSession),
): string {
  const parsed = new SqlTemplate(template, lexPostgres);
  expect(parsed.problems).toEqual([]);
  const [statement] = parsed.statements;
  if (statement === undefined) throw new Error('no statement');
  return parsed.render(statement, { USERNAME: value }, rules);
}

/** Renders, or returns the Refusal's message. */
function renderOrRefusal(template: string, value: string): { text: string } | { refused: string } {
  try {
    return { text: render(template, value) };
  } catch (error) {
    if (error instanceof Refusal) return { refused: error.message };
    throw error;
  }
}

/** Lexes the rendered statement again: the value must still be one token of the same kind. */
function reLex(text: string): { kind: string; text: string }[] {
  const lexed = lexPostgres(text);
  expect(lexed.problems).toEqual([]);
  return lexed.tokens
    .filter((t) => t.kind !== 'space')
    .map((t) => ({ kind: t.kind, text: text.slice(t.start, t.end) }));
}

describe('PostgreSQL escaping by context', () => {
  it("'…': doubles the quote", () => {
    expect(render("SELECT '[#USERNAME#]'", "o'brien")).toBe("SELECT 'o''brien'");
  });

  it("'…': leaves a backslash alone with standard_conforming_strings on", () => {
    expect(render("SELECT '[#USERNAME#]'", 'a\\b')).toBe("SELECT 'a\\b'");
  });

  it("'…': doubles a backslash when the session has standard_conforming_strings off (UTF8)", () => {
    const off: PgSessionState = { standardConformingStrings: false, clientEncoding: 'UTF8' };
    expect(render("SELECT '[#USERNAME#]'", "a\\'b", pgValueRules(off))).toBe("SELECT 'a\\\\''b'");
  });

  it("'…': refuses a backslash when the session's string mode is unknown or the encoding is not UTF8", () => {
    const unknown: PgSessionState = { standardConformingStrings: null, clientEncoding: null };
    const sjis: PgSessionState = { standardConformingStrings: false, clientEncoding: 'SJIS' };
    expect(() => render("SELECT '[#USERNAME#]'", 'a\\b', pgValueRules(unknown))).toThrow(/backslash/);
    expect(() => render("SELECT '[#USERNAME#]'", 'a\\b', pgValueRules(sjis))).toThrow(/backslash/);
    // Without a backslash, doubling the quote is right in every mode.
    expect(render("SELECT '[#USERNAME#]'", "o'b", pgValueRules(unknown))).toBe("SELECT 'o''b'");
  });

  it('"…": doubles the quote; refuses empty and over 63 bytes', () => {
    expect(render('CREATE ROLE "[#USERNAME#]"', 'a"b')).toBe('CREATE ROLE "a""b"');
    expect(render('CREATE ROLE "[#USERNAME#]"', 'é'.repeat(31))).toBe(`CREATE ROLE "${'é'.repeat(31)}"`);
    expect(() => render('CREATE ROLE "[#USERNAME#]"', 'é'.repeat(32))).toThrow(/longer than 63 bytes/);
    expect(() => render('CREATE ROLE "x[#USERNAME#]"', ' ')).not.toThrow();
  });

  it('bare: a plain name, written quoted (case kept, keywords neutralised)', () => {
    expect(render('ALTER ROLE [#USERNAME#] NOLOGIN', 'Bob_1')).toBe('ALTER ROLE "Bob_1" NOLOGIN');
    expect(render('ALTER ROLE [#USERNAME#] NOLOGIN', 'current_user')).toBe(
      'ALTER ROLE "current_user" NOLOGIN',
    );
    for (const value of ['1abc', 'a-b', 'a b', 'a'.repeat(64), 'Ünï', 'a;b']) {
      expect(() => render('ALTER ROLE [#USERNAME#] NOLOGIN', value)).toThrow(/not a plain name/);
    }
  });

  it('names the tag and line in a refusal, never the value', () => {
    let error: unknown;
    try {
      render('SELECT 1,\n  "[#USERNAME#]"', 'x'.repeat(100));
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ line: 2, column: 4 });
    expect((error as Error).message).toMatch(/^The value of \[#USERNAME#\] is longer/);
    expect((error as Error).message).not.toContain('xxxx');
  });

  it('check() refuses tags in comments, E strings, U& strings, bit strings and dollar quotes', () => {
    const template = [
      "SELECT E'[#USERNAME#]';",
      "SELECT U&'[#USERNAME#]';",
      "SELECT B'[#USERNAME#]';",
      'DO $$ [#USERNAME#] $$;',
      '-- [#USERNAME#]',
      '/* [#USERNAME#] */ SELECT 1;',
    ].join('\n');
    expect(postgresqlPlugin.check(template).map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      "1:10 [#USERNAME#] is inside an E'…' string: tags are not substituted there",
      "2:11 [#USERNAME#] is inside a U&'…' literal: tags are not substituted there",
      '3:10 [#USERNAME#] is inside a bit-string literal: tags are not substituted there',
      '4:7 [#USERNAME#] is inside a dollar-quoted string: tags are not substituted there',
      '5:4 [#USERNAME#] is inside a comment: tags are not substituted there',
      '6:4 [#USERNAME#] is inside a comment: tags are not substituted there',
    ]);
  });

  it('check() reports malformed tags, unterminated quotes and empty templates', () => {
    expect(postgresqlPlugin.check("SELECT '[#nope#]';\nSELECT 'x")).toEqual([
      { line: 1, column: 9, message: 'Malformed tag [#nope#]: write [#NAME#] in upper case' },
      { line: 2, column: 8, message: "Unterminated string: no closing '" },
    ]);
    expect(postgresqlPlugin.check('-- nothing\n ; ')).toEqual([
      { line: 1, column: 1, message: 'The template has no SQL statement' },
    ]);
  });
});

describe('PostgreSQL: the hostile corpus cannot leave its token', () => {
  for (const hostile of hostileValues) {
    it(`${hostile.name}: ${hostile.reason}`, () => {
      const literal = renderOrRefusal("SELECT '[#USERNAME#]'", hostile.value);
      if ('text' in literal) {
        const tokens = reLex(literal.text);
        expect(tokens.map((t) => t.kind)).toEqual(['code', 'string']);
        expect(tokens[1]?.text.slice(1, -1).replaceAll("''", "'")).toBe(hostile.value);
      } else {
        expect(literal.refused).toMatch(/NUL|empty/);
      }

      const identifier = renderOrRefusal('DROP ROLE "[#USERNAME#]"', hostile.value);
      if ('text' in identifier) {
        const tokens = reLex(identifier.text);
        expect(tokens.map((t) => t.kind)).toEqual(['code', 'code', 'identifier']);
        expect(tokens[2]?.text.slice(1, -1).replaceAll('""', '"')).toBe(hostile.value);
      } else {
        expect(identifier.refused).toMatch(/NUL|empty|longer than 63 bytes/);
      }

      const bare = renderOrRefusal('DROP ROLE [#USERNAME#]', hostile.value);
      if ('text' in bare) expect(bare.text).toBe(`DROP ROLE "${hostile.value}"`);
      else expect(bare.refused).toMatch(/NUL|empty|not a plain name/);
    });
  }
});
