/**
 * The surviving and uncovered mutants of the "ssh second readers" module on the line ranges the
 * attack review of 4 December evening changed (c5b413d: console-session.ts, python-reader.ts,
 * tcl-reader.ts; report t-atk.json). The rows below kill the ones in the new code; the closing
 * comment lists every id with where it is killed or explained.
 */
import { describe, expect, it } from 'vitest';
import { checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';
import { exec, lines } from './support/second-reader-rows';

/** The errors of a template (its warnings left out). */
const errors = (template: string): string[] =>
  checkSshTemplate(template)
    .filter((p) => p.severity !== 'warning')
    .map((p) => p.message);

const wsadmin = [exec('wsadmin.sh'), 'expect "wsadmin>"'];

/** The console's exit, then a shell line whose value the check follows once the console is gone. */
const exitThenShell = [exec('exit'), 'expect "$"', exec("echo '[#ADD_INFO#]'")];

/** A wsadmin value in the form it follows (an attribute pair's value), then the exit. */
const pairThenExit = [exec('$AdminConfig modify $rp {{value [#NEW_PASSWORD#]}}'), ...exitThenShell];

describe('TclReader: a command with no name is no command', () => {
  // `set x 1;` leaves an empty command before the line's end, as a blank line does: tclsh runs
  // nothing there, so no unknown command (a program) is read and the exit is believed.
  it.each([['set x 1;'], ['set x 1; ;'], ['']])('plain tclsh: %j, then exit', (line) => {
    expect(errors(lines(exec('tclsh'), 'expect "%"', exec(line), ...exitThenShell))).toEqual([]);
  });
});

describe("TclReader: only wsadmin's objects themselves are plain names", () => {
  // `x$AdminConfig` and `$AdminConfig$n` substitute a variable into the command's name, which may
  // then be any command (exit, eval); only the whole word `$AdminConfig` is wsadmin's object.
  it.each([['x$AdminConfig list'], ['$AdminConfig$n list'], ['$AdminTask$n']])(
    'wsadmin: %s refuses the session',
    (line) => {
      expect(errors(lines(...wsadmin, exec(line), ...pairThenExit))).not.toEqual([]);
    },
  );

  it('wsadmin: $AdminConfig list, then the pair and exit, is accepted', () => {
    expect(errors(lines(...wsadmin, exec('$AdminConfig list'), ...pairThenExit))).toEqual([]);
  });
});

describe('TclReader: {*} expands a word into the name, a braced name is literal', () => {
  // `{*}$l` runs the list in $l as a command: tclsh 8.6 left on `set l exit` then `{*}$l`. The
  // braced `*` was read as a group of its own and left out of the name, so the rule for `{*}`
  // never held: wsadmin's session was accepted (a plain tclsh's only by the unknown command `*`).
  it.each([['{*}$l'], ['{*}$l a']])('wsadmin: %s refuses the session', (line) => {
    expect(errors(lines(...wsadmin, exec(line), ...pairThenExit))).not.toEqual([]);
  });

  it('plain tclsh: set l exit, then {*}$l, is not believed to leave', () => {
    const template = lines(exec('tclsh'), 'expect "%"', exec('set l exit'), exec('{*}$l'), ...exitThenShell);
    expect(errors(template)).not.toEqual([]);
  });

  // `{*}` expands only at a word's start: `a{*}` is a literal name (tclsh: invalid command name
  // "a{*}"), which wsadmin does not run as a program.
  it('wsadmin: a{*} is a plain name', () => {
    expect(errors(lines(...wsadmin, exec('a{*}'), ...pairThenExit))).toEqual([]);
  });

  // A name that starts with a brace is the braced word's text: no substitution builds it (tclsh
  // even refuses `{a}$b`, "extra characters after close-brace", and runs nothing).
  it('wsadmin: {a}$b, a name that starts braced, is not taken for a built one', () => {
    expect(errors(lines(...wsadmin, exec('{a}$b'), ...pairThenExit))).toEqual([]);
  });
});

describe('ConsoleReader: an exit spelled with backslashes, outside a command name', () => {
  // tclsh 8.6 reads `if 1 ex\it` as `if 1 exit` and leaves (checked: `printf 'if 1 ex\\it\nputs
  // still\n' | tclsh` prints nothing). The name is `if`, a plain Tcl command; only the line's
  // words with the backslashes dropped show the exit, and the check's exit after it is not
  // believed, so nothing later is followed.
  it.each([
    ['wsadmin.sh', 'wsadmin>'],
    ['tclsh', '%'],
  ])('%s: if 1 ex\\it loses the reading', (launcher, prompt) => {
    const template = lines(
      exec(launcher),
      `expect "${prompt}"`,
      exec('if 1 ex\\it'),
      exec('exit'),
      'expect "$"',
      exec("echo '[#ADD_INFO#]'"),
    );
    expect(errors(template)).not.toEqual([]);
  });
});

/*
 * Every surviving or uncovered mutant of the targeted run (sv-t-atk.txt, report t-atk.json), by id,
 * with where it is accounted for. Lines are b996a58's (Stryker's, 1-based); the fix above adds
 * three lines to tcl-reader.ts after its line 255. Ids without a number are the report's
 * file@range labels (0-based). "(by hand)": put in by hand, the tests named failed, taken out;
 * for an equivalent one, the module's test files and this one all passed with it.
 *
 * tcl-reader.ts, old code inside the ranges (explanations read again against HEAD):
 * - 124 L119:29 StringLiteral (the top frame `frame("")`): second-readers-mutants.test.ts, "the
 *   top frame's kind '' instead of 'bracket'"; holds: the kind tests are still for 'group' or
 *   'string' (lines 202-233, 252, 278, 297-299) or for 'bracket' with more than one frame open
 *   (260), and finish() sets a 'bracket' top again (by hand).
 * - tcl-reader.ts@134:9-134:11 L135:10 StringLiteral (`code = "Stryker was here!"`):
 *   second-readers-mutants, "neither word is an evaluator's name"; holds, and the words joined to
 *   the code after them are still split at the `!`; no `__`, `${`, `set $` or bare Admin… in them.
 * - tcl-reader.ts@146:58-146:67 L147:59 StringLiteral (no coverage, `?? frame("")`):
 *   second-readers-survivors-b.test.ts, ":115", "the frames are never empty"; holds.
 * - tcl-reader.ts@152:21-152:38 L153:22 EqualityOperator (`at <= items.length`) and
 *   tcl-reader.ts@154:10-154:28 L155:11 ConditionalExpression (`item === undefined`, false):
 *   second-readers-mutants, "an item past the end is undefined, and the array has no holes";
 *   holds (second-readers-survivors-c.test.ts, 1155, 1160; fixes-1204-survivors.test.ts, 84, 88).
 *
 * tcl-reader.ts, the command-name rule (#ended, new in c5b413d):
 * - 180 L278:9 ConditionalExpression (`script.kind === 'group'`, true): explained here as
 *   equivalent: #ended reads only a script frame (the top, a [ … ] or a group); every frame but a
 *   group is made by frame(kind) with its before '' (lines 119, 147, 186, 236, 267, 268), and
 *   expressionBefore needs a word (if, while, expr, …) before its blanks, so it is false on '' (by hand).
 * - 184 L279:18 OptionalChaining (`exec(...)[1]`) and 191 L279:62 StringLiteral (no coverage,
 *   `?? "Stryker was here!"`): explained here as equivalent: /^[\s;]*(\S*)/ may match empty in
 *   both parts, so exec matches at 0 on any string and group 1 always takes part (maybe empty):
 *   neither null nor undefined is reached (184 by hand).
 * - 185 L279:18 Regex (/[\s;]*(\S*)/, no ^): explained here as equivalent: the regex matches at
 *   index 0 already (it may match empty), and exec returns the leftmost match, with the same
 *   greedy parts as under ^ (by hand).
 * - 195 L280:9 ConditionalExpression (`name === ''`, false), 197 L280:18 StringLiteral
 *   (`name === "Stryker was here!"`): killed here ("a command with no name is no command": an
 *   empty command before a line's end was taken for a program in a plain tclsh) (by hand).
 * - 198 L280:24 Regex (no ^): killed here (`x$AdminConfig list`) (by hand).
 * - 199 L280:24 Regex (no $): killed here (`$AdminConfig$n list`, `$AdminTask$n`) (by hand).
 * - 203 L282:9 MethodExpression (`name.endsWith('{*}')`): killed here (`{*}$l`, `{*}$l a`, and
 *   `a{*}` accepted) (by hand, with the fix). Before the fix the `{*}` test was dead: a group's
 *   text went to its own command only, so a name never held `{*}`; see the fix below.
 * - 208 L282:37 MethodExpression (`!name.endsWith('{')`): killed here (`{a}$b`) (by hand).
 *
 * console-session.ts:
 * - 6 L220:22 LogicalOperator (`&&` between the two exit tests), 7 L220:84 StringLiteral (`\x`
 *   replaced by '' instead of x): killed here (`if 1 ex\it`, wsadmin and tclsh) (by hand).
 * - 19 L232:45 Regex (split on /[^A-Za-z0-9_]/, no +): second-readers-mutants, "it adds empty
 *   names, and no evaluator is ''"; holds: the names looked for are the evaluators and the four
 *   rule labels (set Admin…, a numeric escape, a name built at run time, programName), none ''.
 *
 * python-reader.ts (old code inside the ranges; c5b413d added `!this.#comment` to clean and
 * 'license' to the evaluators, which changes none of these):
 * - python-reader.ts@109:9-109:11 L110:10 StringLiteral (`code = "Stryker was here!"`):
 *   second-readers-mutants, "neither word is an evaluator's name"; holds ('license' is not one of
 *   the words, and they hold no `__`).
 * - python-reader.ts@118:6-118:27 L119:7 ConditionalExpression (`#string === null`, true):
 *   fixes-1204-survivors.test.ts, 15, "an open string leaves #line non-empty"; holds, clean still
 *   asks `#line === ''`.
 * - python-reader.ts@119:6-119:33 L120:7 ConditionalExpression (`#brackets.length === 0`, true):
 *   second-readers-mutants, "an open bracket leaves #line non-empty"; holds, as above.
 * - python-reader.ts@135:21-135:38 L136:22 EqualityOperator (`at <= items.length`) and
 *   python-reader.ts@137:10-137:28 L138:11 ConditionalExpression (`item === undefined`, false):
 *   second-readers-mutants, as the Tcl loop's; holds (second-readers-survivors-c, 483, 488).
 *
 * Fix (tcl-reader.ts, the `}` of a group): `{*}$l` was accepted in a wsadmin session, where the
 * rule meant to refuse a name that `{*}` expands never saw the `*`; tclsh 8.6 leaves on `set l
 * exit` then `{*}$l` (checked with tclsh 8.6.13). A plain tclsh's session was refused already,
 * only because the group `*` was read as an unknown command. A group whose whole text is `*` now
 * adds it to the name around it; the rows "wsadmin: {*}$l refuses the session" failed first.
 */
