/**
 * SqlTemplate (electron/plugins/tag-engine/sql/sql-template.ts) apart from any plugin's escaping,
 * cases found by `npm run mutation`: which context each tag is written in, the masked display,
 * refusals inside comments and opaque text, what a rule's own bug becomes, and the defaults for a
 * token a lexer leaves without quote, place or label.
 *
 * Equivalent mutants, which no test can tell apart:
 * - sql-template.ts:72 `if (tag === undefined) throw new Error('a tag token without a tag')`, its
 *   condition and its message: never taken, as a lexer makes a tag token of exactly one
 *   `[#NAME#]`, so locateTags always finds it.
 */
import { describe, expect, it } from 'vitest';
import { lexPostgres } from '../../../../electron/plugins/postgresql/sql-lexer';
import { Refusal } from '../../../../electron/plugins/tag-engine';
import { SqlTemplate, type SqlValueRules } from '../../../../electron/plugins/tag-engine/sql';
import type { SqlLexer, SqlToken } from '../../../../electron/plugins/tag-engine/sql/tokens';

/** Rules that write what they were asked, so each call's context shows in the text. */
const calls: string[] = [];
const recording: SqlValueRules = {
  inString: (value, quote, place) => (calls.push(`string ${quote} ${place}`), `S(${value})`),
  inIdentifier: (value, quote, place) => (calls.push(`identifier ${quote} ${place}`), `I(${value})`),
  bare: (value) => (calls.push('bare'), `B(${value})`),
};
const tags = { USERNAME: 'bob', NEW_PASSWORD: 'pw-1' };

function only(template: SqlTemplate) {
  const [statement, ...more] = template.statements;
  if (statement === undefined || more.length > 0) throw new Error('one statement expected');
  return statement;
}

describe('SqlTemplate', () => {
  it('writes each tag in its context, keeps the text around it, and masks secrets only for display', () => {
    calls.length = 0;
    const template = new SqlTemplate(
      `ALTER ROLE [#USERNAME#] PASSWORD 'x[#NEW_PASSWORD#]y' -- note\n  IN "[#USERNAME#]"`,
      lexPostgres,
    );
    expect(template.problems).toEqual([]);
    const statement = only(template);
    expect(template.render(statement, tags, recording)).toBe(
      `ALTER ROLE B(bob) PASSWORD 'xS(pw-1)y' -- note\n  IN "I(bob)"`,
    );
    expect(calls).toEqual(['bare', "string ' literal", 'identifier " literal']);
    expect(template.render(statement, tags, recording, true)).toBe(
      `ALTER ROLE B(bob) PASSWORD 'x******y' -- note\n  IN "I(bob)"`,
    );
    expect(template.lineOf(statement)).toBe(1);
  });

  it('gives the line of each statement and the values placed in string literals', () => {
    const template = new SqlTemplate(
      `SELECT 1;\n\n-- two\nSELECT '[#USERNAME#]', "[#NEW_PASSWORD#]", E'\\n'`,
      lexPostgres,
    );
    const [first, second] = template.statements;
    if (!first || !second) throw new Error('two statements expected');
    expect([template.lineOf(first), template.lineOf(second)]).toEqual([1, 4]);
    expect(template.stringPlacements(first, tags)).toEqual([]);
    expect(template.stringPlacements(second, tags)).toEqual([{ value: 'bob', quote: "'" }]);
  });

  it('refuses at render a tag inside a comment or opaque text, at its place', () => {
    const template = new SqlTemplate(`SELECT 1 /* [#USERNAME#] */ + $$ x $$`, lexPostgres);
    expect(template.problems).toHaveLength(1);
    expect(() => template.render(only(template), tags, recording)).toThrow(
      new Refusal('[#USERNAME#] is inside a comment: tags are not substituted there', 1, 13),
    );
    const opaque = new SqlTemplate(`SELECT $$ [#USERNAME#] $$ /* c */`, lexPostgres);
    expect(() => opaque.render(only(opaque), tags, recording)).toThrow(
      '[#USERNAME#] is inside a dollar-quoted string: tags are not substituted there',
    );
    const plain = new SqlTemplate(`SELECT $$ x $$ /* c */ + 1`, lexPostgres);
    expect(plain.render(only(plain), tags, recording)).toBe(`SELECT $$ x $$ /* c */ + 1`);
  });

  it("adds the tag and position to a rule's refusal, and lets a rule's own bug through as it is", () => {
    const template = new SqlTemplate(`SELECT\n  '[#USERNAME#]'`, lexPostgres);
    const refusing = {
      ...recording,
      inString: () => {
        throw new Refusal('is not good');
      },
    };
    expect(() => template.render(only(template), tags, refusing)).toThrow(
      new Refusal('The value of [#USERNAME#] is not good', 2, 4),
    );
    const buggy = {
      ...recording,
      inString: () => {
        throw new TypeError('a bug');
      },
    };
    expect(() => template.render(only(template), tags, buggy)).toThrow(new TypeError('a bug'));
  });

  it('a template with statements has no "no statement" problem; one of only comments has it', () => {
    expect(new SqlTemplate('SELECT 1', lexPostgres).problems).toEqual([]);
    expect(new SqlTemplate('-- only a note', lexPostgres).problems).toEqual([
      { line: 1, column: 1, message: 'The template has no SQL statement' },
    ]);
    // An unterminated comment leaves no statement either: it is the problem to show, alone.
    expect(new SqlTemplate('/* a note', lexPostgres).problems.map((p) => p.message)).toEqual([
      'Unterminated comment: no closing */',
    ]);
  });

  it("validate refuses the template's first problem, then any statement's value, and passes a good one", () => {
    calls.length = 0;
    const good = new SqlTemplate(`SELECT '[#USERNAME#]';\nSELECT "[#USERNAME#]"`, lexPostgres);
    expect(() => good.validate(tags, recording)).not.toThrow();
    // Every statement is rendered, not only the first.
    expect(calls).toEqual(["string ' literal", 'identifier " literal']);
    const problem = new SqlTemplate(`SELECT 1;\n  -- [#USERNAME#] here`, lexPostgres);
    expect(() => problem.validate(tags, recording)).toThrow(
      new Refusal('[#USERNAME#] is inside a comment: tags are not substituted there', 2, 6),
    );
    const refusing = {
      ...recording,
      inIdentifier: () => {
        throw new Refusal('is not good');
      },
    };
    expect(() => good.validate(tags, refusing)).toThrow(
      new Refusal('The value of [#USERNAME#] is not good', 2, 9),
    );
  });

  it("reads a lexer's token without quote, place or label as a '…' literal or a comment", () => {
    const text = `S '[#USERNAME#]' "[#USERNAME#]" /*[#USERNAME#]*/`;
    const tokens: SqlToken[] = [
      { kind: 'code', start: 0, end: 2 },
      { kind: 'string', start: 2, end: 16 },
      { kind: 'space', start: 16, end: 17 },
      { kind: 'identifier', start: 17, end: 31 },
      { kind: 'space', start: 31, end: 32 },
      { kind: 'code', start: 32, end: 48 },
    ];
    const lex: SqlLexer = () => ({ tokens, problems: [] });
    calls.length = 0;
    const template = new SqlTemplate(text, lex);
    expect(template.render(only(template), tags, recording)).toBe(`S 'S(bob)' "I(bob)" /*[#USERNAME#]*/`);
    expect(calls).toEqual(["string ' literal", "identifier ' literal"]);
    expect(template.stringPlacements(only(template), tags)).toEqual([{ value: 'bob', quote: "'" }]);
    const comment = new SqlTemplate(text, () => ({
      tokens: [
        { kind: 'code', start: 0, end: 1 },
        { kind: 'comment', start: 32, end: 48 },
      ],
      problems: [],
    }));
    expect(comment.problems.map((p) => p.message)).toEqual([
      '[#USERNAME#] is inside a comment: tags are not substituted there',
    ]);
  });
});
