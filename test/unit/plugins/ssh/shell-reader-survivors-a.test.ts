// Survivors of the shell reader's mutation run (issue 15, module "ssh shell reader"), part a: a
// table of typed lines with each tag's exact placement, each line chosen so that one mutant of
// shell-reader.ts reads it otherwise. The mutants no input can tell apart are explained at the end.

import { describe, expect, it } from 'vitest';
import { placements } from './support/reader-placements';

/** Each line, its tags' placements, and the mutant (current position in shell-reader.ts) it kills. */
const table: readonly (readonly [string, string, string])[] = [
  // The group's own command ends the wait for a command after |, but the pipeline is still open.
  ['echo a | ( echo b ) >§', 'unquoted start', '112:11'],
  // A tag's value is plain: a second tag right after it is not refused as following a ~.
  ['echo ~§§', 'unquoted quoted:before | unquoted', '162:9 162:24'],
  // A quoted * is no glob; inside "…", a ` still opens a command substitution.
  ["echo '*'§", 'unquoted', '208:34'],
  ['echo "*"§', 'unquoted', '230:34'],
  ['echo "`§`"', 'backticks start quoted:backticks', '228:20 228:29'],
  // printf's first argument holds an expansion ($a may be -v): printf may evaluate a name.
  ['printf $a §', 'unquoted start all:integerVariable quoted:printfVariable', '285:21'],
  // After \, the word has begun (even before the tag's value): no fresh command starts there.
  ['\\§ x', 'unquoted start all:backslash quoted:before', '356:39'],
  // The quote characters are in the word's raw text, which the NAME= test reads.
  ["a='b'§ x", 'unquoted quoted:assignment', '397:7'],
  ['a="b"§ x', 'unquoted quoted:assignment', '400:7'],
];

describe('shell reader: where each tag lands, against part a of the surviving mutants', () => {
  it.each(table)('%s', (line, expected) => {
    expect(placements(line)).toBe(expected);
  });
});

/*
 * Equivalent mutants of part a (current positions): no input tells them apart from the code.
 * shell-reader.ts:
 * - 50:29 ArrayDeclaration (#items = ["Stryker was here"]): read() sets #items before any use.
 * - 53:52 StringLiteral ("" for 'start'): #before is only ever compared with 'other' (#tag), so ''
 *   reads as 'start', 'plain' or 'quote' do.
 * - 64:24 EqualityOperator (<=): items[items.length] is undefined, and line 66 breaks on it.
 * - 66:11 ConditionalExpression (false): within bounds an item is never undefined (the lines are
 *   arrays built by push, without holes).
 * - 326:43 BlockStatement ($"…" left to the next character): the " that follows is then read by
 *   the frame the $ is in, which pushes the same "…" frame (and puts " in raw); only the $ is
 *   missing from raw, where the " already keeps the word from being digits or a name before =.
 * - 72:11 OptionalChaining (frame.kind): the loop runs while the stack is not empty, so pop()
 *   returns a frame, never undefined.
 * - 85:18 ArithmeticOperator (this.#stack.length + 1): the loop then starts two places past the
 *   top; both are undefined and skipped (frame?.kind), and it goes on down the same frames.
 * - 89:21 StringLiteral (""): unreachable; the outermost command frame is never popped while
 *   reading (only the frame on top is, and a ) pops a command frame only when the stack holds
 *   more), and the final loop of read() pops it after its last use.
 * - 224:62 BooleanLiteral (#literal(char, false)): the backslash kept before an ordinary character
 *   in "…" then goes to word.unquoted instead of a marker; unquoted is only searched for globs and
 *   braces (* ? […] {…,…}), where a backslash and a marker both match nothing, and both match
 *   the . and [^}] of those patterns.
 * - 238:84 BooleanLiteral (#dollar(true)): called only with a tag next, a path (refuseAll,
 *   #unknown, return) that does not read inDouble.
 * - 274:9 ConditionalExpression (true): a quote closed inside ${…} or arithmetic (the only other
 *   frames a quote opens in) then sets #before to 'quote'; but that frame's closing sets 'other'
 *   and a $( inside it sets 'start' before any tag in a command frame reads #before.
 * - 274:56 StringLiteral (""), 311:24, 374:22, 381:22 StringLiteral ("" for 'start'): #before is
 *   only ever compared with 'other' (#tag), so '' reads as 'quote' and 'start' do.
 * - 303:9 ConditionalExpression (false): with no next item, every test below fails (nameStart and
 *   specialParameter test "undefined", many characters) and the else branch adds the same
 *   literal $.
 * - 333:14 ConditionalExpression (true): nameCharacter.test() of a tag or of undefined tests
 *   "[object Object]" or "undefined", never one character: false, as the typeof test gives.
 * tag-placement.ts:
 * - 44:27 StringLiteral (context ""): every tag is read by the shell reader, whose #tag sets the
 *   context for every kind of frame (no #at++ ever skips a tag), or by a console's reader
 *   (console-session.ts), which sets 'console'; the default is never seen.
 * - 50:14 UnaryOperator (rawIndex +1): #tag sets rawIndex on every tag before #endWord, its only
 *   reader, compares it.
 */
