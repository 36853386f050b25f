// The shell reader's surviving mutants of issue 15 (`npm run mutation`, module "ssh shell reader"),
// part c: the end of a word (#endWord), of a command (#endCommand) and of a stream (readStream).
// Each line below tells one or more of them apart from the code, by each tag's exact placement;
// the mutants no input can tell apart are explained at the end of this file.

import { describe, expect, it } from 'vitest';
import { readStream } from '../../../../electron/plugins/ssh/template/shell-reader';
import { placements, summary, typed } from './support/reader-placements';

/** Each line (§ a tag) and its tags' placements. */
const table: readonly (readonly [string, string])[] = [
  // 520:20 LogicalOperator (name = '' in an assignment): with a name longer than one letter, the
  // tag is past [ yet no longer before name.length + subscript.length.
  ['abc[§]=1 x', 'arithmetic all:subscript quoted:glob'],
  // 530:17 ConditionalExpression and LogicalOperator (expanded without its $x): printf's first
  // argument could become -v, which evaluates a name; enable's any argument could become -f.
  ['printf $x §', 'unquoted start all:integerVariable quoted:printfVariable'],
  ['enable $x §', 'unquoted start quoted:enableF'],
  // 537:9 ConditionalExpression (unknown words read as keywords): coproc$x is a command's name, not
  // the keyword coproc (bash agrees), so the next command is read on.
  // A command whose name an expansion builds (coproc$x: c=sh) may start a shell: not followed.
  ['coproc$x; echo §', 'unquoted start all:unnamed'],
  // 559:9 ConditionalExpression and EqualityOperator (an empty command ends like one with words):
  // after &&, ) ends an empty command, which must not end the wait for the next command, so the
  // tag is not at a fresh command's start. Bash refuses this line; a line bash accepts never ends
  // an empty command with tags or while a command is awaited, but the reader still reads on.
  ['echo a && )§', 'unquoted start all:unmatchedParen quoted:notPlain'],
  // 567:13 LogicalOperator and ConditionalExpression (a tag outside sed's script takes the script's
  // layer, undefined): a tag in a file name of sed is refused and has no inner layer.
  ['sed "s/a/§/" §', 'double-quotes inner | unquoted start quoted:sed'],
  ['sed s/a/b/ §', 'unquoted start quoted:sed'],
  // 567:36 ConditionalExpression (layers and the script's tags always as many): a NUL typed in the
  // script reads as one more tag's marker in sed-script.ts, which gives two layers for one tag.
  ["sed 's/a/\u0000§/'", 'single-quotes quoted:sed'],
];

describe('shell reader survivors (part c): where each tag of a typed line lands', () => {
  it.each(table)('%s', (line, expected) => {
    expect(placements(line)).toBe(expected);
  });
});

describe('shell reader survivors (part c): a stream of typed lines', () => {
  // 609:15 ArrayDeclaration (the next chunk does not start empty): each typed line is read by a
  // fresh reader, so a tag at the start of the second one starts a fresh command.
  it('a typed line after another starts with nothing before it', () => {
    const first = typed('echo a');
    const second = typed('§ x');
    readStream([first.items, null, second.items]);
    expect(second.tags.map(summary)).toEqual(['unquoted start fresh quoted:notPlain']);
  });
});

/*
 * Equivalent mutants of shell-reader.ts in part c (issue 15): no input tells them apart from the
 * code. Positions are those of shell-reader.ts when this file was written.
 *
 * - 520:39 StringLiteral (assignment?.[1] ?? "Stryker was here!"): the fallback is only taken when
 *   the word is no assignment; then subscript is '' and line 516 stops at `subscript !== ''`.
 * - 522:11 ConditionalExpression (true for `subscript !== '' && tag.rawIndex > name.length`),
 *   LogicalOperator (`subscript !== '' || tag.rawIndex > name.length`), 522:11 ConditionalExpression
 *   (true for `subscript !== ''`), 522:25 StringLiteral (`subscript !== "Stryker was here!"`): with
 *   no subscript, what is left asks rawIndex > name.length and rawIndex < name.length together,
 *   or rawIndex < name.length alone; a tag's marker is a NUL, never a name character, and the
 *   pattern is anchored at the word's start, so the marker is never inside the name.
 * - 522:31 ConditionalExpression (true), EqualityOperator (>=): the pattern needs [ right after the
 *   name, so a marker is never in the name nor at name.length.
 * - 522:61 EqualityOperator (<=): the character right after the subscript's ] must be = or + for
 *   the pattern to match, so it is never a marker.
 * - 536:9 ConditionalExpression (true: redirectNext = false after every word): #redirection sets
 *   redirectNext only once the word before it is ended or dropped, and the next word of that
 *   command is built with redirect = redirectNext, so a word that ends while redirectNext is set is
 *   always a redirection's target: for the others it is already false.
 * - 562:19 ConditionalExpression (true: sed = cls.sed whatever the class): only the reparsed class
 *   of sed (command-rules.ts) has a sed property; on the other classes it is undefined.
 * - 563:46 ArrayDeclaration (scriptTags = ["Stryker was here"] without sed): with sed undefined,
 *   sed?.layers[…] is undefined whatever scriptTags holds, and line 561 reads scriptTags only after
 *   `layer !== undefined`.
 * - 563:99 ArrayDeclaration (no coverage; `?? ["Stryker was here"]`): sed.script is one of the
 *   command's words (readSedCommand gets them from classifyCommand), and #endWord pushes a word and
 *   its tags together, so wordTags at its index always exists.
 * - 567:58 OptionalChaining (sed.layers): read only when layer !== undefined, which needs sed.
 * - 572:23 ConditionalExpression (true), EqualityOperator (<=): at i = words.length,
 *   cmd.words[i]?.assignment is undefined, so the loop stops there all the same.
 * - 572:47 OptionalChaining (cmd.words[i].assignment): i < words.length is tested first.
 * - 573:46 ArrayDeclaration (no coverage; `?? ["Stryker was here"]`): wordTags has an entry for
 *   every word (see 563:99), so the fallback is never taken.
 * - 594:33 ConditionalExpression (false): find() skips the stages whose reader is null, so the
 *   reader it gives is never null.
 */
