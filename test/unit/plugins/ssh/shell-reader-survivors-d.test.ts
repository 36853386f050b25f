// The shell reader's surviving mutants of issue 15 (`npm run mutation`, module "ssh shell reader"),
// list a of the second run: backticks (their end, their backslashes, their text read again), a \ and
// a line end inside ${…} and arithmetic, blanks, `for NAME` at a line end, and {name}> redirections.
// Each line below tells the mutants named beside it (positions in shell-reader.ts at this file's
// commit) apart from the code, by each tag's exact placement; the mutants no input can tell apart
// are explained at the end of this file.

import { describe, expect, it } from 'vitest';
import { placements } from './support/reader-placements';

/** Each line (§ a tag), its tags' placements, and the mutants it kills. */
const table: readonly (readonly [string, string, string])[] = [
  // Backticks left open at the end are read again as commands all the same (eval runs its
  // arguments), and the tag starts the word inside them even when the outer word began before.
  ['echo `eval §', 'backticks start all:evalArgs quoted:backticks', '89:16 → false, 89:32 ""'],
  ['echo a`§', 'backticks start quoted:backticks', 'the same; 346:52 (text not empty)'],
  // Their text starts empty: a closed pair is read the same way.
  ['echo `eval §`', 'backticks start all:evalArgs quoted:backticks', '346:52 ["Stryker was here"]'],
  ['echo a`§`', 'backticks start quoted:backticks', '346:52'],
  // In ${…} and arithmetic, a \ and a line end after ( join the lines into a token (#continuation).
  ['echo ${a:-(\\\n§}', 'expansion start all:continuation', '291:11 → false, 291:28 ""'],
  ['echo $(( (\\\n§ ) ))', 'arithmetic start all:continuation', 'the same, in arithmetic'],
  // In backticks, bash removes a \ and a line end (`$\⏎x` is $x inside). The mutant 309:24 (#at--)
  // reads the same \ forever: a timeout, which the mutation run counts as killed.
  ['echo `$\\\n§`', 'backticks start all:dollar quoted:backticks', '309:9 → false, 309:18 "", 309:24'],
  // Within "…", bash removes the \ of \" inside backticks (echo "`echo \"'$((1+1))'\"`" prints '2');
  // outside, it keeps it (echo `echo \"'$((1+1))'\"` prints "$((1+1))"). It keeps the \ of \'
  // in both (echo "`echo \'$((1+1))`" prints '2).
  [
    'echo "`\\"\'$((§\'\\"`"',
    'backticks start all:arithmetic quoted:backticks',
    '251:54 false, 310:69 → false, 310:69 !==, 310:78 ""',
  ],
  [
    'echo "`\\\'$((§`"',
    'backticks start all:arithmetic quoted:backticks',
    '310:14 ||, 310:43 → true, 310:69 → true, 310:69 !==, 310:69 ||',
  ],
  ["echo `\\'$((§`", 'backticks start all:arithmetic quoted:backticks', '310:14 ||, 310:43 → true'],
  [
    'echo `\\"\'$((§\'\\"`',
    'backticks start quoted:backticks',
    '310:14 ||, 310:43 → true, 310:69 ||, 470:27 true',
  ],
  // In arithmetic, the reader takes the $ of $"…" for a literal $ (#dollar(true)), not a $"…"
  // string: the word then holds a literal character, so the tag after it does not start the word
  // (nor could a value's -: $((…)) gives at least one digit).
  ['echo $(( $"" ))§', 'unquoted quoted:before', '278:35 false'],
  // A tab ends a word as a blank does, and is skipped before a for loop's `in`.
  ['echo\t§', 'unquoted start', '427:25 → false, 427:34 ""'],
  // NAME[ opens a subscript only when the whole word so far is a name: a.b[…]=1 is a command.
  ['a.b[§]=1 x', 'unquoted quoted:before', '489:7 (no $)'],
  // `for NAME` at a line end: the next word, past blanks, tabs and line ends, is in or do (bash -n
  // takes each of these lines).
  ['for x\nin §; do :; done', 'unquoted start quoted:loopList', '501:13 -, 502:65 !==, 503:31 -'],
  ['for x\ndo echo §; done', 'unquoted start', 'the same, with do'],
  [
    'for x\n in §; do :; done',
    'unquoted start quoted:loopList',
    '502:12 (→ false, !==, && ×2, the blank "" at 502:31), 502:90 k--',
  ],
  [
    'for x\n\tin §; do :; done',
    'unquoted start quoted:loopList',
    '502:38 → false, 502:57 "", 427:25 → false',
  ],
  ['for x\n\nin §; do :; done', 'unquoted start quoted:loopList', '502:65 → false, 502:84 ""'],
  // {name}> and {a[i]}>: only a whole word of that form names a descriptor's variable (bash writes
  // `echo x{a}>f` and `echo {a}x>f` as the words x{a} and {a}x), and a subscript may be long.
  ['echo §{a}>f', 'unquoted start', '548:26 (no ^)'],
  ['echo {a}§>f', 'unquoted quoted:before', '548:26 (no $)'],
  ['echo {a[§1]}>f', 'unquoted all:descriptorName quoted:before', '548:26 ([.] for [.*])'],
  ['echo {a[1§]}>f', 'unquoted all:descriptorName', 'the same'],
];

describe('shell reader survivors (part d): where each tag of a typed line lands', () => {
  it.each(table)('%s', (line, expected) => {
    expect(placements(line)).toBe(expected);
  });
});

/*
 * Equivalent mutants of shell-reader.ts in part d (issue 15): no input tells them apart from the
 * code. Positions are those of shell-reader.ts at this file's commit.
 *
 * - 62:29 ArrayDeclaration (#items = ["Stryker was here"]): read() sets #items before any use.
 * - 65:52 StringLiteral ("" for 'start'), 185:50 ("" for 'plain'), 329:56 ("" for 'quote'), 366:24
 *   (two mutants, "" for 'start'), 480:50 ("" for 'plain'): #before is only ever compared with
 *   'other' (#tag), so '' reads as each of these does.
 * - 80:24 EqualityOperator (<=): items[items.length] is undefined, and line 82 breaks on it.
 * - 82:11 ConditionalExpression (false): the loop reads only below items.length, and the lines are
 *   arrays built by push and Array.from, without holes: an item there is never undefined.
 * - 88:11 and 89:16 OptionalChaining (frame.kind): the loop runs while the stack is not empty, so
 *   pop() gives a frame, never undefined.
 * - 102:18 ArithmeticOperator (this.#stack.length + 1): the loop then starts two places past the
 *   top; both are undefined and skipped (frame?.kind), and it goes on down the same frames.
 * - 104:11 OptionalChaining (frame.kind): i runs over the stack's indexes only.
 * - 106:21 StringLiteral ("", no coverage): unreachable; the outermost command frame is only
 *   popped by the final loop of read(), after its last use (a ) pops a command frame only when
 *   the stack holds more than one).
 * - 123:9 ConditionalExpression (true): refuseAll(null) is `refusedForAll ??= null`, which changes
 *   nothing.
 * - 151:23 StringLiteral (context ""): a backtick frame leaves the stack only through
 *   readBackticks (at its closing ` or in read()'s final loop), which sets 'backticks' on every
 *   tag of its text, and no one reads a tag's context while the reader runs.
 * - 185:9 ConditionalExpression (true: #before = 'plain' after a tag in any frame): #before is read
 *   only by #tag in a command frame, and each way back to one sets it first: closing quotes
 *   ('quote'), backticks, ${…} and arithmetic ('other'), and a new command frame ($(, <(, >(, a
 *   group: 'start'); a tag in a comment returns before line 185.
 * - 247:62 BooleanLiteral (#literal(char, false) for the \ kept before an ordinary character in
 *   "…"): word.unquoted then holds the \ instead of a marker; unquoted is only searched for globs
 *   and braces (* ? […] {…,…}), where a \ and a marker both match nothing, and both match the .
 *   and [^}] of those patterns.
 * - 310:14 ConditionalExpression (true for typeof next === 'string'): next is then a tag or
 *   undefined, which '$`\\'.includes() reads as "[object Object]" or "undefined" (Placement has no
 *   toString): false, and next === '"' is false, so the \ is kept, as the typeof test gives.
 * - 323:9 ConditionalExpression (true): the same for the item before a \ and a line end: a tag or
 *   nothing (at the input's start) is no operator character either way.
 * - 329:9 ConditionalExpression (true: #before = 'quote' after quotes closed in any frame): quotes
 *   close inside ${…} or arithmetic only besides command frames, and those set 'other' when they
 *   close, before any tag in a command frame reads #before (see 185:9).
 * - 358:9 ConditionalExpression (false): with no next item, every test below fails (nameStart and
 *   specialParameter test "undefined", many characters) and the else branch adds the same
 *   literal $.
 * - 381:43 BlockStatement ($"…" left to the next character): the " that follows is then read by
 *   the frame the $ is in, which pushes the same "…" frame (in a command frame putting " in raw,
 *   in ${…} nothing); raw then lacks $" or $, which changes none of its tests: a word holding a
 *   " still is neither digits before >, nor a name before = or [, nor a {name}, nor for, the
 *   here-document delimiter test finds the " in both, and in ${…} the word already holds the
 *   marker of its ${; no literal, text or #before differs.
 * - 388:14 ConditionalExpression (true): nameCharacter.test() of a tag or of undefined tests
 *   "[object Object]" or "undefined", never one character: false, as the typeof test gives.
 * - 488:7 ConditionalExpression (true for word.tags.length === 0): a word with a tag holds its
 *   marker (a NUL) in raw, so the name pattern never matches it; the tags test only says so first.
 * - 517:11 ConditionalExpression (false): the second & or | of && or || in [[ … ]] is then read
 *   as a separator of its own, which finds no word to end, sets #before to 'start' again and
 *   returns at the same test: nothing else is skipped or changed.
 * - 528:31 StringLiteral ("" for 'pipe'): #endCommand only tests how === 'list'.
 * - 532:27 ConditionalExpression (true for char === ';'): the test is reached with ; or &, or with
 *   | only when a second | follows (line 526 returns otherwise). For &, next === '&' is
 *   next === char; for |, next === char already holds.
 */
