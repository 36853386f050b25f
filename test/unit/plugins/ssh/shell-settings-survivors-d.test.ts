/**
 * The surviving mutants of shell-settings.ts from line 362 to its end (`npm run mutation`, module
 * "ssh shell reader", run at 1355c9c): the command strings a command hands to a shell
 * (runnerStrings, commandStringsOf: a shell's -c string among its options, find's `;`, a wrapper's
 * shell option), runsAShell, su's --shell and POSIXLY_CORRECT. Rows call whyReadingIsLost with
 * the command class the command rules give (support/settings-rows.ts); templates go through
 * checkSshTemplate. Each row names the mutants it tells apart from the code (`ID LINE:COL Mutator
 * (replacement)`: the run's ids, and positions in shell-settings.ts at 1355c9c; this file's commit
 * moves the lines after 355 by a few). Two of them showed real gaps, fixed with this file: runners
 * nested deeper than runnerStrings followed, and a wrapper's shell option followed by an option
 * this check does not know. The mutants no input can tell apart are explained at the end.
 */
import { describe, expect, it } from 'vitest';
import { checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';
import { execs, thenValue } from './support/exec-lines';
import { checkRows } from './support/settings-rows';

describe('a shell named among a command’s words: its -c string is its first operand', () => {
  checkRows([
    // The string a shell reads after -c, past its other options and -o's argument: 2172 407:11
    // ConditionalExpression (false), 2175 Regex (/^[^-+]…/), 2176 (one letter before o), 2177
    // ([^A-Za-z]* before o), 2179 (one letter after o), 2180 ([^A-Za-z]* after o), 2181 407:47
    // LogicalOperator (`before?.text && ''`).
    [['sh', '-o', 'errexit', '-c', 'id; sh'], 'parsing'],
    [['sh', '-co', 'errexit', 'id; sh'], 'parsing'],
    [['sh', '-oe', 'errexit', '-c', 'id; sh'], 'parsing'],
    // 2176, 2179: an -o argument that holds an o is no option group; the word after it is the
    // string.
    [['sh', '-c', '-o', 'noclobber', 'id; sh'], 'parsing'],
    // 2173 407:11 Regex (no ^), 2174 (no $), 2180: a long option with an o in it, or an option
    // word that goes on past its letters, takes no argument; the next word is the string.
    [['bash', '-c', '--norc', 'id; sh'], 'parsing'],
    [['sh', '-c', '-xo2', 'id; sh'], 'parsing'],
    // 2156 398:23 Regex (/^[^;+]$/), 2155 (/^[;+]/): a lone - or a +option among the options,
    // then the string.
    [['sh', '-c', '-', 'id; sh'], 'parsing'],
    [['sh', '-c', '+x', 'id; sh'], 'parsing'],
    // 2154 398:23 Regex (/[;+]$/): a string that ends in ; or + is no find terminator.
    [['sh', '-c', 'id; sh;'], 'parsing'],
    // 2163 404:11 ConditionalExpression (false), 2184 408:25 BooleanLiteral (false), 2260 450:7
    // LogicalOperator (||): the words after the string are $0 and the parameters, no strings.
    [['sh', '-c', 'id', 'x; sh'], null],
    // 2185 409:11 ConditionalExpression (true), 2260: without -c, the first operand is a
    // script's path, not a string.
    [['sh', 'id; sh'], null],
    // 2188 409:11 MethodExpression (args), 2185, 2260: a -c before the shell's name is another
    // command's (su's); the shell has none.
    [['su', '-c', 'id', 'sh', 'id; sh'], null],
  ]);
});

describe('the shell that reads a -c string, bash or not', () => {
  checkRows([
    // 2127 388:18 ConditionalExpression (false): sh reads `[[` otherwise than bash, whatever runs
    // sh (flock's own -c string is bash's).
    [['flock', '/tmp/l', 'sh', '-c', '[[ -n x ]]'], 'parsing'],
    // 2135 388:55 ConditionalExpression (false), 2137 388:65 StringLiteral (""): rbash reads
    // bash's syntax as bash does.
    [['rbash', '-c', '[[ -n x ]]'], null],
  ]);
});

describe('a word that names a shell: a plain path', () => {
  checkRows([
    // 2144 391:50 Regex (no ^), 2145 (no $): a word that only starts or ends like a path is no
    // shell's name; --command's string is su's.
    [['su', '/x;y/sh', '--command', 'id; sh'], 'parsing'],
  ]);
});

describe('find’s ; and + end the command a shell was part of', () => {
  checkRows([
    // 2152 398:9 ConditionalExpression (false), 2157 398:49 BlockStatement ({}), 2156: after
    // `sh -c id ;`, su's -c string is read.
    ['find . -exec sh -c id ; -exec su -c V:x ;', 'parsing'],
    [['find', '.', '-exec', 'sh', '-c', 'id', ';', '-exec', 'su', '-c', 'id; sh', ';'], 'parsing'],
  ]);
});

describe('su --shell with the shell in the next word', () => {
  checkRows([
    // 2297 472:37 ConditionalExpression (true), 2299 472:46 StringLiteral: --shell alone
    // attaches no shell; bash is the next word.
    ['su --shell /bin/bash -c id', null],
    ['su --sh /bin/bash -c id', null],
  ]);
});

describe('POSIXLY_CORRECT set in the shell itself', () => {
  checkRows([
    // 2346 503:8 ConditionalExpression (false), 2353 503:73 MethodExpression (endsWith): an
    // array element sets it too (bash 5.2: `POSIXLY_CORRECT[0]=1; shopt -qo posix` is on);
    // the environment rule reads NAME= and NAME+= only.
    ['POSIXLY_CORRECT[0]=1', 'parsing'],
  ]);
});

describe('runners within runners, however deep', () => {
  /** `runner` `count` times, then `command`. */
  const nested = (runner: string, count: number, command: string): string =>
    `${Array.from({ length: count }, (_, i) => `${runner}${i}`).join(' ')} ${command}`;

  // 2096 362:38 ArithmeticOperator (depth - 1): past maxRunnerDepth, a runner's words are read as
  // a command line (shell-settings-survivors-c.test.ts holds the mutants of that code as merged).
  // A joiner's command line (sg runs it with sh -c, ssh with the host's shell) is read however
  // many runners stand before it: a value there in arithmetic runs code (real bash 5.2 and dash:
  // five flocks, then `sg root 'echo $(( a[$(id >&2)] ))'`, ran id), and a shell started there
  // reads the next lines.
  it.each([
    nested('flock /tmp/l', 5, `sg root 'echo $(( [#USERNAME#] ))'`),
    nested('flock /tmp/l', 8, `ssh db01 'echo $(( [#USERNAME#] ))'`),
  ])('refuses a value in arithmetic in a joined command line: %s', (line) => {
    expect(checkSshTemplate(execs(line))).not.toEqual([]);
  });

  it.each([
    // A value that names the command (a user named sh): real bash 5.2 with six flocks and sh
    // there, sh read the next line.
    nested('flock /tmp/l', 6, '[#USERNAME#]'),
    nested('sshpass -p pw', 5, `ssh db01 'id; sh'`),
    nested('flock /tmp/l', 5, `sg root 'id; sh'`),
  ])('%s loses the reading: the next value is refused', (first) => {
    expect(checkSshTemplate(thenValue(first))).not.toEqual([]);
  });

  it('past the runners it follows, reads a plain command\u2019s words as data (flock runs echo itself)', () => {
    expect(checkSshTemplate(thenValue(nested('flock /tmp/l', 5, `echo 'a; sh'`)))).toEqual([]);
    expect(checkSshTemplate(thenValue(nested('flock /tmp/l', 4, `echo 'a; sh'`)))).toEqual([]);
  });

  it('loses the reading where a runner stands deeper than it follows, whatever that runner runs', () => {
    // An over-refusal no real template meets: eight runners deep, ssh's `id` is read, but the
    // runner itself is not followed (shell-settings.ts runsANamedShell, runsACommand).
    expect(checkSshTemplate(thenValue(nested('flock /tmp/l', 8, `ssh db01 'id'`)))).not.toEqual([]);
    expect(checkSshTemplate(thenValue(nested('flock /tmp/l', 3, `ssh db01 'id'`)))).toEqual([]);
  });
});

describe('a wrapper’s shell option followed by an option this check does not know', () => {
  // Where the words sudo -s runs cannot be found (sudo 1.9.13's -N and -B are not in the table),
  // the reading is lost: `sudo -s -N '$0'` with SHELL=/bin/sh started sh, which read the next line
  // (real sudo 1.9.13 and bash 5.2), while `sudo -s '$0'` was refused already.
  it.each([`sudo -s -N '$0'`, `sudo -s -B '$SHELL'`, `sudo -i --frobnicate 'id; sh'`])(
    '%s loses the reading: the next value is refused',
    (first) => {
      expect(checkSshTemplate(thenValue(first))).not.toEqual([]);
    },
  );
});

describe('templates: command strings', () => {
  it.each([
    // 2247 443:9 MethodExpression (every), 2248 443:28 ArrowFunction (() => undefined): an
    // expansion in ssh's joined command line; what it builds runs on the host.
    `ssh db01 id "$HOME"`,
  ])('%s loses the reading: the next value is refused', (first) => {
    expect(checkSshTemplate(thenValue(first))).not.toEqual([]);
  });

  it.each([
    // 2100 374:7 ConditionalExpression (false): single quotes in a plain command's argument are
    // data, not a string a shell reads.
    `echo -c '$(( [#USERNAME#] ))'`,
    // 2104 375:16 MethodExpression (words): a redirection's target is a file's name, not a
    // command string (nor is `-c`'s).
    `su -c > '/tmp/$(( [#USERNAME#] ))' id`,
    // 2237 439:42 MethodExpression (args): an expansion in an assignment before awk is no part
    // of its program.
    `A=$HOME awk '{print}' /etc/passwd`,
    // 2259 450:7 ConditionalExpression (true): a value that completes su's user names no shell,
    // even one ending in sh.
    `su -c id [#USERNAME#]sh`,
  ])('%s keeps it: the value is accepted', (line) => {
    expect(checkSshTemplate(thenValue(line))).toEqual([]);
  });

  it('takes no last word for the string of a shell option followed by an option it does not know', () => {
    // 2109 379:7 LogicalOperator (`… || at < args.length`), 2110, 2114 ConditionalExpression
    // (true), 2111 LogicalOperator (`at !== undefined || at >= 0`): with shellCommandAt -1, the
    // last word is no command string. sudo escapes the words -s runs but for $ (real sudo 1.9.13: `sudo -s 'echo $(( 1+1 ))'` ran
    // a command named `echo $(( 1+1 ))`); the value itself is accepted there, the reading after it
    // is lost.
    expect(checkSshTemplate(execs(`sudo -s -N '$(( [#USERNAME#] ))'`))).toEqual([]);
  });
});

/*
 * Surviving mutants of shell-settings.ts from line 362 at 1355c9c (the Stryker run's commit; ids of
 * its report) that no input tells apart from the code, as it stands at this file's commit:
 *
 * - 2112, 379:7 ConditionalExpression (`true` for `at !== undefined`): `undefined >= 0` is false,
 *   so an undefined shellCommandAt fails the test either way.
 * - 2115, 379:27 EqualityOperator (`at > 0`), and 2218, 436:43 EqualityOperator
 *   (`cls.shellCommandAt <= 0`): shellCommandAt is never 0. command-rules.ts gives it past the
 *   wrapper's name and its shell option (env's option + 1, or where skipWrapper ends after the
 *   option), so it is -1 or 2 and more.
 * - 2117, 379:38 ConditionalExpression (`true` for `at < args.length`), and 2118 EqualityOperator
 *   (`at <= args.length`): from args.length on, `args.slice(at)` is empty, and an empty string
 *   with no source words reads as an empty line: nothing lost, no tag, no expansion.
 * - 2123, 385:17 UnaryOperator (`shellAt = +1`): shellAt is read only while a shell is named, and
 *   it is set with the shell.
 * - 2182, 407:47 OptionalChaining (`before.text`), and 2183, 407:63 StringLiteral (`?? "Stryker
 *   was here!"`, no coverage): line 407 runs only after the word naming the shell, so a word
 *   stands before it and its text is a string; neither the fallback nor a TypeError is reached.
 * - 2215, 436:7 ConditionalExpression (`true` for `cls.shellCommandAt !== undefined`): `undefined
 *   < 0` is false.
 *
 * Gone with the fix of this file's commit: 2222, 436:86 BooleanLiteral (`w.known` for `!w.known`).
 * A wrapper's shell option whose words cannot be found now loses the reading whatever its words
 * (`sudo -s -N '$0'` started sh, which read the next line), so the line asks for no unknown word.
 *
 * Already explained on HEAD: 2261, 2262 (451:7, runsAShell's `i > 0`) and 2274 (454:73, '' for
 * 'unknown') at the end of shell-settings-survivors-a.test.ts (as 238:7 and 241:73); 2386
 * (514:75), 2468 (532:99), 2606 (571:84), 2615 (578:53) and 2617 (579:19) at the end of
 * shell-settings-survivors-b.test.ts (as 297:75, 315:99, 354:84, 361:53 and 362:19).
 */
