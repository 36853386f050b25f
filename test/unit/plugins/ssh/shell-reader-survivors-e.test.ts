// The shell reader's surviving mutants of issue 15 (`npm run mutation`, module "ssh shell reader"),
// part e: redirection operators (#redirection), NAME[…]= in #endWord, exec without a command and
// the input readers in #endCommand, and backticks read again (readBackticks). Each line below
// tells one or more of them apart from the code, by each tag's exact placement; the mutants no
// input can tell apart are explained at the end of this file, by their positions in shell-reader.ts.

import { describe, expect, it } from 'vitest';
import { checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';
import { placements } from './support/reader-placements';

/** What a ( … ) group's input is refused for (a group runs what it reads). */
const fedToGroup = 'quoted:"is fed to the input of a ( … ) group, which can run what it reads as code"';
// (sh) also loses the reading (all:parsing): the check does not tell what a shell in a group reads.

/** Each line (§ a tag) and its tags' placements. */
const table: readonly (readonly [string, string])[] = [
  // 577:20 ConditionalExpression (false), 577:29 StringLiteral (""): after <, a | is the next
  // operator, not part of it (bash refuses `<|`, a syntax error; the reader still reads a pipe).
  ['printf %s § <| sh', 'unquoted start quoted:pipedSh'],
  // 577:35 ArrayDeclaration ([]), 577:36 StringLiteral (""): <& is one operator; read as < then &,
  // the & would end the command and the tag would start the next one.
  ['(sh) <&§', `unquoted start fresh all:parsing ${fedToGroup}`],
  // 577:35 ArrayDeclaration ([]), 577:41 StringLiteral (""): <> is one operator that reads; read
  // as < then >, the target would be an output.
  ['(sh) <>§', `unquoted start fresh all:parsing ${fedToGroup}`],
  // 578:9 ConditionalExpression (true): after >, a < is a redirection of its own, which reads (bash
  // refuses `><`, a syntax error; the reader still reads an input).
  ['(sh) >< §', `unquoted start fresh all:parsing ${fedToGroup}`],
  // 580:11 ConditionalExpression (false for `this.#peek() === '<'`), 580:28 StringLiteral (""): <<< is one
  // operator, so the ( after it is not <( (bash: a syntax error near `(`).
  ['cat <<<(echo §)', 'unquoted start all:parenthesis'],
  // 580:11 ConditionalExpression (false for the || of both), LogicalOperator (&&), 580:35
  // ConditionalExpression (false), 580:52 StringLiteral (""): the - of <<- is part of the
  // operator, so the delimiter is EOF, not -EOF (bash: a line -EOF is in the body, EOF ends it).
  ['cat <<-EOF\n-EOF\n§', 'here-document all:hereDocumentEnd quoted:hereDocumentExpands'],
  [
    'cat <<-EOF\n§\nEOF\necho §',
    'here-document all:hereDocumentEnd quoted:hereDocumentExpands | unquoted start',
  ],
  // 584:24 ConditionalExpression (true): > is no input, so `exec >f` does not give the shell a new
  // input to read its commands from.
  ['exec >f; echo §', 'unquoted start'],
  // 632:24 Regex ([^\]] for [^\]]*): in an assignment's place, the subscript's text is read as
  // arithmetic and stays out of raw (a[]=1): still an assignment, so the command is echo.
  ['a[1]=1 echo §', 'unquoted start'],
  // 637:18 LogicalOperator (&& for ??: the name is then ''), 640:11 ConditionalExpression (false),
  // 640:68 ArithmeticOperator (-): NAME[…]= where no assignment is read (an argument) opens no
  // arithmetic frame, yet declare, local or export evaluate such a word's subscript, so the tag is
  // refused by its place in the word; a name longer than one letter puts it past the subscript's
  // length when the name is taken for ''.
  ['echo abc[§]=1', 'unquoted all:subscript quoted:before'],
  ['echo a[§]=1', 'unquoted all:subscript quoted:before'],
  // 775:9 ConditionalExpression (true for the first two tests), LogicalOperator (|| for the first
  // two, and for the three), 775:33 ConditionalExpression (true): exec with a command (cat) does
  // not make the shell read its next commands from f.
  ['exec cat < f; echo §', 'unquoted start'],
  // 775:74 ConditionalExpression (true), LogicalOperator (||), 775:85 ConditionalExpression
  // (true): a redirection with no command at all (or a group's) is no exec: nothing reads f.
  ['< f; echo §', 'unquoted start'],
  ['(x) < f; echo §', 'unquoted start'],
  // 776:11 ConditionalExpression (false): `exec < f` makes the shell read its next commands from f.
  ['exec < f; echo §', 'unquoted start all:execInput'],
  // 777:36 StringLiteral (""): the here-string of a bare exec is the shell's own next input.
  [
    'exec <<< §',
    'unquoted start quoted:"is fed to the input of the shell itself (exec without a command), which can run what it reads as code"',
  ],
  // 785:28 StringLiteral (``): what a group reads is refused with its reason.
  ['(sh) <<< §', `unquoted start fresh all:parsing ${fedToGroup}`],
  // 834:26 ArrowFunction (() => undefined), 834:36 ObjectLiteral ({}), 841:23 LogicalOperator
  // (&& for ??): in `x§` inside backticks the tag starts no word, but the backticks start one
  // outside; 834:26, 834:36 and 839:20 LogicalOperator (&& for ??): the tag's place in the outer
  // word (in a[…]=) is kept after the text inside is read again, where it is at 0.
  ['echo `x§`', 'backticks start quoted:backticks'],
  ['echo a[`echo §`]=1', 'backticks start all:subscript quoted:backticks'],
];

describe('shell reader survivors (part e): where each tag of a typed line lands', () => {
  it.each(table)('%s', (line, expected) => {
    expect(placements(line)).toBe(expected);
  });
});

// Found while reading 775:9 (bareExec): a command's name may come from an expansion. `exec $x <
// <(tr -d "'")` with x unset (exec with no command once $x expands to nothing), or `$x < …` with
// x=exec, gives the shell itself a new input: here the terminal's next lines without their
// quotes, so an interactive bash typed the next line `echo '$(touch PWNED)'` ran touch. The
// reader lost the reading after a bare `exec < …` only; now after any command it cannot name that
// has a < too (shell-settings.ts), and not after a named command.
describe('shell reader: a command it cannot name, with a <, may be exec without a command', () => {
  const lines: readonly (readonly [string, string])[] = [
    ['exec $x < f; echo §', 'unquoted start all:unnamed'],
    ['$x < f; echo §', 'unquoted start all:unnamed'],
    ['"$x" <<< a; echo §', 'unquoted start all:unnamed'],
    ['§ < f; echo §', 'unquoted start fresh quoted:notPlain | unquoted start all:unnamed'],
    // Without a <, a name an expansion builds may still start a shell (x=sh): lost too.
    ['$x; echo §', 'unquoted start all:unnamed'],
    ['exec $x > f; echo §', 'unquoted start all:unnamed'],
    ['exec cat < f; echo §', 'unquoted start'],
  ];

  it.each(lines)('%s', (line, expected) => {
    expect(placements(line)).toBe(expected);
  });

  it('the check refuses a value on the lines after it', () => {
    expect(checkSshTemplate(`exec "exec $x < <(tr -d \\"'\\")"\nexec "echo [#ADD_INFO#]"`)).toEqual([
      expect.objectContaining({
        line: 2,
        message: expect.stringContaining('could be eval, alias, hash or exec') as string,
      }),
    ]);
  });
});

/*
 * Equivalent mutants of shell-reader.ts in part e (issue 15): no input tells them apart from the
 * code. Positions are those of shell-reader.ts at this file's commit.
 *
 * - 551:33 ConditionalExpression (true): a word with a tag holds the tag's marker (a NUL) in raw,
 *   so /^[A-Za-z_][A-Za-z0-9_]*$/ never matches it; the tags test only says so first.
 * - 581:16 ConditionalExpression (true): second.includes() compares with ===, and a tag or
 *   undefined is never one of its strings, as the typeof test gives.
 * - 596:38 ConditionalExpression (true): a word with a tag holds its marker in raw, never 'for'.
 * - 616:9 ConditionalExpression (true), LogicalOperator (||); 616:33 ConditionalExpression (true),
 *   EqualityOperator (>=): a ) reaches #parenthesis only through the command frame on top of the
 *   stack; every command frame but the outermost is pushed with the closer ')', and the outermost
 *   is never popped while reading, so closer === ')' holds exactly when the stack holds more than
 *   one frame.
 * - 637:37 StringLiteral ("Stryker was here!"): the fallback is taken only when the word is no
 *   assignment; then subscript is '' and line 640 stops at `subscript !== ''`.
 * - 640:11 ConditionalExpression (true for `subscript !== ''`), 640:25 StringLiteral
 *   (`subscript !== "Stryker was here!"`, always true), 640:11 LogicalOperator
 *   (`subscript !== '' || rawIndex > name.length`): with no subscript, what is left asks
 *   rawIndex > name.length and rawIndex < name.length together: never both.
 * - 640:11 ConditionalExpression (true for `subscript !== '' && rawIndex > name.length`), 640:31
 *   ConditionalExpression (true), EqualityOperator (>=): a tag's rawIndex is never at or before
 *   name.length. The pattern is anchored at raw's start and needs [ right after the name, so a
 *   tag's own marker (and the backticks' kept place, also a marker) comes after the [; a tag in a
 *   substitution ($(…), <(…), ${…}, $((…))) has the raw length when it was read, after the marker
 *   #unknown put there when the substitution opened. With no subscript, the name is '' (no
 *   assignment: rawIndex < 0 is false) or the name of an assignment, before every marker.
 * - 640:57 EqualityOperator (<=): at name.length + subscript.length stands the = or + after the
 *   subscript's ], never a marker; and a tag in a substitution is read before the ] that follows it
 *   reaches raw (the ] of a subscript's frame, or of the word, is read only once the substitution
 *   has closed), so its rawIndex is within the subscript.
 * - 655:9 ConditionalExpression (true: redirectNext = false after every word): #redirection ends
 *   the word before it (or drops it, for 2> and {name}>) before it sets redirectNext, and every
 *   word built after is a redirection's target (redirect = redirectNext), so a word that ends while
 *   redirectNext is set always has redirect set: for the others it is already false.
 * - 739:19 ConditionalExpression (true: sed = cls.sed whatever the class): only the reparsed class
 *   of sed (command-rules.ts) has a sed property; on the other classes it is undefined.
 * - 740:46 ArrayDeclaration (scriptTags = ["Stryker was here"] without sed): with sed undefined,
 *   sed?.layers[…] is undefined whatever scriptTags holds, and line 744 reads scriptTags only after
 *   `layer !== undefined`.
 * - 740:99 ArrayDeclaration (`?? ["Stryker was here"]`): sed.script is one of the command's words
 *   (classifyCommand hands readSedCommand the same word objects), and #endWord pushes a word and
 *   its tags together, so wordTags at its index always exists.
 * - 744:58 OptionalChaining (sed.layers): read only when layer !== undefined, which needs sed.
 * - 755:46 ArrayDeclaration (`?? ["Stryker was here"]`): assignmentIndexes gives indexes of words,
 *   and wordTags has an entry for every word (see 740:99).
 * - 761:54 ArrayDeclaration (`?? ["Stryker was here"]`): forLoopWords gives the loop's name only
 *   when a word (in) follows it, so the name is one of the words and has its wordTags entry.
 * - 772:11 ConditionalExpression (true): #lose(null) is `#lost ??= null`, which changes nothing.
 * - 775:9 ConditionalExpression (true for `cls.kind === 'plain'`): every class named '' is plain:
 *   a group, no command word (classify, classifyCommand), or a basename '' (`exec /`), which
 *   classifyName sorts into no other class; the other classes name a command, a wrapper's option
 *   or 'a command this check cannot name'.
 * - 839:20 OptionalChaining (outer[index].rawIndex), 841:23 OptionalChaining
 *   (outer[index].wordStart), 841:50 BooleanLiteral (`?? true`): outer is mapped from tags, so
 *   outer[index] exists for every index of tags.forEach (the last two had no coverage in the run:
 *   they are reached only after the text in backticks is read again).
 */
