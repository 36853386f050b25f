/**
 * The surviving mutants of the fixes of 4 December (shell-settings.ts runsANamedShell, runsACommand
 * and runnerStrings past maxRunnerDepth, runsAShell's `shellCommandAt < 0`; shell-reader.ts's
 * command-string cache key and exec without a command; python-reader.ts's and tcl-reader.ts's `\`
 * at the end of a write and blanks before exit(); shell-context.ts's comment line ending in `\`),
 * from Stryker runs on the changed line ranges only, each with its module's own tests (modules
 * "ssh shell reader", "ssh second readers" and "ssh shell context"). Each row names the mutants it
 * tells apart from the code (`ID LINE:COL Mutator (replacement)`, the runs' ids and HEAD's lines at
 * this file's start); each was put in by hand and the row seen failing. Every id of the three runs
 * is accounted for at the end of this file, with the mutants no input can tell apart.
 */
import { describe, expect, it } from 'vitest';
import { pythonReasons } from '../../../../electron/plugins/ssh/template/python-reader';
import { placements } from './support/reader-placements';
import { exec, lines, problems, refusal } from './support/second-reader-rows';

/** `count` flocks, each running the next (`flock /tmp/l1 flock /tmp/l2 …`), then `command`. */
const flocks = (count: number, command: string): string =>
  [...Array.from({ length: count }, (_, i) => `flock /tmp/l${i + 1}`), command].join(' ');

/** How a runner's arguments refuse a quoted value (command-rules.ts, reparsers). */
const toFlock =
  'quoted:"goes to flock, which parses its arguments as shell code again, or runs a command from them (quoting does not hold there)"';

describe('shell reader: exec without a command, and only that, gives the shell a new input', () => {
  const table: readonly (readonly [string, string])[] = [
    // 26 L830:31 LogicalOperator (`w.known && !w.redirect || w.text === 'exec'`), 27 L830:31
    // ConditionalExpression (true), 30 L830:57 ConditionalExpression (true): an assignment alone
    // is a command with no name, not exec: bash reads f for no one, and its next commands from
    // the terminal still.
    ['a=1 < f; echo §', 'unquoted start'],
    // 28 L830:31 LogicalOperator (`w.known || !w.redirect`): a redirection's target named exec is
    // a file, not the builtin (command-rules-survivors-c.test.ts holds it too, out of this
    // module's tests).
    ['< exec; echo §', 'unquoted start'],
    ['{ cat; } < exec; echo §', 'unquoted start'],
    // The code's own side: exec after an assignment still has no command.
    ['a=1 exec < f; echo §', 'unquoted start all:execInput'],
  ];

  it.each(table)('%j', (line, expected) => {
    expect(placements(line)).toBe(expected);
  });
});

describe('shell settings: runners deeper than maxRunnerDepth', () => {
  const table: readonly (readonly [string, string])[] = [
    // 109 L374:9 ConditionalExpression (true), 111 L374:9 EqualityOperator (`depth <=
    // maxRunnerDepth`), 113 L374:69 ArithmeticOperator (`depth - 1`, which never reaches the
    // limit): past the fifth runner, runnerStrings reads the runner's words as a line sh runs
    // (`flock /tmp/l6 echo (( §` after quote removal), where `((` is taken for sh's own syntax and
    // the value after it is refused for every value. Followed deeper, echo's words are its
    // arguments and nothing reads them as code. (An over-refusal no real template meets: the
    // reading is lost after six runners anyway, runsANamedShell.)
    [flocks(6, 'echo "((" §'), `unquoted start all:parenthesis ${toFlock}`],
    // Five runners are followed: echo's words are data there.
    [flocks(5, 'echo "((" §'), `unquoted start ${toFlock}`],
    // 101 L373:9 ConditionalExpression (false: no `return []` for a name that is not known): a
    // command whose name a variable completes ("$x"/ssh) is not followed as ssh, though its
    // basename reads so; what it runs cannot be known, so the reading is lost after it
    // (runsANamedShell) and its quoted values are refused as flock's arguments. The mutant read
    // `echo $(( § ))` as ssh's command line and refused the value for every value.
    [`flock /tmp/l "$x"/ssh db01 'echo $(( § ))'`, `single-quotes ${toFlock}`],
  ];

  it.each(table)('%j', (line, expected) => {
    expect(placements(line)).toBe(expected);
  });
});

describe('shell context: only a line that is a comment from its start ends at its `\\`', () => {
  const python = [exec('python3'), 'expect ">>>"'];

  // 14 L220:10 Regex (/^\s#/: exactly one blank before the #), 15 L220:10 Regex (/^\S*#/): bash
  // ends a comment at the newline, backslash or not, so the next line's python3 starts a console
  // the check reads (it refuses the f-string). The mutants joined the lines: a console started in
  // a split line, not followed. (second-readers-survivors-c.test.ts holds these rows too, out of
  // the module "ssh shell context"'s tests.)
  it.each(['# start python3 \\', '  # start python3 \\'])(
    'does not join the next line to a comment line: %j',
    (comment) => {
      const template = lines(exec(comment), ...python, exec('x = f"[#ADD_INFO#]"'), exec('exit()'));
      expect(problems(template)).toEqual([refusal(pythonReasons.prefixed)]);
    },
  );

  // 13 L220:10 Regex (/\s*#/: a # anywhere), 15 again: a # inside a word starts no comment, so
  // the `\` joins the next line, and bash runs `A=x#y python3`: a console started in a split
  // line, not followed, reads the value. The mutants took the line for a comment: neither part
  // alone names a console, and the value went to echo.
  it('joins the next line to one whose # is inside a word', () => {
    const template = lines(exec('A=x#y pyth\\'), exec('on3'), exec(`echo '[#ADD_INFO#]'`));
    expect(problems(template)).toEqual([
      expect.stringContaining('is sent to a console, started in a way this check does not follow'),
    ]);
  });
});

/*
 * Every surviving or uncovered mutant of the three runs, by id, with where it is accounted for.
 * Lines are HEAD's at this file's start (3cfa4b4's sources); "here" is this file. Each explanation
 * of another file was read again against HEAD's code; the ones marked (by hand) were also put in
 * by hand and the module's test files and this one run: all passed.
 *
 * Module "ssh shell reader", shell-reader.ts (report t-reader.json):
 * - 3 L815:13 ConditionalExpression (false: never the cache): shell-reader-survivors-i.test.ts,
 *   1462 L812:13, "reading the string again gives the same answer"; holds, the key is still
 *   JSON.stringify([bash, at, text]) (by hand).
 * - 7 L816:59 ArrayDeclaration (no coverage, `?? ["Stryker was here"]`): shell-reader-survivors-i,
 *   1466 L813:88, "every command string's words are among the command's words"; holds.
 * - 26 L830:31 LogicalOperator (`|| w.text === 'exec'`), 27 L830:31 ConditionalExpression (true),
 *   30 L830:57 ConditionalExpression (true): killed here (`a=1 < f`).
 * - 28 L830:31 LogicalOperator (`w.known || !w.redirect`): killed here (`< exec`); the row of
 *   command-rules-survivors-c.test.ts that holds it is not among this module's tests.
 *
 * Module "ssh shell reader", shell-settings.ts (report t-reader.json):
 * - 36 L341:49 StringLiteral (runsANamedShell's `?? "Stryker was here!"`): shell-settings-survivors-
 *   c.test.ts, 338:49, "nameAt is -1 where the class's name is no word; the basename of either
 *   fallback is no find, no joiner, no unparsed runner"; holds (commandRanges reads the name itself).
 * - 78 L361:27 OptionalChaining (runsACommand's `args[nameAt].text`), 79 L361:49 StringLiteral (no
 *   coverage, its `?? "Stryker was here!"`): newly explained here: runsACommand is called only with
 *   the index of a word that stands there (runsANamedShell once `command[name]` is defined and
 *   known, runnerStrings once `command[name]?.known === true`), so args[nameAt] is never undefined
 *   and neither the fallback nor a TypeError is reached (by hand).
 * - 92 L369:55 StringLiteral (runnerStrings' `?? "Stryker was here!"`): shell-settings-survivors-c,
 *   357:55, as 36; holds (at depth 0 nameAt may be -1; deeper, the word is known).
 * - 101 L373:9 ConditionalExpression (false): killed here (`flock /tmp/l "$x"/ssh …`).
 * - 109 L374:9 ConditionalExpression (true), 111 L374:9 EqualityOperator (<=), 113 L374:69
 *   ArithmeticOperator (depth - 1): killed here (six flocks then `echo "((" §`).
 *   shell-settings-survivors-c.test.ts lists 109 and 111 (as 361:73) among the mutants "not told
 *   apart by any input found": the joined line's reading differs where its words hold sh's syntax.
 * - 116 L377:91 BooleanLiteral (`bash: true`): shell-settings-survivors-c, "runnerStrings' string
 *   past maxRunnerDepth with bash: true for false": holds; the flag is read only by
 *   commandStringLoses' answer (shell-reader.ts, `!bash && bashOnly`), never for a tag's refusal,
 *   and runsAShell has returned true already for such a command at its first line
 *   (runsANamedShell asks runsACommand of the same command at the same depth) (by hand).
 * - 121 L452:7 ConditionalExpression (true for `cls.shellCommandAt !== undefined`):
 *   shell-settings-survivors-d.test.ts, 2215 436:7, "`undefined < 0` is false"; holds.
 * - 124 L452:43 EqualityOperator (`<= 0`): shell-settings-survivors-d, 2218 436:43,
 *   "shellCommandAt is never 0"; holds: command-rules.ts gives it from the shell option's index
 *   (1 or more, past the wrapper's name), env's as that index + 1, the others past the option
 *   (skipWrapper), or -1 (by hand).
 *
 * Module "ssh second readers" (report t-second.json), tcl-reader.ts:
 * - 57 L105:10 StringLiteral (`code = "Stryker was here!"`): second-readers-mutants.test.ts,
 *   "neither word is an evaluator's name"; holds.
 * - 79 L117:59 StringLiteral (no coverage, `?? frame("")`): second-readers-survivors-b.test.ts,
 *   ":115", "the frames are never empty"; holds.
 * - 84 L123:22 EqualityOperator (`at <= items.length`), 88 L125:11 ConditionalExpression (false):
 *   second-readers-mutants, "an item past the end is undefined, and the array has no holes";
 *   holds with a pending `\` put first (second-readers-survivors-c.test.ts, 1155, 1160).
 *
 * python-reader.ts:
 * - 2 L108:10 StringLiteral (`code = "Stryker was here!"`): second-readers-mutants, as 57; holds.
 * - 15 L117:7 ConditionalExpression (true for `this.#string === null` in clean): newly explained
 *   here: #openString is the only place a string opens, and it adds a blank to #line; #line is
 *   emptied only in #newline, after a line with no string open (one left open on a line that is
 *   not triple-quoted is closed first, the reading lost). So an open string leaves #line
 *   non-empty, and clean's `#line === ''` is false already (by hand).
 * - 17 L118:7 ConditionalExpression (true for `#brackets.length === 0`): second-readers-mutants,
 *   "#line is only kept over a newline while a bracket or a string is open"; holds, an open
 *   bracket is in #line (#char adds it) (by hand).
 * - 29 L132:22 EqualityOperator (`at <= items.length`), 33 L134:11 ConditionalExpression (false):
 *   second-readers-mutants, as 84 and 88; holds (second-readers-survivors-c, 483, 488).
 *
 * Module "ssh shell context" (report /tmp/t-context.json), shell-context.ts:
 * - 13 L220:10 Regex (/\s*#/): killed here (`A=x#y pyth\`, then `on3`).
 * - 14 L220:10 Regex (/^\s#/): killed here (`# start python3 \`, and with two blanks first).
 * - 15 L220:10 Regex (/^\S*#/): killed here (both tests). second-readers-survivors-c.test.ts
 *   kills 14 and 15 as well, out of this module's tests.
 *
 * None of the three lists showed a real bug: each mutant killed here is refused by the code where
 * the mutant let a value through, or pins the code's reading where the mutant refused more.
 */
