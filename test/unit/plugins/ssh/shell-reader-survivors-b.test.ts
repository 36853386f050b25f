// The shell reader's surviving mutants, part b (issue 15: `npm run mutation -- --module "ssh shell
// reader"`): separators (; & | and their pairs), redirections, ( and ), and brace expansion.
// Each line below tells one mutant apart from the code by the placements the reader records; the
// mutants no input can tell apart are explained at the end of this file.

import { describe, expect, it } from 'vitest';
import { checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';
import { placements } from './support/reader-placements';

/** Each line, its tags' placements, and why the line is here (the mutants it kills). */
const table: readonly (readonly [string, string, string])[] = [
  // `|>x sh` is a pipe into `>x sh` (bash runs sh, its output to x), not the redirection &> is.
  ['printf %s § |>x sh', 'unquoted start quoted:pipedSh', '422:9 char === "&" → true'],
  // A ; skips nothing after it but a second ; or a &: here the tag starts the next command.
  ['echo a;§', 'unquoted start fresh quoted:notPlain', '433:9, 433:27 ||, 433:43 → true and !=='],
  ['echo a;§ x', 'unquoted start fresh quoted:notPlain', 'the same, the tag not last'],
  // ;& is one operator, so the & after it is not the first of a && that waits for a command on
  // (bash refuses `;&&` outside case; the reader reads on, and the tag still starts a command).
  [
    'echo a ;&& §',
    'unquoted start fresh all:caseClause quoted:notPlain',
    '433:27 → false, 433:27 ===→!==, 433:36 and 433:52 ""',
  ],
  // With extglob on (bash -O extglob, or bash-completion in an interactive shell), !(…) is a
  // pattern, not a ! before a subshell: the ( is read as one in the middle of a word.
  ['!(echo §)', 'unquoted start all:parenthesis', '481:11 → true'],
  // After $(…), the next character of the word follows an expansion.
  ['echo $(a)§', 'unquoted start quoted:before', '502:22 "other" → ""'],
  ['echo x $(a) §', 'unquoted start', 'the same, after a blank'],
  // {ab,c} and {a,bc} expand into two words each (bash: aab ac, aa abc).
  ['echo §{ab,c}', 'unquoted start quoted:braces', '515:20 [^}]* before the comma'],
  ['echo §{a,bc}', 'unquoted start quoted:braces', '515:20 [^}]* after the comma'],
];

describe('shell reader: survivors part b, where each tag lands', () => {
  it.each(table)('%s', (line, expected) => {
    expect(placements(line)).toBe(expected);
  });
});

// Found while reading 481:11 (cmd.words.length === 0 → true): bash reads `for ((…))` as the
// arithmetic loop wherever a command's name may go, after if, then, do, {, !, time… too
// (`while :; do for ((i=0;i<a;i++)); do :; done; break; done` with a='x[$(cmd)]' runs cmd). The
// reader took that for only as a command's first word: the ( after `do for` was one in the middle
// of a command, refused for quoted values only, so a user name landed in arithmetic.
describe('shell reader: for ((…)) after a keyword that leads into a command', () => {
  const loops: readonly (readonly [string, string])[] = [
    ['for ((§)); do :; done', 'arithmetic start all:arithmetic'],
    ['while :; do for ((i=0;i<§;i++)); do :; done; done', 'arithmetic start all:arithmetic'],
    ['if :; then for((i=0;i<§;i++)); do :; done; fi', 'arithmetic start all:arithmetic'],
    ['{ for ((i=0;i<§;i++)); do :; done; }', 'arithmetic start all:arithmetic'],
    ['! for ((§)); do :; done', 'arithmetic start all:arithmetic'],
    ['time for((§)); do :; done', 'arithmetic start all:arithmetic'],
    // A for that is not a command's name, or a word that is not for: bash refuses the ( (a syntax
    // error), the reader loses track.
    ['if :; then x for ((1)) §', 'unquoted start all:parenthesis'],
    ['if :; then x for((1)) §', 'unquoted start all:parenthesis'],
    ['while :; do x=1 for ((1)) §', 'unquoted start all:parenthesis'],
    ['while :; do for x ((1)) §', 'unquoted start all:parenthesis'],
    ['while :; do for x((1)) §', 'unquoted start all:parenthesis'],
    ['x ((1)) §', 'unquoted start all:parenthesis'],
    // No word before the ( at all: a ( … ) group.
    ['(echo §)', 'unquoted start'],
  ];

  it.each(loops)('%s', (line, expected) => {
    expect(placements(line)).toBe(expected);
  });

  it('a user name there is refused by the check', () => {
    expect(
      checkSshTemplate('exec "while :; do for ((i=0;i<[#USERNAME#];i++)); do :; done; break; done"'),
    ).toEqual([
      expect.objectContaining({
        line: 1,
        message: expect.stringContaining('arithmetic expression') as string,
      }),
    ]);
  });
});

/*
 * Equivalent mutants of shell-reader.ts in part b (issue 15): no input tells them apart from the
 * code. Positions are those of shell-reader.ts at this file's commit.
 *
 * - 415:20, 462:22, 470:20, 496:22, 505:22 StringLiteral ("" for 'start'): #before is only ever
 *   compared with 'other' (#tag), so '' reads as 'start' does.
 * - 418:11 ConditionalExpression (false): the second & or | of && or || in [[ … ]] is then read
 *   as a separator of its own, which finds no word to end, sets #before to 'start' again and
 *   returns at the same test: nothing else is skipped or changed.
 * - 429:31 StringLiteral ("" for 'pipe'): #endCommand only tests how === 'list'.
 * - 433:27 ConditionalExpression (true for char === ';'): the test is reached with ; or &, or with
 *   | only when a second | follows (line 421 returns otherwise). For &, next === '&' is
 *   next === char; for |, next === char already holds.
 * - 447:30 ConditionalExpression (true): a word with a tag holds the tag's marker in raw, so
 *   /^\d+$/ never matches it; the tags test only says so first.
 * - 468:12 ConditionalExpression (true): '<>&|-'.includes() of a tag ("[object Object]") or of
 *   undefined ("undefined") is false, as the typeof test gives.
 * - 481:38 ConditionalExpression (true; 481:64 before the for ((…)) fix above): a word with a
 *   tag holds its marker in raw, never 'for'.
 * - 481:11 ConditionalExpression (true for cmd.words.length === 0) and 483:70 OptionalChaining
 *   (cmd.words[0].text) were equivalent before that fix, which removed the code they mutate.
 * - 500:9 LogicalOperator (||), ConditionalExpression (true); 500:33 ConditionalExpression (true),
 *   EqualityOperator (>=): a ) reaches #parenthesis only through the frame on top of the stack;
 *   the one command frame whose closer is null is the outermost, never popped, so closer === ')'
 *   holds exactly when the stack holds more than one frame.
 */
