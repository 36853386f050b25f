// The shell reader's surviving mutants of issue 15 (`npm run mutation`, module "ssh shell reader",
// run at 1355c9c), part i: shell-reader.ts from line 662 (of 1355c9c) to the end — printf -v,
// here-document delimiters and bodies, #endCommand's command strings, backticks, the nesting limit
// of command strings in commandStringLoses, readStream — and here-document.ts and tag-placement.ts.
// Each row names the mutants it tells apart from the code, by Stryker's id and position at 1355c9c;
// the mutants no input can tell apart are explained at the end of this file.

import { describe, expect, it } from 'vitest';
import { checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';
import { placements } from './support/reader-placements';

/** How su's command string refuses a quoted value (command-rules.ts, reparsers). */
const toSu =
  'quoted:"goes to su, which parses its arguments as shell code again, or runs a command from them (quoting does not hold there)"';

/** Each line (§ a tag) and its tags' placements. */
const table: readonly (readonly [string, string])[] = [
  // Command strings within command strings are read three deep (maxNesting); a fourth is not
  // followed: the reading is lost there and its tags are refused for every value.
  // 1565 L919:7 ConditionalExpression (false), 1566 EqualityOperator (>), 1569 L921:12
  // BooleanLiteral (false), 1576 L931:3 UpdateOperator (nesting--): the fourth string loses the
  // reading, so a value on the next command is refused.
  [`su -c "su -c 'su -c \\"su -c x\\"'"; echo §`, 'unquoted start all:parsing'],
  // With three strings (the third is x), each is read: none starts a shell.
  [`su -c "su -c 'su -c x'"; echo §`, 'unquoted start'],
  // 1568 L919:30 BlockStatement ({}), and 1565, 1566, 1576 again: a tag in the fourth string is
  // refused for every value.
  [`su -c "su -c 'su -c \\"su -c §\\"'"`, `double-quotes all:parsing ${toSu}`],
  [`su -c "su -c 'su -c §'"`, `double-quotes ${toSu}`],
  // 1458 L810:21 StringLiteral (the key ``; now the ArrayDeclaration [] of JSON.stringify's array):
  // each command string is read for itself; su runs its last -c, which starts sh, and a value in it
  // sits in arithmetic.
  [`su -c : -c 'x; sh'; echo §`, 'unquoted start all:parsing'],
  [`su -c : -c 'echo $((§))'`, `single-quotes all:arithmetic ${toSu}`],
  // The same text from two words holds two tags: each is refused where its place asks (found by
  // this review, 1462 L812:13: the cache keyed by the text alone gave the second tag nothing).
  [
    `su -c 'echo $((§))' -c 'echo $((§))'`,
    `single-quotes all:arithmetic ${toSu} | single-quotes all:arithmetic ${toSu}`,
  ],
  // here-document.ts 5 L50:57 ConditionalExpression (true), 8 L50:66 StringLiteral (""), 9 L51:19
  // MethodExpression (no slice): after <<-, bash strips a body line's leading tabs before it
  // compares the line with the delimiter, so a value after them could end the body. (A template's
  // exec line cannot hold a tab, parser.ts: readStream is asked directly.)
  ['cat <<-EOF\n\t§\nEOF', 'here-document all:hereDocumentEnd quoted:hereDocumentExpands'],
  ['cat <<-EOF\n\t\t§\nEOF', 'here-document all:hereDocumentEnd quoted:hereDocumentExpands'],
  // After <<, the tab stays: the line is a tab and the value, never EOF.
  ['cat <<EOF\n\t§\nEOF', 'here-document quoted:hereDocumentExpands'],
  // here-document.ts 22 L55:37 StringLiteral (no s flag): a value stands for any text, the
  // delimiter's line end too. bash 5.2 never ends a body at a delimiter with a line end in it (the
  // body runs to the end of the input, with a warning): the refusal is stricter than needed, in a
  // template no one writes.
  ["cat <<'a\nb'\n§\na\nb", 'here-document all:hereDocumentEnd'],
];

describe('shell reader survivors (part i): where each tag of a typed line lands', () => {
  it.each(table)('%j', (line, expected) => {
    expect(placements(line)).toBe(expected);
  });
});

describe('shell reader survivors (part i): command strings in a whole template', () => {
  it("refuses a value in arithmetic in su's second -c string, after one without a tag", () => {
    expect(checkSshTemplate(`exec su -c : -c 'echo $(([#USERNAME#]))'`)).toContainEqual(
      expect.objectContaining({
        line: 1,
        message: expect.stringContaining('arithmetic expression') as string,
      }),
    );
  });

  it('reports each tag of two identical -c strings', () => {
    const problems = checkSshTemplate(`exec su -c 'echo $(([#USERNAME#]))' -c 'echo $(([#USERNAME#]))'`);
    expect(problems.filter((p) => p.message.includes('arithmetic expression')).map((p) => p.column)).toEqual([
      21, 49,
    ]);
  });
});

/*
 * Mutants of part i that no input tells apart from the code (issue 15). Each is named by Stryker's
 * id and its position at 1355c9c, then the line's text; the mutant was put in by hand and the
 * shell-reader*, shell-settings* and command-strings* test files and this one all still passed.
 *
 * Already explained in shell-reader-survivors-g.test.ts (its positions, of an older commit, in
 * brackets), and still so: 1224 L676:9 [670:9], 1324 L717:11 [700:36], 1332 L727:23 [706:23],
 * 1367 L760:9 [739:9], 1371 L762:11 [741:11], 1467 L821:11 [787:11], 1384 L775:19 [754:19], 1391
 * L776:46 [755:46], 1393 L776:99 [755:99], 1403 L780:58 [759:58], 1415 L786:11 [765:11], 1429
 * L791:46 [770:46], 1434 L793:41 [772:41], 1435 L793:63 [772:63], 1441 L797:54 [776:54], 1444
 * L798:54 [777:54], 1445 L798:84 [777:84], 1475 L824:9 [790:9], 1527 L861:22 [827:22], 1534
 * L863:11 [829:11], 1552 L891:20 [857:20], 1555 L893:23 [859:23], 1556 L893:50 [859:50], 1599
 * L952:57 [872:57], 1609 L960:16 [880:16].
 *
 * shell-reader.ts, #plainVariable (printf -v):
 * - 1284 L707:7 ConditionalExpression (true), 1285 EqualityOperator (>= 0), `options.length > 0`:
 *   it is called only for the class 'printf -v', which classifyName (command-rules.ts) gives only
 *   when printf's first argument is expanded or starts with -v; that word is one of the
 *   non-redirection words #plainVariable reads, so options is never empty.
 * - 1292 L710:22, 1298 L711:22, 1302 L711:59, 1316 L713:11 OptionalChaining (option.text,
 *   option.known): `at` is an index of args itself, so option is always defined.
 * - 1313 L713:11 LogicalOperator (`option?.known === true || !option.expanded`), 1314
 *   ConditionalExpression (true): a known word is never expanded (#endWord: known needs no glob and
 *   no braces, #unknown clears known), so the two differ only on an unknown word that is not
 *   expanded: one holding a tag, whose marker then stands in its text. With -vNAME, name is option
 *   and `name?.known === true` refuses it anyway; with a lone -v, the text is exactly -v, so the
 *   word holds no tag and is known.
 *
 * shell-reader.ts, #endCommand's command strings (readString):
 * - 1459 L810:31, 1460 L810:40 StringLiteral ('' for 'bash', '' for 'sh'): gone with the key's
 *   template literal (the key is now JSON.stringify([bash, at, text])); the two readers' keys stayed
 *   apart with them too ('' and 'sh', 'bash' and '').
 * - 1462 L812:13 ConditionalExpression (false: never the cache): a key now names the text, the
 *   reader and the words, so reading the string again gives the same answer and puts the same
 *   refusals (refuseAll keeps the first reason) on the same tags. Before this file's fix it told
 *   the code apart: two -c strings with the same text gave the second's tags no refusal.
 * - 1466 L813:88 ArrayDeclaration (no coverage; `?? ["Stryker was here"]`): every command string's
 *   words are among the command's words (commandStringsOf and runsAShell filter cmd.words, runners'
 *   ranges slice them), and #endWord pushes a word and its tags together.
 *
 * shell-reader.ts, commandStringLoses:
 * - 1575 L926:31 UnaryOperator (Placement(+1)): the stand-ins' segment is never read; only their
 *   refusedForAll goes back to the outer tags.
 * - 1583 L939:9 ConditionalExpression (true): refuseAll(null) is `refusedForAll ??= null`.
 * - 1586 L939:37 OptionalChaining (outer[i].refuseAll): a NUL in a string's text is the marker of a
 *   tag in one of its words (#tag; a template's line holds no NUL, parser.ts refuses control
 *   characters), and wordTags holds every tag of a word, nested ones too, so outer has at least as
 *   many tags as the text has NULs.
 *
 * here-document.ts:
 * - 11 L52:12 ConditionalExpression (false: slice(from) with from -1): couldBeDelimiter is called
 *   only for a line with a tag, and a tag is not a tab, so findIndex finds it: from is never -1.
 * - 79 L91:22 ConditionalExpression (true), 80 EqualityOperator (>= 0): on a line without tags,
 *   `ending` is read by no tag.
 *
 * tag-placement.ts:
 * - 2654 L46:27 StringLiteral ('' for 'unquoted'): every placement that is read has its context set
 *   by the reader (#tag for each frame kind, readHereDocumentBodies, readBackticks) or by
 *   console-session.ts; the inner stand-ins of commandStringLoses are read for refusedForAll only.
 * - 2656 L52:14 UnaryOperator (rawIndex +1): rawIndex is read only for a word's tags (allTags),
 *   which #tag gave their rawIndex before it pushed them.
 */
