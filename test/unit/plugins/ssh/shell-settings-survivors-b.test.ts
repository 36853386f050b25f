/**
 * The surviving mutants of shell-settings.ts from line 250 to its end (`npm run mutation`, module
 * "ssh shell reader"): su's and runuser's -s/--shell (namesOtherShell), POSIXLY_CORRECT, a command
 * whose name is not plain text, a shell's redirected input, the environment settings a shell
 * started after them reads, and `exec -a`. whyReadingIsLost is called directly, with the command
 * class the command rules give, as shell-settings.test.ts does; each row names the mutants it tells
 * apart from the code (positions in shell-settings.ts at this file's commit). The mutants no input
 * can tell apart are explained at the end of this file.
 */
import { describe, expect, it } from 'vitest';
import { lostReasons } from '../../../../electron/plugins/ssh/template/shell-settings';
import { checkRows, lost } from './support/settings-rows';

describe('whyReadingIsLost: su and runuser -s or --shell naming a shell other than bash', () => {
  checkRows([
    // 256:85 BlockStatement ({}), 261:9 ConditionalExpression (false), LogicalOperator (&&),
    // 264:7 ConditionalExpression (true), 324:7, 324:8 ConditionalExpression (false), 324:8
    // LogicalOperator (&&), 324:17 StringLiteral (""), 324:48 MethodExpression (every), 324:58
    // ArrowFunction (() => undefined), 324:92 ArithmeticOperator (i - 1): -s with its shell in the
    // next word; python3 is no shell that runsAShell knows, so only the su rule sees it.
    ['su -s /usr/bin/python3', 'parsing'],
    // 261:30 ConditionalExpression (false), StringLiteral (""): --shell with the next word.
    ['su --shell /usr/bin/python3', 'parsing'],
    // 257:20 Regex ([A-Za-z] for [A-Za-z]*, [^A-Za-z]* for [A-Za-z]*): -s last in an option group,
    // its shell attached.
    ['su -mps/usr/bin/python3', 'parsing'],
    // 257:20 Regex ((.) for (.+)), 259:5 ConditionalExpression (false), 265:10
    // ConditionalExpression (false), LogicalOperator (&&), 265:26 ConditionalExpression (false),
    // EqualityOperator (===): --shell= with the shell attached (the = keeps runsAShell from
    // reading it as a path).
    ['su --shell=/bin/sh', 'parsing'],
    // 324:48 MethodExpression (every): a user name after it does not name a shell.
    ['su --shell=/bin/sh root', 'parsing'],
    // 324:25 ConditionalExpression (false), 324:34 StringLiteral (""): runuser as su.
    ['runuser -u root --shell=/bin/sh', 'parsing'],
    // 265:10 BooleanLiteral (named.known): a shell a tag gives may be any.
    ['su -s T:bash', 'parsing'],
    // 260:9 ObjectLiteral ({}), 260:18 BooleanLiteral (false), 265:10 ConditionalExpression
    // (true), BooleanLiteral (named.known), 265:51 StringLiteral (""): bash, attached or not, is
    // the shell this check reads as (-c runs one command, and bash reads nothing after it).
    ['su --shell=/bin/bash', null],
    ['su -s /bin/bash -c id', null],
    // 257:20 Regex (no ^): a - inside a user name is no option.
    ['su build-server', null],
    // 261:9 ConditionalExpression (true), 261:30 EqualityOperator (!==), 264:35 BooleanLiteral
    // (true): a word that is neither -s nor --shell names no shell (nor does the one after it).
    ['su - root -c id', null],
    // 257:20 Regex (no $): the shell's name is the whole rest of the word; a line end in it (a
    // quoted word) makes no -s/bin/bash of it, so -s takes the next word, which is no bash.
    [['su', '-s/bin/bash\nx', 'root'], 'parsing'],
  ]);
});

describe('whyReadingIsLost: POSIXLY_CORRECT set in the shell itself', () => {
  checkRows([
    // 286:8 ConditionalExpression (false): exported without a value, no NAME= for the
    // environment rule (line 332) to see.
    ['export POSIXLY_CORRECT', 'parsing'],
    // 286:8 ConditionalExpression (false), 286:73 MethodExpression (endsWith): `+=` sets it as
    // well (bash: `POSIXLY_CORRECT+=y; set -o` shows posix on), and the environment rule reads
    // NAME= only.
    ['POSIXLY_CORRECT+=1', 'parsing'],
    ['export POSIXLY_CORRECT+=1', 'parsing'],
  ]);
});

describe('whyReadingIsLost: a command whose name is not plain text', () => {
  checkRows([
    // 289:7 ConditionalExpression (false), 289:36 EqualityOperator (<=): with arguments, the
    // unnamed reason comes first, before runsAShell sees the shell among them.
    ['T:x sh', 'unnamed'],
    // 289:36 ConditionalExpression (true), EqualityOperator (>=), 289:50 ArithmeticOperator
    // (at - 1): alone, a tag's word goes on to runsAShell, which reads -S's attached string.
    ['T:-Ssh', 'parsing'],
    // 292:7 ConditionalExpression (false): alone, a word an expansion builds is unnamed before
    // runsAShell reads -S's attached string (built by an expansion, so it may start a shell).
    ['X:-S$c', 'unnamed'],
  ]);

  // 295:7 ConditionalExpression (false): a command the rules cannot name (nice with an option they
  // do not know), all its words known, may be exec without a command when it reads a redirection.
  it('refuses a command the rules cannot name only where it reads a redirection', () => {
    expect(lost('nice -Z ls', true)).toBe(lostReasons.unnamed);
    expect(lost('nice -Z ls', false)).toBeNull();
  });
});

describe('whyReadingIsLost: a shell whose input is redirected', () => {
  // Each command reads a redirection (readsInput): a device or a descriptor is the terminal
  // still, so sh reads the next lines; a file is not.
  checkRows(
    [
      // 312:26 MethodExpression (every), 313:5 ArrowFunction (() => undefined), 313:12
      // ConditionalExpression (false), 313:27 LogicalOperator (both), ConditionalExpression
      // (false): a device path.
      ['sh R:/dev/tty', 'parsing'],
      // 313:68 Regex (^\d$ for ^\d+$): a descriptor of two digits.
      ['sh R:10', 'parsing'],
      ['sh R:&2', 'parsing'],
      // 313:68 Regex (& not anchored): a file whose name holds a &.
      ['sh R:a&b', null],
      // 313:68 Regex (-$ not anchored at its start, ^- not anchored at its end): a file name
      // ending or starting with -, not - alone.
      ['sh R:x-', null],
      ['sh R:-x', null],
      // 313:68 Regex (\d+$ not anchored at its start, ^\d+ not at its end): digits and letters.
      ['sh R:file1', null],
      ['sh R:1x', null],
    ],
    true,
  );
});

describe('whyReadingIsLost: a shell started by a command that runs its arguments', () => {
  checkRows([
    // 318:9 ConditionalExpression (false): su -c hands sh the string to run, which starts a shell.
    ['su -c sh', 'parsing'],
  ]);
});

describe('whyReadingIsLost: SHELL and the like set for a shell started after them', () => {
  checkRows([
    // 329:5 ConditionalExpression (false for the whole test, and for its first two terms),
    // LogicalOperator ((a || b) && c), 330:5 ConditionalExpression (false): an assignment alone
    // (no command: its name is '', a plain class).
    ['SHELL=/bin/sh', 'parsing'],
    // 329:5 ConditionalExpression (false for cls.kind === 'reparsed'), LogicalOperator (a && b),
    // 329:18 StringLiteral (""): set for one command that is reparsed (su -m keeps SHELL).
    ['SHELL=/bin/sh su -m', 'parsing'],
    // 331:5 ArrayDeclaration ([]), 331:6, 331:16, 331:27, 331:38 StringLiteral (""), 332:7, 332:43
    // ConditionalExpression (false), 332:36 ArrowFunction (() => undefined), 332:43
    // BooleanLiteral (w.redirect): set by each builtin that sets a variable in this shell
    // (evaluated classes, not reparsed ones).
    ['export SHELL=/bin/sh', 'parsing'],
    ['declare -x SHELL=/bin/sh', 'parsing'],
    ['typeset -x SHELL=/bin/sh', 'parsing'],
    ['readonly SHELL=/bin/sh', 'parsing'],
    // += sets an unset SHELL as = does (`unset SHELL; SHELL+=/bin/sh` is /bin/sh).
    ['SHELL+=/bin/sh su -m', 'parsing'],
    ['export SHELL+=/bin/sh', 'parsing'],
    ['SHELLX=/bin/sh su -m', null],
    // local is not in the list: it holds in a function only.
    ['local SHELL=/bin/sh', null],
  ]);
});

describe('whyReadingIsLost: bash started under another name', () => {
  checkRows([
    // 335:31 ArrowFunction (() => undefined), 335:38 ConditionalExpression (false), 335:60
    // StringLiteral (""), 336:7 ConditionalExpression (false), EqualityOperator (> and <), 336:34
    // MethodExpression (args), 336:45 ArithmeticOperator (exec - 1), 336:61 ArrowFunction (() =>
    // undefined): exec -a sh bash reads in POSIX mode.
    ['exec -a sh bash', 'parsing'],
    // 336:7 ConditionalExpression (true): with no exec, the command's own first word is no exec
    // option, even one reading -a.
    ['-a', null],
  ]);
});

/*
 * Equivalent mutants of shell-settings.ts from line 250 (positions at this file's commit): no
 * input tells them apart from the code.
 *
 * - 297:75 StringLiteral (`args[at + 1]?.text ?? "Stryker was here!"`): hookVariable is anchored
 *   and holds no such name, so neither '' nor the string is a hook (as shell-settings.test.ts
 *   already says of the same fallback).
 * - 315:99 StringLiteral ("" for 'unknown'): input is only compared with 'file' and 'terminal'
 *   (startsOtherShell; runsAShell only hands it on), so '' reads as 'unknown' does.
 * - 354:84 StringLiteral (`rest[i + 1]?.text ?? "Stryker was here!"`): changesParsing looks the
 *   name up in parsingModes or parsingWhenUnset, which hold neither '' nor the string.
 * - 361:53 StringLiteral ("" for shopt's sign '+'): changesParsing reads every sign but '-' as
 *   unset.
 * - 362:19 MethodExpression (shopt's `names` without the filter): an option word (starting with -
 *   or +) is never a set -o name nor matches the anchored parsingShopts.
 */
