/**
 * The last survivors of the "ssh second readers" mutation run (59, listed by id at the end of this
 * file with where each is explained), and the bugs four of them showed:
 * - a comment's trailing `\` was taken for a line continuation (shell-context.ts), so the console
 *   the next line starts was not seen, and its lines were read as the shell's (mutant 95);
 * - blanks written before `exit()` were taken for nothing, but python3 reads `  exit()` as an
 *   indented line (IndentationError) and stays: the lines after it went to Python (477);
 * - a `\` at the end of a write was dropped, but Python and Tcl read it as escaping the next
 *   line's first character: a quote or brace there closes nothing (506, 1175).
 * The first two and the Python one were seen with bash 5.2 and Python 3.11.7 running the value as
 * Python code (an f-string, or the operator `or` between two strings); the Tcl one with tclsh 8.6.
 */
import { describe, expect, it } from 'vitest';
import { consoleOpenedBy } from '../../../../electron/plugins/ssh/template/console-session';
import { pythonReasons } from '../../../../electron/plugins/ssh/template/python-reader';
import { tclReasons } from '../../../../electron/plugins/ssh/template/tcl-reader';
import { exec, lines, problems, refusal } from './support/second-reader-rows';

const python = [exec('python3'), 'expect ">>>"'];
const formatted = refusal(pythonReasons.prefixed);
const leaves = refusal('comes after a line that may leave the console (an exit this check does not follow)');

describe('a comment line ending in a backslash', () => {
  it('is not a console start (the line has no command)', () => {
    expect(consoleOpenedBy('# python3')).toBeNull();
    expect(consoleOpenedBy('  # start python3 \\')).toBeNull();
  });

  it.each(['# start python3 \\', '  # start python3 \\', '#\\'])(
    'does not join the next line: the console it starts is read as one (%j)',
    (comment) => {
      // bash ends a comment at the newline, backslash or not: python3 runs, and reads the f-string.
      const template = lines(exec(comment), ...python, exec('x = f"[#ADD_INFO#]"'), exec('exit()'));
      expect(problems(template)).toEqual([formatted]);
    },
  );

  it.each(['echo a # b \\', 'echo a#b \\'])(
    'still joins a line whose comment starts after a command, or a word holding a #: %j',
    (line) => {
      // The joined line names python3 after another command: a console this check does not follow.
      const template = lines(exec(line), ...python, exec(`f('[#ADD_INFO#]')`), exec('exit()'));
      expect(problems(template)).toEqual([
        expect.stringContaining('is sent to a console, started in a way this check does not follow'),
      ]);
    },
  );
});

describe('a Python console: blanks written before exit()', () => {
  it('are an indented line, which python refuses: the console is still there after it', () => {
    const template = lines(
      ...python,
      'write "  "',
      exec('exit()'),
      'expect ">"',
      exec('x = f"[#ADD_INFO#]"'),
    );
    expect(problems(template)).toEqual([leaves]);
  });

  it('closes on an exit() with no blank before it (the reference case)', () => {
    const template = lines(...python, exec('x = 1'), exec('exit()'), 'expect "$"', exec('echo [#ADD_INFO#]'));
    expect(problems(template)).toEqual([]);
  });
});

describe('a Python console: a backslash at the end of a write', () => {
  it('escapes the first character of the next line (a quote there does not close the string)', () => {
    // python3 reads f('a\', ' or ', '): the value is the operator between two strings.
    const template = lines(...python, `write "f('a\\\\"`, exec(`', '[#ADD_INFO#]', ')`));
    expect(problems(template)).toEqual([refusal(pythonReasons.outsideString)]);
  });

  it('before a tag, is refused as a backslash before the value', () => {
    const template = lines(...python, `write "f('a\\\\"`, exec(`[#ADD_INFO#]')`));
    expect(problems(template)).toEqual([refusal(pythonReasons.backslash)]);
  });

  it('alone before exit(), makes it \\exit(), a syntax error: the console is still there', () => {
    const template = lines(
      ...python,
      'write "\\\\"',
      exec('exit()'),
      'expect ">"',
      exec('x = f"[#ADD_INFO#]"'),
    );
    expect(problems(template)).toEqual([leaves]);
  });
});

describe('a Tcl console: a backslash at the end of a write', () => {
  const tcl = [exec('wsadmin.sh'), 'expect "wsadmin>"'];

  it('escapes a brace that starts the next line: it closes no group', () => {
    // tclsh reads {{name a\} {value …}} as one group left open (missing close-brace): the value is
    // not the value of a pair in an attribute list.
    const template = lines(
      ...tcl,
      'write "$AdminConfig modify $rp {{name a\\\\"',
      exec('} {value [#ADD_INFO#]}}'),
    );
    expect(problems(template)).toEqual([refusal(tclReasons.notPair)]);
  });

  it('before a tag, is refused as a backslash before the value', () => {
    const template = lines(...tcl, 'write "$AdminConfig getid /DataSource:\\\\"', exec('[#ADD_INFO#]/'));
    expect(problems(template)).toEqual([refusal(tclReasons.backslash)]);
  });
});

// The 59 mutants the "ssh second readers" run of d0e238f's sources left (1116 / 1175), by id,
// with where each is accounted for. Each was put in by hand and the module's test files run
// (second-readers-check, second-reader-attacks, second-readers-mutants, second-readers-survivors-a
// and -b): all 59 passed them. "mutants" is second-readers-mutants.test.ts, "a" and "b" are
// second-readers-survivors-a and -b.test.ts, "c" is this file. Lines are d0e238f's.
// console-session.ts
// - 8, 9 (:43 basename's /^\\/ as /\\/, or its '' as "Stryker was here!"): a, ":43".
// - 95 (:92 `if (first === undefined) return null`, false): KILLED here. The explanation in
//   mutants ("split always gives one word") did not hold: a line whose first word is a comment
//   has no first word, and the mutant throws. It showed the comment bug above (shell-context.ts).
// - 97 (:97 split without +): a, ":97".
// - 112, 113, 133 (:110-112 the command regex without ^, `exec(...)[1]`, `?? "Stryker…"`): a.
// - 218 (:132 `args[0].startsWith`): mutants, "reached only when args is not empty".
// - 234 (:135 `let kind = ''`): mutants, "only kind === 'python' is read".
// - 241 (:137 `args[i] ?? "Stryker…"`): mutants, "i < args.length".
// - 279, 280 (:153 /^[A-Za-z0-9]$/ without $ or ^): mutants, "one character at a time".
// - 302, 303 (:181 `this.#tcl.clean`, `?? true`), 310, 312 (:190 `start.kind === 'unknown'` false
//   or ''): mutants, "closesOn … either test alone keeps it from closing". `clean` is read only
//   there (shell-context.ts calls closesOn for every console, unknown ones too), after the kind.
// - 337 (:204 `item.context = ''`): mutants, "a refused tag is never substituted" (substitute.ts
//   reads context only for tags without a console inner kind; check.ts not at all).
// - 357 (:225 split without +): mutants, "no evaluator is ''".
// python-reader.ts
// - 458 (:102 `#rawText = true`): b, ":102".
// - 460 (:106 `code = "Stryker…"`): mutants, "neither word is an evaluator's name".
// - 473 (:110 `#brackets.length === 0`, true): mutants; it still holds with `#line === ''`: an
//   open bracket is in #line, which is emptied only at a newline with no bracket open.
// - 477 (:110 `#line` untrimmed): GONE, a real bug. The explanation in mutants did not hold: a
//   write of blanks before `exit()` kept #line blank but not empty, and python3 reads `  exit()` as
//   an indented line (IndentationError) and stays; the check took the console as closed. clean now
//   asks for an empty #line (the mutant's form) and no pending backslash (tests above).
// - 483, 488 (:120 `at <= items.length`, :122 `item === undefined` false): mutants, "an item past
//   the end is undefined, and the array has no holes" (still so with a pending `\` put first).
// - 506 (:133 `next === undefined` false): KILLED here. The explanation in mutants ("each exec
//   line is fed with its newline") did not hold for a write, which has none: its trailing `\` was
//   dropped, and python3 read the next line's quote as escaped (the bug above). The reader now
//   keeps it for the next line, and the mutant fails the backslash tests above.
// - 514 (:136 `next === '\n'` false): b, ":136".
// - 516 (:136 the '\n' of `next === '\n'` as ''): the same as 514: an item is one code point,
//   never '', so the test is false as in 514, which b explains.
// - 523 (:150 `tag.context = ''`): mutants, "item.context = 'console' (here and in both readers)".
// - 526 (:152 `if (this.#lost !== null)`, true): mutants, "refuseAll(null) refuses nothing".
// - 628 (:203 the callee '' as "Stryker…"): b, ":203".
// - 654, 658 (:210 `exec(...)[0]`, `?? "Stryker…"`): b, ":210".
// - 700 (:219 `?? "Stryker…"`): b, ":219".
// sed-script.ts
// - 808, 809, 810, 812, 813, 815 (:69 `text === '-E' || text === '-r'` false or &&, either test
//   false, either string ''): mutants, "the letter loop below sets extended for -E and -r too".
//   Each keeps `|| text === '--regexp-extended'`, which mutants' rows still need.
// - 959 (:126), 995 (:130) (`part === 'pattern'` true where interval is set false): a.
// tcl-reader.ts
// - 1052 (:30 `before = "Stryker…"`): mutants, "every group is given its before".
// - 1126 (:96 the top frame's kind ''): mutants, "'' reads as 'bracket'".
// - 1130 (:103 `code = "Stryker…"`): mutants, "neither word is an evaluator's name".
// - 1152 (:115 `?? frame('')`): b, ":115".
// - 1155, 1160 (:119 `at <= items.length`, :121 `item === undefined` false): mutants, as 483, 488.
// - 1175 (:132 `next === undefined` false): KILLED here, as 506: a write's trailing `\` escapes
//   the next line's first character in Tcl too (`{{name a\` then `} {value …}}` is one group
//   left open for tclsh 8.6); the reader now keeps it for the next line.
// - 1180, 1181 (:135 /^[0-7xuU]$/ without $ or ^): b, ":135".
// - 1188, 1189 (:149 finish()'s reset as [] or frame('')): mutants, "the reader is dropped when
//   its console ends" (shell-context.ts calls finish() only when it drops the reader).
// - 1195 (:159 `tag.context = ''`): mutants, as 523.
// - 1383 (:240 `group.tags.length === 0` false): mutants, "nothing is refused or pending".
// - 1395 (:245 `list.kind === 'group'` true): mutants; a group opens only in a group or a bracket
//   frame (a `{` in a string is text), and a bracket frame's before is '', no wsadmin command.
// - 1399, 1400, 1402, 1404 (:247 `!frames.some(string)` as every, `() => undefined`, false, or
//   kind ''): mutants, "a tag in a string is refused when it is read": a group's tags are the ones
//   read while it was the top frame, with the same frames under it as when it closes.
