// The shell reader's surviving mutants of issue 15 (`npm run mutation`, module "ssh shell reader"),
// part f: shell-reader.ts lines 1-599 (#tag, ANSI-C quotes, arithmetic, $'…' inside ${…}, a for
// loop's name at a line end, {name}> and here-document operators) and the survivors of
// here-document.ts. Each line below tells one or more of them apart from the code, by each tag's
// exact placement; the mutants no input can tell apart are explained at the end of this file, by
// their positions at this file's commit.

import { describe, expect, it } from 'vitest';
import { hereDocumentReasons } from '../../../../electron/plugins/ssh/template/here-document';
import { placements } from './support/reader-placements';

/** A value after $ or \ in an unquoted body (not in reader-placements.ts's names). */
const escaped = `all:${JSON.stringify(hereDocumentReasons.escaped)}`;

/** Each line (§ a tag, ¶ no line end after it) and its tags' placements. */
const table: readonly (readonly [string, string])[] = [
  // 187:23 ConditionalExpression (false), 187:47 BooleanLiteral (false): a tag in $(…) inside an
  // assignment's subscript is refused as a subscript's, by the enclosing frame, not as arithmetic.
  ['a[$(echo §)]=1 x', 'unquoted start all:subscript quoted:assignment'],
  // 242:15 ConditionalExpression (true): only \' inside $'…' is read otherwise by dash; $'\n'
  // loses nothing.
  ["echo $'\\n' §", 'unquoted start'],
  // 280:13 ConditionalExpression (false), 280:22 and 280:46 StringLiteral (""): << in arithmetic
  // is a here-document's start to dash.
  ['echo $((1<<2)) §', 'unquoted start all:otherShells'],
  // 282:23 ConditionalExpression (false), 282:40 StringLiteral (""), 283:28 ConditionalExpression
  // (false), 283:45 StringLiteral (""): $[ … ] counts its nested [ ], so b[0]'s ] does not close it.
  ['echo $[ b[0] + § ]', 'arithmetic start all:arithmetic'],
  // 282:46 and 283:51 StringLiteral (""): $(( … )) counts its nested ( ), so (1)'s ) does not
  // close it.
  ['echo $(( (1) + § ))', 'arithmetic start all:arithmetic'],
  // 310:14 ConditionalExpression (false), 310:23 and 310:47 StringLiteral (""): $'…' in ${…} within
  // "…" is ANSI-C quoting (bash's extquote), not a literal $ then '…'.
  ['echo "${a:-$\'§\'}"', 'single-quotes start all:otherShells quoted:ansi'],
  // 310:52 BlockStatement ({}), 313:18 ObjectLiteral ({}), 313:26 StringLiteral (""), 314:7
  // UpdateOperator (#at--): outside "…" too, the tag is inside $'…'.
  ["echo ${a:-$'§'}", 'single-quotes start all:brace quoted:ansi'],
  // 311:11 ConditionalExpression (true): outside "…", every shell pairs these quotes alike.
  ["echo ${a:-$'x'} §", 'unquoted start'],
  // 311:11 ConditionalExpression (false): within "…", a POSIX shell takes the ' for a plain one.
  ['echo "${a:-$\'x\'}" §', 'unquoted start all:otherShells'],
  // 453:13 ConditionalExpression (true), 458:13 ConditionalExpression (false): `for x` then a
  // comment line is not followed.
  ['for x\n#c\nin §; do :; done', 'unquoted start all:loopLine'],
  // 460:11 LogicalOperator (&&): a line end ends the command, so the tag starts a new one.
  ['echo a\n§ x', 'unquoted start fresh quoted:notPlain'],
  // 460:11 ConditionalExpression (false): a ( … ) group has no words, yet it ends at the line end.
  ['(x)\n§ y', 'unquoted start fresh quoted:notPlain'],
  // 519:9 ConditionalExpression (false), 519:11 ConditionalExpression (true), EqualityOperator
  // (!==): `index` is not `in`, only its first two letters are.
  ['for x\nindex §', 'unquoted start all:loopLine'],
  // 519:11 ConditionalExpression (false): `in` at the input's end is the loop's in.
  ['for §\nin¶', 'unquoted start all:loopName'],
  // 519:51 ConditionalExpression (false), EqualityOperator (!==), StringLiteral (""): a tab ends
  // the in.
  ['for x\nin\t§; do :; done', 'unquoted start quoted:loopList'],
  // 519:69 ConditionalExpression (false), EqualityOperator (!==), StringLiteral (""): a line end
  // ends the do.
  ['for x\ndo\necho §\ndone', 'unquoted start'],
  // 519:87 ConditionalExpression (false), EqualityOperator (!==), StringLiteral (""): so does a ;
  // (bash -n takes `for x` ⏎ `in; do …`, an empty list).
  ['for x\nin; do echo §; done', 'unquoted start'],
  // 522:9 and 523:12 ConditionalExpression (true for the whole test): ab is neither in nor do.
  ['for x\nab §', 'unquoted start all:loopLine'],
  // 522:9 ConditionalExpression (true for first === 'i'): an is not in.
  ['for x\nan §', 'unquoted start all:loopLine'],
  // 522:9 LogicalOperator (||), 522:26 ConditionalExpression (true): ix is not in.
  ['for x\nix §', 'unquoted start all:loopLine'],
  // 523:12 ConditionalExpression (true for first === 'd'): ao is not do.
  ['for x\nao §', 'unquoted start all:loopLine'],
  // 523:29 ConditionalExpression (true): dx is not do.
  ['for x\ndx §', 'unquoted start all:loopLine'],
  // 523:12 LogicalOperator (||): da is not do.
  ['for x\nda §', 'unquoted start all:loopLine'],
  // 563:26 Regex ([^A-Za-z0-9_]* after the name's first letter): {ab[…]} names a variable too.
  ['echo {ab[§1]}>f', 'unquoted all:descriptorName quoted:before'],
  // 563:26 Regex (the subscript required): {a}>f is no word, so the command is eval.
  ['{a}>f eval §', 'unquoted start all:evalArgs quoted:evalArgs'],
  // 584:9 ConditionalExpression (true): > is no here-document; the next line is a command.
  ['echo a >f\necho §', 'unquoted start'],
  // 586:60 ObjectLiteral ({}), 586:73 ConditionalExpression (false), EqualityOperator (!==),
  // 586:91 StringLiteral (""): <<- strips the tabs before the delimiter, so \tEOF ends the body
  // (a template cannot type a tab, parser.ts, but the reader is held to bash's rule all the same).
  ['cat <<-EOF\nx §\n\tEOF\necho §', 'here-document quoted:hereDocumentExpands | unquoted start'],
  // 586:73 ConditionalExpression (true), EqualityOperator (!==): << strips none, so \tEOF does
  // not end it and the tag is in the body.
  ['cat <<EOF\n\tEOF\necho §', 'here-document quoted:hereDocumentExpands'],
  // 592:54 StringLiteral (""): >& is one operator, whose target is the tag; read as > then &, the
  // & would end the command and the tag would start the next one.
  ['echo a >&§', 'unquoted start'],
];

/** here-document.ts: each line (§ a tag) and its tags' placements. */
const bodies: readonly (readonly [string, string])[] = [
  // 78:40 ConditionalExpression (true), 78:74 StringLiteral ("Stryker was here!"): a tag is no
  // text of its line, so `\` then a tag is read as a line ending in \ (a continuation, which
  // loses the reading after it); the tag itself is refused as escaped. Bash would join the lines
  // only for a value ending in \, which the check cannot rule out.
  [
    'cat <<EOF\n\\§\nEOF\necho §',
    `here-document ${escaped} quoted:hereDocumentExpands | unquoted start all:hereDocumentContinued`,
  ],
  // 85:40 Regex (no $): only a \ at the line's end continues it.
  ['cat <<EOF\na\\b\nEOF\necho §', 'unquoted start'],
  // 85:40 Regex (no ^): a lone \ is such a line too.
  ['cat <<EOF\n\\\nEOF\necho §', 'unquoted start all:hereDocumentContinued'],
  // 92:29 ArithmeticOperator (+1): a $ after the value escapes nothing of it.
  ['cat <<EOF\n§$\nEOF', 'here-document quoted:hereDocumentExpands'],
  // 93:13 ConditionalExpression (false), 93:29 LogicalOperator (&&), ConditionalExpression (false),
  // 93:40 StringLiteral (""): $ before the value makes it a variable's name.
  ['cat <<EOF\n$§\nEOF', `here-document ${escaped} quoted:hereDocumentExpands`],
  // 93:47 ConditionalExpression (false), 93:58 StringLiteral (""): \ before it escapes its first
  // character.
  ['cat <<EOF\n\\§x\nEOF', `here-document ${escaped} quoted:hereDocumentExpands`],
];

describe('shell reader survivors (part f): where each tag of a typed line lands', () => {
  it.each(table)('%s', (line, expected) => {
    expect(placements(line)).toBe(expected);
  });
});

describe('here-document survivors (part f): where each tag of a body lands', () => {
  it.each(bodies)('%s', (line, expected) => {
    expect(placements(line)).toBe(expected);
  });
});

/*
 * Mutants of part f that no input tells apart from the code. Positions are those of
 * shell-reader.ts, here-document.ts and tag-placement.ts at this file's commit; most were argued
 * before at older positions (shell-reader-survivors-a, -b, -d and -e.test.ts), matched here by
 * the code's text.
 *
 * shell-reader.ts:
 * - 62:29 ArrayDeclaration (#items = ["Stryker was here"]): read() sets #items before any use.
 * - 65:52, 381:24, 444:22, 454:26, 462:22, 529:20, 581:22 StringLiteral ("" for 'start'), 190:50,
 *   495:50 ("" for 'plain'), 344:56 ("" for 'quote'): #before is only ever compared with 'other'
 *   (#tag), so '' reads as each of these does.
 * - 76:39 ArrayDeclaration (bodyLineStarts = ["Stryker was here"]): its only reader, readStream,
 *   asks a Set of it for numeric positions (has(at)), which never equal a string.
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
 * - 128:9 ConditionalExpression (true): refuseAll(null) is `refusedForAll ??= null`, which changes
 *   nothing.
 * - 156:23 StringLiteral (context ""): a backtick frame leaves the stack only through
 *   readBackticks (at its closing ` or in read()'s final loop), which sets 'backticks' on every
 *   tag of its text, and no one reads a tag's context while the reader runs.
 * - 190:9 ConditionalExpression (true: #before = 'plain' after a tag in any frame): #before is read
 *   only by #tag in a command frame, and each way back to one sets it first: closing quotes
 *   ('quote'), backticks, ${…} and arithmetic ('other'), and a new command frame ('start'); a tag
 *   in a comment returns before line 190.
 * - 256:62 BooleanLiteral (#literal(char, false) for the \ kept before an ordinary character in
 *   "…"): word.unquoted then holds the \ instead of a marker; unquoted is only searched for globs
 *   and braces (* ? […] {…,…}), where a \ and a marker both match nothing, and both match the .
 *   and [^}] of those patterns.
 * - 325:14 ConditionalExpression (true for typeof next === 'string'), 338:9 ConditionalExpression
 *   (true for typeof before === 'string'), 596:16 ConditionalExpression (true): the item is then
 *   a tag or undefined, which includes() reads as "[object Object]" or "undefined" (Placement has
 *   no toString): never one of those characters, and never '"' either, as the typeof test gives.
 * - 344:9 ConditionalExpression (true: #before = 'quote' after quotes closed in any frame): quotes
 *   close inside ${…} or arithmetic only besides command frames, and those set 'other' when they
 *   close, before any tag in a command frame reads #before (see 190:9).
 * - 373:9 ConditionalExpression (false): with no next item, every test below fails (nameStart and
 *   specialParameter test "undefined", many characters) and the else branch adds the same
 *   literal $.
 * - 396:43 BlockStatement ($"…" left to the next character): the " that follows is then read by
 *   the frame the $ is in, which pushes the same "…" frame (in a command frame putting " in raw,
 *   in ${…} nothing); raw then lacks $" or $, which changes none of its tests: a word holding a
 *   " still is neither digits before >, nor a name before = or [, nor a {name}, nor for, the
 *   here-document delimiter test finds the " in both, and in ${…} the word already holds the
 *   marker of its ${; no literal, text or #before differs.
 * - 403:14 ConditionalExpression (true): nameCharacter.test() of a tag or of undefined tests
 *   "[object Object]" or "undefined", never one character: false, as the typeof test gives.
 * - 460:37 ConditionalExpression (false for cmd.word !== null): #endWord at line 450 has just set
 *   cmd.word to null, and nothing up to line 460 builds a word (#loopWordNext only reads ahead).
 * - 503:7 ConditionalExpression (true for word.tags.length === 0): a word with a tag holds its
 *   marker (a NUL) in raw, so the name pattern never matches it; the tags test only says so first.
 *   566:33 ConditionalExpression (true) likewise: /^\d+$/ never matches a raw with a marker.
 * - 523:46 StringLiteral ("" for 'do'): the answer is only compared with 'in' (line 453) and null
 *   (line 458), and '' is neither, as 'do' is not.
 * - 532:11 ConditionalExpression (false): the second & or | of && or || in [[ … ]] is then read
 *   as a separator of its own, which finds no word to end, sets #before to 'start' again and
 *   returns at the same test: nothing else is skipped or changed.
 * - 537:7 UpdateOperator (#at-- for &>): #redirection then starts one place back, where its peek()
 *   is the & itself: no ( and no here-document, and & is one of >'s second characters, so it
 *   steps onto the & and the loop reads the > again through #commandChar, which calls
 *   #redirection(frame, '>') as the code does. The first call found no word (#separator ended it)
 *   and set only what the second sets again (redirectNext, redirectInput, #before).
 * - 543:31 StringLiteral ("" for 'pipe'): #endCommand only tests how === 'list'.
 * - 547:27 ConditionalExpression (true for char === ';'): the test is reached with ; or &, or with
 *   | only when a second | follows (line 541 returns otherwise). For &, next === '&' is
 *   next === char; for |, next === char already holds.
 *
 * here-document.ts:
 * - 87:22 ConditionalExpression (true), EqualityOperator (>=): `ending` is read only in the loop
 *   over the line's tags, which does not run when it has none; couldBeDelimiter has no side effect.
 * - 51:44 StringLiteral (RegExp flags "" for 's') is not equivalent, and left alive on purpose: it
 *   differs only for a delimiter holding a line end (`cat <<'a⏎b'`), where the code refuses a tag
 *   alone on a body line as one that could make it the delimiter. Bash never ends such a body (no
 *   body line holds a line end, and substitute.ts refuses a value with one), so the mutant's answer
 *   is the exact one; a test would only hold a harmless refusal in place.
 *
 * tag-placement.ts:
 * - 46:27 StringLiteral (context ""): every tag is read by the shell reader, whose #tag sets the
 *   context for every kind of frame (no #at++ ever skips a tag), or by a console's reader
 *   (console-session.ts), which sets 'console'; the default is never seen.
 * - 52:14 UnaryOperator (rawIndex +1): #tag sets rawIndex on every tag before #endWord, its only
 *   reader, compares it.
 */
