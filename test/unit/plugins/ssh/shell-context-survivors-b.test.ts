// The surviving mutants of shell-context.ts from line 202 to line 293 (`npm run mutation`, module
// "ssh shell context"), part b: the template's own text asking for history expansion or naming a
// hook, the shell line assembled from writes and `\` continuations, the consoles a line opens
// (followed or not, and the name a refusal gives), the here-document body lines the readings agree
// on, a console's lines (placeConsoleLine) and the probe of a line that is exactly one tag
// (whyTheShellReadsIt). Each template below is read by placeTemplateTags, and every tag's exact
// placement is compared; each row names the mutants it tells apart from the code (positions in
// shell-context.ts at this file's commit). The mutants no input can tell apart are explained at
// the end of this file.

import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../../../electron/plugins/ssh/template/parser';
import { placeTemplateTags } from '../../../../electron/plugins/ssh/template/shell-context';
import { reasons } from '../../../../electron/plugins/ssh/template/tag-placement';

/** One tag as placed: template line, segment, context, why no value goes there, why no quoted one. */
type Placed = readonly [number, number, string, string | null, string | null];

/** Every tag of a template (its lines joined), in line order, as placeTemplateTags places it. */
function placed(lines: readonly string[]): Placed[] {
  const parsed = parseTemplate(lines.join('\n'));
  expect(parsed.problems).toEqual([]);
  const rows: Placed[] = [];
  for (const [line, tags] of placeTemplateTags(parsed.commands))
    for (const tag of tags) rows.push([line, tag.segment, tag.context, tag.refusedForAll, tag.refusedQuoted]);
  return rows;
}

/** A console started in a way the check does not follow (console-session.ts, ConsoleReader.feed). */
const sentTo = (name: string): string =>
  `is sent to ${name}, started in a way this check does not follow (behind another command, or with options it does not know): it reads the value with its own rules`;

/** Python's reader of a console line (python-reader.ts). */
const outsideString =
  'sits outside a Python string literal in a console line, where the console would read the value as code: put it inside \'…\' or "…"';

/** shell-context.ts, whyTheShellReadsIt. */
const stillReading =
  'is typed where the shell is still reading the lines before it (an open quote, an unfinished command, pipeline, if or group, a here-document, a construct this check does not follow), so it would read the value unquoted, as shell code';

function checkRows(rows: readonly (readonly [readonly string[], readonly Placed[]])[]): void {
  it.each(rows.map(([lines, expected]) => [lines.join(' / '), lines, expected] as const))(
    '%s',
    (_name, lines, expected) => {
      expect(placed(lines)).toEqual(expected);
    },
  );
}

describe('the text of a line that no line end follows: history expansion and hooks', () => {
  // A write that no exec ends is never a whole shell line (line 212): only its own text, with its
  // tags as letters (line 202), is looked at.
  checkRows([
    // 202:31 ArrowFunction (() => undefined), 202:45 ConditionalExpression (false), EqualityOperator
    // (!==), 202:62 StringLiteral (""), 203:5 AssignmentOperator (&&=): the text's own !! is seen.
    [['write "echo [#USERNAME#] !!"'], [[1, 1, 'unquoted', reasons.history, null]]],
    // 202:45 ConditionalExpression (true), 202:86 StringLiteral (""): the tag stands for a letter,
    // so the ! before it starts a word (!x, the last command starting with x); read as nothing, the
    // ! would end the line, which bash leaves alone.
    [['write "echo ![#USERNAME#]"'], [[1, 1, 'unquoted', reasons.history, reasons.before]]],
    // 204:5 AssignmentOperator (&&=), 243:7 ConditionalExpression (false): PS0 in the text.
    [['write "echo [#USERNAME#] PS0"'], [[1, 1, 'unquoted', reasons.hooks, null]]],
  ]);
});

describe('the shell line assembled from writes and continuations', () => {
  checkRows([
    // 208:9 ConditionalExpression (false, twice), LogicalOperator (&&), 208:26 StringLiteral
    // (""), 208:104 BlockStatement ({}), 209:11 ConditionalExpression (true), EqualityOperator
    // (!==): a write continues the shell line, so `pyth` and `on3` are one command, python3,
    // started from a line split over template lines: a console not followed (line 223). A write's
    // text is never cut (209:11 true would read `pyt` and `on3`).
    [
      ['write "pyth"', 'exec "on3"', 'exec "echo [#USERNAME#]"'],
      [[3, 1, 'console', sentTo('a console'), null]],
    ],
    // 208:38 ConditionalExpression (false), EqualityOperator (===), 208:77 MethodExpression
    // (startsWith), 209:67 UnaryOperator (+1): a \ at the end of an exec's text (unix line ends)
    // continues the line into the next exec, without the \.
    [
      ['exec "pyth\\\\"', 'exec "on3"', 'exec "echo [#USERNAME#]"'],
      [[3, 1, 'console', sentTo('a console'), null]],
    ],
    // 208:38 ConditionalExpression (true), EqualityOperator (===): with windows' CR LF, the \
    // continues only into the empty line the CR ends, so `on3` is a command of its own.
    [
      ['set-new-line-mode "windows"', 'exec "pyth\\\\"', 'exec "on3"', 'exec "echo [#USERNAME#]"'],
      [[4, 1, 'unquoted', null, null]],
    ],
    // 209:11 ConditionalExpression (false), EqualityOperator (!==), 209:28 StringLiteral (""),
    // 209:48 MethodExpression (shellLine): the continuing \ is not part of the shell line bash
    // assembles, so PS1 is set to `ax`: no \x escape for prompt expansion to decode.
    [['exec "PS1=a\\\\"', 'exec "x"', 'exec "echo [#USERNAME#]"'], [[3, 1, 'unquoted', null, null]]],
    // 209:11 ConditionalExpression (true): the write's ! and the exec's ! are one !! (the comment
    // at line 214), found only in the shell line as a whole.
    [['write "echo !"', 'exec "!"', 'exec "echo [#USERNAME#]"'], [[3, 1, 'unquoted', reasons.history, null]]],
  ]);
});

describe('a console a line opens, followed or not', () => {
  checkRows([
    // 223:46 ObjectLiteral ({}), 223:80 StringLiteral (""): with PYTHONINSPECT in the template,
    // python3 run.py stays a console after its script, one this check does not follow, named
    // "a console"; were it taken for one it follows, the line after it (no expect between) would
    // be sent to "a console with no expect after its start" (line 153), and after an expect to a
    // console reader of no kind, which refuses nothing.
    [
      ['exec "export PYTHONINSPECT=1"', 'exec "python3 run.py"', 'exec "print(\'[#USERNAME#]\')"'],
      [[3, 1, 'console', sentTo('a console'), null]],
    ],
    [
      [
        'exec "export PYTHONINSPECT=1"',
        'exec "python3 run.py"',
        'expect ">>>"',
        'exec "print(\'[#USERNAME#]\')"',
      ],
      [[4, 1, 'console', sentTo('a console'), null]],
    ],
    // 228:7 ConditionalExpression (true, three times), LogicalOperator (both), 228:23 StringLiteral
    // (""), 231:9 ConditionalExpression (true), 235:15 ConditionalExpression (false), 235:31
    // StringLiteral (""): psql is a console this check cannot read; it starts at once (no wait
    // for an expect), and the refusal names it.
    [['exec "psql"', 'exec "select \'[#USERNAME#]\'"'], [[2, 1, 'console', sentTo('psql'), null]]],
    // 230:7 ConditionalExpression (true), 230:26 MethodExpression (sent), 230:40
    // ArithmeticOperator (+), 235:15 ConditionalExpression (true), 235:57 StringLiteral (""):
    // python3 at the end of a pipeline is not at a fresh start (what was sent before its own line
    // leaves the pipeline open; with its line, the shell is done), so it is a console not
    // followed, named "a console" (a python3 console start has no name).
    [
      ['exec "echo import os |"', 'exec "python3"', 'expect ">>>"', 'exec "print(\'[#USERNAME#]\')"'],
      [[4, 1, 'console', sentTo('a console'), null]],
    ],
  ]);
});

describe('the here-document body lines the readings agree on', () => {
  checkRows([
    // 246:33 BlockStatement ({}), 248:9 ConditionalExpression (false), EqualityOperator (===):
    // python3 is a line of the body, so the second reading opens no console there and reads the
    // lines after the body as the shell's.
    [
      ['exec "cat >/tmp/f <<\'EOF\'"', 'exec "python3"', 'exec "EOF"', 'exec "echo [#USERNAME#]"'],
      [[4, 1, 'unquoted', null, null]],
    ],
  ]);
});

describe("a console's lines (placeConsoleLine)", () => {
  checkRows([
    // 265:7 ConditionalExpression (false, true), LogicalOperator (||), EqualityOperator (!==),
    // 265:32 ConditionalExpression (true), EqualityOperator (!==), 265:61 BlockStatement ({}),
    // 265:54 StringLiteral (""), 266:46 StringLiteral (""): a line that is exactly one tag is the
    // console's code, refused quoted besides Python's own refusal; a tag inside a line's string,
    // or one that starts a longer line, is not.
    // 264:45 ConditionalExpression (true): a write is continued by the next line, so Python reads
    // `# cx = '…'`, all a comment.
    [
      [
        'exec "python3"',
        'expect ">>>"',
        'exec "[#USERNAME#]"',
        'exec "print(\'[#USERNAME#]\')"',
        'exec "[#USERNAME#] = 1"',
        'write "# c"',
        'exec "x = \'[#USERNAME#]\'"',
      ],
      [
        [3, 0, 'console', outsideString, 'is typed as a whole line of a console, which reads it as code'],
        [4, 1, 'console', null, null],
        [5, 0, 'console', outsideString, null],
        [7, 1, 'console', 'sits in a comment of a console line', null],
      ],
    ],
  ]);
});

describe('the probe of a line that is exactly one tag (whyTheShellReadsIt)', () => {
  checkRows([
    // 288:14 ArrayDeclaration ([]), 288:15 ArrayDeclaration ([]), 292:5 ConditionalExpression
    // (true): after set -o vi a command starts fresh, but every value after it is refused (the
    // reading is lost), so the probe's own refusal makes the line no prompt answer.
    [
      ['exec "set -o vi"', 'exec "[#NEW_PASSWORD#]"'],
      [
        [
          2,
          0,
          'unquoted',
          'comes after a command that changes how bash reads its input (set -o posix, set -k, shopt extglob…, POSIXLY_CORRECT) or how the terminal edits it (stty), which this check does not follow',
          stillReading,
        ],
      ],
    ],
  ]);
});

/*
 * Mutants of shell-context.ts from line 202 to line 293 that no input tells apart from the code
 * (positions at this file's commit). Those marked "(searched)" were also run, mutated, against
 * some 8,000 generated templates (a line with or without a tag left open in each way the reader
 * knows, then one or two lines that are exactly one tag, then a line that may close it), with no
 * placement changed.
 *
 * - 229:7 ConditionalExpression (true for `segments.length === 1`): a console of a known kind is
 *   opened only by a line that is plain text (console-session.ts, plainLine, which has no `[`, so
 *   no tag) and not split (line 223): such a line is one text segment.
 * - 248:9 ConditionalExpression (true): it adds undefined to the body lines when a line that is
 *   exactly one tag is in a body; no template line number is undefined (line 221), so a reading
 *   with it is the reading without it, and placeTemplateTags only reads once more (the sets agree
 *   then). It could differ only if a template's readings still disagreed at the last pass, which
 *   the comment at line 88 says is not expected. (searched)
 * - 265:32 ConditionalExpression (true): a line of one segment that is not a tag is text alone,
 *   which has no tag to refuse.
 * - 265:32 OptionalChaining (`segments[0].kind`): `segments.length === 1` before it means
 *   segments[0] is there.
 * - 284:25 ConditionalExpression (true): the probes would read the sent tags themselves instead
 *   of stand-ins. Every such tag is read again by the template's own reading (line 239), through
 *   the same items up to the line that is exactly one tag, and the probes' readings differ from
 *   it only after those items (a stand-in where the value goes, or `x` and one, then the end):
 *   no way was found for that to give an earlier tag a refusal or a sed layer its own reading
 *   does not give it first (the reader keeps a tag's first refusal). (searched)
 * - 285:31, 287:31 UnaryOperator (+2, +1): the stand-ins' segment numbers are never read (the
 *   shell reader does not look at a tag's segment; check.ts and substitute.ts do, for the real
 *   tags only).
 * - 286:36 StringLiteral (""), 288:46 StringLiteral (""): without its line end, the start's and
 *   the probe's readings end at the end of their items, where read() ends the open command as a
 *   line end does (shell-reader.ts, read); start.freshCommand is decided as the stand-in is read
 *   (#tag), and only a closing backtick, which an empty item does not bring, changes it. (searched)
 * - 291:5 ConditionalExpression (true), 293:5 ConditionalExpression (true): when the start is a
 *   fresh command, the probe is read in the same top-level command frame after the plain word `x`,
 *   so its context is 'unquoted'; and none of the reader's refusals of a quoted value holds for
 *   the plain argument of a plain command alone on its line (no glob, assignment, loop, pipe,
 *   input or reparsing command), while a lost reading refuses all values (292:5, killed above).
 *   (searched)
 */
