// The shell reader's surviving mutants of issue 15 (`npm run mutation`, module "ssh shell reader"),
// part g: shell-reader.ts from line 600 to the end — printf -v's variable (#plainVariable), the
// here-document delimiter and bodies (#hereDocument, #hereDocumentBodies), assignments, for loops,
// bash reading the terminal and source in #endCommand, and the lines readStream reports in
// here-document bodies. Each line below tells one or more of them apart from the code, by each
// tag's exact placement; the mutants no input can tell apart are explained at the end of this
// file, by their positions in shell-reader.ts.

import { describe, expect, it } from 'vitest';
import { readStream } from '../../../../electron/plugins/ssh/template/shell-reader';
import { placements, typed } from './support/reader-placements';

/** How source and . refuse a quoted value they read (command-rules.ts, reparsers). */
const reparsedBy = (name: string): string =>
  `quoted:"goes to ${name}, which parses its arguments as shell code again, or runs a command from them (quoting does not hold there)"`;

/** Each line (§ a tag) and its tags' placements. */
const table: readonly (readonly [string, string])[] = [
  // 698:18 ConditionalExpression (false), EqualityOperator (!==), 698:35 StringLiteral (""), 698:47
  // ArithmeticOperator (at - 1), 699:18 ConditionalExpression (false), EqualityOperator (!==), 699:35
  // StringLiteral (""), 700:12 LogicalOperator (||), 700:85 StringLiteral (``): with -v apart, the
  // variable is the next word; OPTIND is one bash evaluates as arithmetic.
  ['printf -v OPTIND %s §', 'unquoted start all:integerVariable quoted:printfVariable'],
  // 699:18 ConditionalExpression (true), EqualityOperator (!==), 699:55 MethodExpression (no
  // slice), 700:12 LogicalOperator (||), 700:85 StringLiteral (``): with -vNAME, the variable is
  // the option's text after -v.
  ['printf -vOPTIND %s §', 'unquoted start all:integerVariable quoted:printfVariable'],
  // 698:18 ConditionalExpression (true), EqualityOperator (!==): with -vx, the word after it (here
  // a tag) is no variable name, so it is not asked to be known.
  ['printf -vx § y', 'unquoted start quoted:printfVariable'],
  // 700:12 LogicalOperator (||), ConditionalExpression (true, for `name?.known === true` and for
  // both of the first tests): a tag as the variable's name is refused whatever its text.
  ['printf -v § %s', 'unquoted start all:integerVariable quoted:printfVariable'],
  // 695:18 MethodExpression (cmd.words): a redirection's target between -v and its variable is a
  // file name, not the variable (bash: printf -v y, output to the file OPTIND).
  ['printf -v > OPTIND y %s §', 'unquoted start quoted:printfVariable'],
  // 699:42 OptionalChaining (name.text): `printf -v` with no variable after it reads no name (a
  // TypeError with the mutant).
  ['printf -v; echo §', 'unquoted start'],
  // bash sets the last -v's variable: each -v must name a plain one (found by this review; the
  // positions above are those before that fix, which moved the lines after 693 by six).
  ['printf -v x -v OPTIND %s §', 'unquoted start all:integerVariable quoted:printfVariable'],
  ['printf -vx -vOPTIND %s §', 'unquoted start all:integerVariable quoted:printfVariable'],
  ['printf -v x -v y %s §', 'unquoted start quoted:printfVariable'],
  // An option an expansion builds (-v$v, $o) may name OPTIND.
  ['printf -v x -v$v %s §', 'unquoted start all:integerVariable quoted:printfVariable'],
  ['printf -v x $o %s §', 'unquoted start all:integerVariable quoted:printfVariable'],
  // 706:23 ConditionalExpression (true): after <<, a line with a tab before the delimiter is in the
  // body; 706:23 ConditionalExpression (false), EqualityOperator (!==), 706:59 BooleanLiteral
  // (false): after <<-, the tab is stripped and the line ends the body.
  ['cat <<EOF\n\tEOF\n§', 'here-document all:hereDocumentEnd quoted:hereDocumentExpands'],
  ['cat <<-EOF\n\tEOF\n§', 'unquoted start fresh quoted:notPlain'],
  // 708:9 ConditionalExpression (false, for the whole test and for `tags || expanded`),
  // LogicalOperator (`(…) && word.text === ''`, `tags && expanded`): a delimiter holding a tag
  // after literal text is refused.
  ['cat <<x§', 'unquoted all:hereDocumentDelimiterTag'],
  ['cat <<§', 'unquoted start all:hereDocumentDelimiterTag'],
  // 708:9 ConditionalExpression (false for the whole test): an expanded delimiter loses the reading.
  ['cat <<$x\n§', 'unquoted start fresh all:hereDocumentDelimiter quoted:notPlain'],
  // 708:9 (false, `(…) && word.text === ''`), 708:53 ConditionalExpression (false), 708:67
  // StringLiteral ("Stryker was here!"): an empty delimiter loses the reading.
  ["cat <<''\n§", 'unquoted start fresh all:hereDocumentDelimiter quoted:notPlain'],
  // 731:27 ArrayDeclaration (["Stryker was here"]): once read, the bodies are no longer pending, so
  // the next line ends start no body.
  ['cat <<EOF\nEOF\necho §\necho §', 'unquoted start | unquoted start'],
  // 732:18 ConditionalExpression (false): a line end inside $( … ) with a body pending is not
  // followed (the body would start in the middle of a command).
  ['cat <<EOF $(\n§\nEOF\n)', 'unquoted start all:hereDocumentContinued quoted:notPlain'],
  // 732:71 ConditionalExpression (false): nor after `for x`, whose command goes on past the line end.
  ['cat <<EOF; for x\nin §; do :; done\nEOF', 'unquoted start all:hereDocumentContinued quoted:loopList'],
  // 772:15 ConditionalExpression (false), 772:41 LogicalOperator (&& for ??): an assignment to
  // OPTIND evaluates its value as arithmetic.
  ['OPTIND=§ x', 'unquoted all:integerVariable quoted:assignment'],
  // 776:27 LogicalOperator (&& for ??): a tag as the loop's name is refused; 778:28
  // MethodExpression (all words' tags): the name is not in the list.
  ['for § in a; do :; done', 'unquoted start all:loopName'],
  // 777:51 StringLiteral (``), 777:54 LogicalOperator (&& for ??), 781:17 ConditionalExpression
  // (false): a loop over OPTIND evaluates each value of the list.
  ['for OPTIND in §; do :; done', 'unquoted start all:integerVariable quoted:loopList'],
  // 785:29 ConditionalExpression (true, for the whole test), LogicalOperator (||), 785:57
  // ConditionalExpression (true): bash after a pipe does not read the terminal, so the reading is
  // lost; 785:29 ConditionalExpression (true, for `frame === this.#stack[0]`), and the whole test
  // and || again: nor does bash in a group. Alone, an interactive bash reads the next lines as this
  // one would.
  ['echo a | bash; echo §', 'unquoted start all:parsing'],
  ['(bash); echo §', 'unquoted start all:parsing'],
  ['bash; echo §', 'unquoted start'],
  // 796:11 ConditionalExpression (false, for the whole test and for `cls.name === 'source'`),
  // LogicalOperator (&&), 796:36 ConditionalExpression (false): source and . run what they read in
  // this shell, so a value in their input is refused for all.
  ['source f < §', `unquoted start all:redefines ${reparsedBy('source')}`],
  ['. f < §', `unquoted start all:redefines ${reparsedBy('.')}`],
];

describe('shell reader survivors (part g): where each tag of a typed line lands', () => {
  it.each(table)('%j', (line, expected) => {
    expect(placements(line)).toBe(expected);
  });
});

describe('shell reader survivors (part g): readStream', () => {
  // 878:52 ConditionalExpression (false, true), 882:19 ObjectLiteral ({}): the lines of one chunk
  // that start inside a here-document's body are reported, the others (its delimiter line too) not.
  it('reports the lines that start in a here-document body', () => {
    const lines = ['cat <<EOF', '§ x', 'EOF', 'echo §'].map((line) => typed(line).items);
    const inBodies = readStream(lines);
    expect(lines.map((line) => inBodies.has(line))).toEqual([false, true, false, false]);
  });
});

/*
 * Equivalent mutants of shell-reader.ts in part g (issue 15): no input tells them apart from the
 * code. Positions are those of shell-reader.ts at this file's commit.
 *
 * - 600:20, 627:22, 636:22 StringLiteral ("" for 'start'): #before is only ever compared with
 *   'other' (#tag), so '' reads as 'start' does.
 * - 611:38 ConditionalExpression (true): a word with a tag holds the tag's marker in raw, never
 *   'for'; the tags test only says so first.
 * - 631:9 LogicalOperator (||), ConditionalExpression (true); 631:33 ConditionalExpression (true),
 *   EqualityOperator (>=): a ) reaches #parenthesis only through the command frame on top of the
 *   stack; every command frame but the outermost is pushed with the closer ')', and the outermost
 *   is never popped while reading, so closer === ')' holds exactly when the stack holds more than
 *   one frame.
 * - 652:37 StringLiteral ("Stryker was here!"): the fallback is taken only when the word is no
 *   assignment; then subscript is '' and line 655 stops at `subscript !== ''`.
 * - 655:11 ConditionalExpression (true for `subscript !== ''`), 655:25 StringLiteral
 *   (`subscript !== "Stryker was here!"`), 655:11 LogicalOperator (`subscript !== '' ||
 *   rawIndex > name.length`): with no subscript, what is left asks rawIndex > name.length and
 *   rawIndex < name.length together: never both.
 * - 655:11 ConditionalExpression (true for `subscript !== '' && rawIndex > name.length`), 655:31
 *   ConditionalExpression (true), EqualityOperator (>=): a tag's rawIndex is never at or before
 *   name.length. The pattern is anchored at raw's start and needs [ right after the name, so a
 *   tag's marker comes after the [; a tag in a substitution has the raw length when it was read,
 *   after the marker #unknown put there when the substitution opened. With no subscript, the name
 *   is '' (rawIndex < 0 is false) or an assignment's name, before every marker.
 * - 655:57 EqualityOperator (<=): at name.length + subscript.length stands the = or + after the
 *   subscript's ], never a marker; a tag in a substitution is read before the ] after it reaches
 *   raw, so its rawIndex is within the subscript.
 * - 670:9 ConditionalExpression (true: redirectNext = false after every word): #redirection ends
 *   the word before it (or drops it) before it sets redirectNext, and every word built after is a
 *   redirection's target (redirect = redirectNext), so a word that ends while redirectNext is set
 *   has redirect set: for the others it is already false.
 * - 700:36 ConditionalExpression (true for `text !== undefined`): text is undefined only when
 *   name is: with -v, text is name?.text; otherwise name is option and text option?.text.slice(2).
 *   Then `name?.known === true` is already false.
 * - 706:23 OptionalChaining (cmd.hereDocumentNext.stripTabs): #hereDocument is called only when
 *   hereDocumentNext is not null (line 669).
 * - 739:9, 787:11 ConditionalExpression (true): #lose(null) is `#lost ??= null`, which changes
 *   nothing. 741:11 ConditionalExpression (true): refuseAll(null) is `refusedForAll ??= null`,
 *   which changes nothing either.
 * - 754:19 ConditionalExpression (true: sed = cls.sed whatever the class): only the reparsed class
 *   of sed (command-rules.ts) has a sed property; on the other classes it is undefined.
 * - 755:46 ArrayDeclaration (scriptTags = ["Stryker was here"] without sed): with sed undefined,
 *   sed?.layers[…] is undefined whatever scriptTags holds, and line 759 reads scriptTags only after
 *   `layer !== undefined`.
 * - 755:99 ArrayDeclaration (no coverage; `?? ["Stryker was here"]`): sed.script is one of the
 *   command's words (classifyCommand hands readSedCommand the same word objects), and #endWord
 *   pushes a word and its tags together, so wordTags at its index always exists.
 * - 759:58 OptionalChaining (sed.layers): read only when layer !== undefined, which needs sed.
 * - 765:11 ConditionalExpression (true for `cls.kind === 'reparsed'`): a class is named eval only
 *   by classifyName (command-rules.ts), through reparsers, which gives the reparsed class; the
 *   other classes are named '', '[[', a command's basename outside reparsers, a wrapper's option
 *   or 'a command this check cannot name'.
 * - 770:46 ArrayDeclaration (no coverage; `?? ["Stryker was here"]`), 772:41 OptionalChaining
 *   (cmd.words[i].text), 772:63 StringLiteral (no coverage; "Stryker was here!"): assignmentIndexes
 *   gives indexes of words, and wordTags has an entry for every word (see 755:99).
 * - 776:54 ArrayDeclaration (no coverage; `?? ["Stryker was here"]`), 777:54 OptionalChaining
 *   (cmd.words[loop.name].text), 777:84 StringLiteral (no coverage; "Stryker was here!"):
 *   forLoopWords gives the loop's name only when a word (in) follows it, so the name is one of the
 *   words and has its wordTags entry.
 * - 790:9 ConditionalExpression (true for `cls.kind === 'plain'`): every class named '' is plain:
 *   a group, no command word (classify, classifyCommand), or a basename '' (`exec /`), which
 *   classifyName sorts into no other class.
 * - 827:22 ArithmeticOperator (stages.length + 1): the loop then starts two places past the last
 *   stage; both are undefined and skipped (line 829), and it goes on down the same stages.
 * - 829:11 ConditionalExpression (false): the index runs over the stages' indexes only (with the
 *   code as it is), and stages is built by push, without holes: a stage is never undefined.
 * - 857:20 OptionalChaining (outer[index].rawIndex), 859:23 OptionalChaining
 *   (outer[index].wordStart), 859:50 BooleanLiteral (no coverage; `?? true`): outer is mapped from
 *   tags, so outer[index] exists for every index of tags.forEach.
 * - 872:57 and 880:16 ArrayDeclaration (starts = ["Stryker was here"]): the string's line and at
 *   are undefined, and bodyStarts holds numbers only, so it is never added to the lines in bodies;
 *   the lines themselves are still pushed after it with their own starts.
 */
