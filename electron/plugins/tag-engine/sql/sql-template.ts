import type { TagValues, TemplateProblem } from '../../plugin-runtime';
import { sortProblems, tagProblems } from '../check';
import { MASK } from '../mask';
import { LineIndex } from '../positions';
import { Refusal } from '../refusal';
import { isSecretTag, locateTags, tagText, type TagOccurrence } from '../tags';
import { tagValue } from '../values';
import { splitStatements, type SqlStatement } from './statements';
import type { SqlLexer, SqlPlace, SqlToken } from './tokens';

/**
 * How a plugin writes a value in each SQL context. Each may refuse the value by throwing a Refusal
 * (its message says what is wrong, without the value; the template adds the tag and position).
 */
export interface SqlValueRules {
  /** The content for inside a string literal delimited by `quote`. */
  inString(value: string, quote: string, place: SqlPlace): string;
  /** The content for inside a quoted identifier delimited by `quote`. */
  inIdentifier(value: string, quote: string, place: SqlPlace): string;
  /** A whole identifier for a bare tag, quotes included. */
  bare(value: string): string;
}

/** A value placed in a string literal: plugins look at these to pick the session's escaping. */
export interface StringPlacement {
  readonly value: string;
  readonly quote: string;
}

/**
 * A SQL template, tokenized once: its problems for the editor, its statements, and each
 * statement's text with the tag values written in the context the tokenizer found them in.
 * Values are written into the template's own tokens; they are never tokenized themselves.
 */
export class SqlTemplate {
  readonly problems: readonly TemplateProblem[];
  readonly statements: readonly SqlStatement[];
  private readonly lines: LineIndex;

  constructor(
    readonly text: string,
    lex: SqlLexer,
  ) {
    this.lines = new LineIndex(text);
    const lexed = lex(text);
    this.statements = splitStatements(lexed.tokens);
    const problems: TemplateProblem[] = [
      ...tagProblems(text),
      ...lexed.problems.map((p) => ({ ...this.lines.position(p.offset), message: p.message })),
      ...lexed.tokens.flatMap((token) => this.tagsWhereRefused(token)),
    ];
    if (this.statements.length === 0 && lexed.problems.length === 0) {
      problems.push({ line: 1, column: 1, message: 'The template has no SQL statement' });
    }
    this.problems = sortProblems(problems);
  }

  lineOf(statement: SqlStatement): number {
    return this.lines.line(statement.start);
  }

  /**
   * The statement's text with every tag replaced. `display` writes secret values as `******` (for
   * step logs); otherwise the text is what is sent. Throws a Refusal for a value a rule refuses.
   */
  render(statement: SqlStatement, tags: TagValues, rules: SqlValueRules, display = false): string {
    let out = '';
    for (const token of statement.tokens) {
      switch (token.kind) {
        case 'tag': {
          const [tag] = locateTags(this.text, token.start, token.end);
          if (tag === undefined) throw new Error('a tag token without a tag');
          out += this.substitute(tag, tags, display, (value) => rules.bare(value));
          break;
        }
        case 'string':
        case 'identifier': {
          const quote = token.quote ?? "'";
          const place = token.place ?? 'literal';
          const write =
            token.kind === 'string'
              ? (value: string) => rules.inString(value, quote, place)
              : (value: string) => rules.inIdentifier(value, quote, place);
          out += this.spliceTags(token, tags, display, write);
          break;
        }
        case 'comment':
        case 'opaque': {
          const [first] = this.tagsWhereRefused(token);
          if (first !== undefined) throw new Refusal(first.message, first.line, first.column);
          out += this.text.slice(token.start, token.end);
          break;
        }
        default:
          out += this.text.slice(token.start, token.end);
      }
    }
    return out;
  }

  /** Every value the statement places inside a string literal (after the rules would accept it). */
  stringPlacements(statement: SqlStatement, tags: TagValues): StringPlacement[] {
    return statement.tokens.flatMap((token) =>
      token.kind === 'string'
        ? locateTags(this.text, token.start, token.end).map((tag) => ({
            value: tagValue(tags, tag, this.lines.position(tag.start)),
            quote: token.quote ?? "'",
          }))
        : [],
    );
  }

  /** Throws the first Refusal: a template problem, a missing value, or a value a rule refuses. */
  validate(tags: TagValues, rules: SqlValueRules): void {
    const [problem] = this.problems;
    if (problem !== undefined) throw new Refusal(problem.message, problem.line, problem.column);
    for (const statement of this.statements) this.render(statement, tags, rules);
  }

  private spliceTags(
    token: SqlToken,
    tags: TagValues,
    display: boolean,
    write: (value: string) => string,
  ): string {
    let out = '';
    let at = token.start;
    for (const tag of locateTags(this.text, token.start, token.end)) {
      out += this.text.slice(at, tag.start) + this.substitute(tag, tags, display, write);
      at = tag.end;
    }
    return out + this.text.slice(at, token.end);
  }

  private substitute(
    tag: TagOccurrence,
    tags: TagValues,
    display: boolean,
    write: (value: string) => string,
  ): string {
    const position = this.lines.position(tag.start);
    const value = tagValue(tags, tag, position);
    if (display && isSecretTag(tag.name, tags)) return MASK;
    try {
      return write(value);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      throw new Refusal(`The value of ${tagText(tag.name)} ${error.message}`, position.line, position.column);
    }
  }

  private tagsWhereRefused(token: SqlToken): TemplateProblem[] {
    if (token.kind !== 'comment' && token.kind !== 'opaque') return [];
    return locateTags(this.text, token.start, token.end).map((tag) => ({
      ...this.lines.position(tag.start),
      message: `${tagText(tag.name)} is inside ${token.label ?? 'a comment'}: tags are not substituted there`,
    }));
  }
}
