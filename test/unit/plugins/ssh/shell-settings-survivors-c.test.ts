/**
 * The surviving mutants of shell-settings.ts up to runnerStrings (`npm run mutation`, module "ssh
 * shell reader", at 1355c9c), part c: awk's field separator (awkProgram), long options and command
 * strings attached to their option (longOption, commandStringOption, attachedString), the commands
 * find -exec runs (commandRanges), and the commands runners run (runsANamedShell, runnerStrings).
 * Each row names the mutants it tells apart from the code (`LINE:COL Mutator (replacement)`,
 * positions in shell-settings.ts at 1355c9c); whyReadingIsLost is called directly, as the other
 * survivors' files do, and checkSshTemplate on whole templates where the runners' nesting was let
 * through. The mutants no input can tell apart are explained at the end of this file.
 */
import { describe, expect, it } from 'vitest';
import { checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';
import { classifyCommand } from '../../../../electron/plugins/ssh/template/command-rules';
import { whyReadingIsLost } from '../../../../electron/plugins/ssh/template/shell-settings';
import { execs, thenValue } from './support/exec-lines';
import { checkRows, words } from './support/settings-rows';

/** `count` flocks, each running the next (`flock /tmp/l1 flock /tmp/l2 …`), then `command`. */
const flocks = (count: number, command: string): string =>
  [...Array.from({ length: count }, (_, i) => `flock /tmp/l${i + 1}`), command].join(' ');

describe('awkProgram: -F and its field separator are no part of the program', () => {
  checkRows([
    // 257:3 MethodExpression (words), 260:42 LogicalOperator (`?.text && ''`), 260:48
    // ArithmeticOperator (i + 1): a separator an expansion builds, after -F, runs nothing.
    [['awk', '-F', 'X:$sep', '{print $1}'], null],
    // 257:3, 259:7 ConditionalExpression (true), LogicalOperator (||): nor attached to -F.
    [['awk', 'X:-F$sep', '{print $1}'], null],
    // 259:8 Regex (no ^): a program holding -F is the program still.
    [['awk', '{system("ls -F")}'], 'parsing'],
    // 260:8 Regex (no ^): a word only ending in -F takes no separator after it.
    [['awk', '-v', 'x=-F', '{system("id")}'], 'parsing'],
    // 260:8 Regex (no $): -F with its separator attached takes none after it either.
    [['awk', '-F:', '{system("id")}'], 'parsing'],
  ]);
});

describe('long options and the command strings their options hand on', () => {
  checkRows([
    // 272:17 Regex (no $): a word going on past --co's letters is no prefix of --command.
    ['su --co1 X:$c', null],
    // 283:24 ConditionalExpression (false), 283:38 StringLiteral (""): -S hands the next word to
    // env's splitting, which runs `nice sh` (flock runs env, so env's own rules do not see it).
    [['flock', '/tmp/l', 'env', '-S', 'nice "s"h'], 'parsing'],
    // 283:38 StringLiteral (""): an empty word hands nothing on.
    [['su', '', 'X:$c'], null],
    // 291:46 StringLiteral (""): -c with a value attached (`su -c[#USERNAME#]`) runs the value.
    [['su', '-cT:u'], 'parsing'],
    // 293:24 ConditionalExpression (true): --command alone holds no string (the next word is it).
    [['su', 'X:--command'], null],
    // 293:33 StringLiteral ("Stryker was here!"): a string attached to --command, built by an
    // expansion, may start a shell whatever its text.
    [['su', 'X:--command=Stryker was here!'], 'parsing'],
    // 296:30 Regex (no ^): -c inside a user name attaches no string.
    ['su x-csh', null],
  ]);
});

describe('commandRanges: the commands find -exec runs', () => {
  checkRows([
    // 315:12 Regex (no ^): a path only ending in -exec runs nothing.
    ['find /srv run-exec T:u', null],
    // 315:12 Regex (no $): -executable is a test, not -exec.
    ['find /srv -executable T:u', null],
    // 316:64 Regex (no ^): a word ending in + ends no command (an assignment to env here).
    ['find . -exec env A=x+ T:u ;', 'parsing'],
    // 316:64 Regex (no $): nor does one starting with + (nice's adjustment).
    ['find . -exec nice -n +5 T:u ;', 'parsing'],
    // 317:37 ConditionalExpression (true), EqualityOperator (end >= 0): the command ends at its ;.
    ['find . -exec sudo -s ; -name T:u', null],
    // 317:37 ConditionalExpression (false), EqualityOperator (end >= 0), 318:11
    // ConditionalExpression (false: the loop starts over for ever): without its ;, the command
    // runs to the last word.
    ['find . -exec nice T:u', 'parsing'],
    // 314:18 ArithmeticOperator (nameAt - 1): a -exec before find (sudo's user here) starts no
    // command of find's, which would count one runner more against maxRunnerDepth.
    [`sudo -u -exec find / -exec ${flocks(4, 'id')} ;`, null],
  ]);
});

describe('runsANamedShell: a value where a runner’s command stands', () => {
  checkRows([
    // 342:12 MethodExpression (args), 342:23 ArithmeticOperator (nameAt - 1): sudo's user, before
    // docker, is no word docker runs.
    ['sudo -u T:u docker ps', null],
    // 342:47 ConditionalExpression (true; `!w.known` alone at HEAD): known words only.
    ['docker ps', null],
    // 346:62 ConditionalExpression (true), LogicalOperator (||), BooleanLiteral (w.known): sudo -s
    // with no command after it runs the account's shell, bash (MATCHING.md), and no value.
    ['find . -exec sudo -s ;', null],
    // 348:9 ConditionalExpression (false: a TypeError), 348:36 BooleanLiteral (true), 361:40
    // OptionalChaining (command[name].known: a TypeError): a wrapper with no command after it.
    ['find . -exec nice ;', null],
    // 361:12 ConditionalExpression (true), LogicalOperator (both), 361:12 ConditionalExpression
    // (true for the first two tests), 361:40 ConditionalExpression (true): a name a value
    // completes is read as no runner (a word with a space names none on the PATH), so the words
    // after it are not ssh's command.
    [['find', '.', '-exec', 'T:/opt/a b/ssh', 'db01', 'nice "s"h', ';'], null],
  ]);

  // 339:7 ConditionalExpression (false): ssh's and sg's words are left to the reading of the
  // command line they join (commandStringsOf); a reader that finds nothing there leaves them.
  it('leaves ssh’s command to the reader of its joined command line', () => {
    const list = words('ssh db01 V:u');
    expect(whyReadingIsLost(list, classifyCommand(list), false, true, () => false)).toBeNull();
  });
});

describe('runners nested deeper than the check follows them', () => {
  // Found by these survivors (351:12, 361:73): past maxRunnerDepth, runsANamedShell answered no
  // and runnerStrings listed nothing, so a value naming the shell six flocks run, or a value in
  // arithmetic in ssh's command behind five, was accepted (bash: six nested flocks run sh, which
  // reads the next line). A runner past that depth now loses the reading, and its words are read
  // as a line sh runs.
  it.each([flocks(6, '[#USERNAME#]'), flocks(5, `ssh db01 'exec "s"h'`)])(
    '%s: the next value is refused',
    (first) => {
      expect(checkSshTemplate(thenValue(first))).not.toEqual([]);
    },
  );

  it.each([4, 5, 6])("a value in arithmetic in ssh's command behind %d flocks is refused", (count) => {
    const problems = checkSshTemplate(execs(flocks(count, `ssh db01 'echo $(( [#USERNAME#] ))'`)));
    expect(problems.map((p) => p.message).join('\n')).toMatch(/arithmetic/);
  });

  // A command there that runs none is not read again: `$(( … ))` in quotes is echo's text.
  it('accepts a value in a quoted $(( … )) that echo prints behind five flocks', () => {
    expect(checkSshTemplate(execs(flocks(5, `echo '$(( [#USERNAME#] ))'`)))).toEqual([]);
  });

  checkRows([
    // 351:12 ConditionalExpression (true), EqualityOperator (<=), 351:69 ArithmeticOperator
    // (depth - 1): five runners are followed, a sixth loses the reading.
    [flocks(5, 'id'), null],
    [flocks(6, 'id'), 'parsing'],
    // So does any runner there: one whose command is not parsed, ssh without a command.
    [flocks(5, 'docker ps'), 'parsing'],
    [flocks(5, 'ssh db01'), 'parsing'],
  ]);
});

/*
 * Surviving mutants of shell-settings.ts up to line 361 that no input tells apart from the code
 * (positions at 1355c9c; argumentsOf's, sttyEdits' and startsOtherShell's loop are explained in
 * shell-settings-survivors-a.test.ts already):
 *
 * - 260:64 StringLiteral (`words[i - 1]?.text ?? "Stryker was here!"`): the fallback is read for
 *   the first word only, and neither '' nor that text is -F or --field-separator.
 * - 274:28 StringLiteral (`match[1] ?? "Stryker was here!"`): longOption's first group is not
 *   optional, so a match always holds it.
 * - 291:7 ConditionalExpression (false), 291:7 BooleanLiteral (word.known), 291:46 StringLiteral
 *   (`startsWith("")`, which makes the test false as well): attachedString's guard only cuts short;
 *   every pattern after it is anchored at ^- or ^--, so a word whose marked text does not start
 *   with - gets null from them too, known or not.
 * - 294:15 Regex (-S's pattern without $), 296:30 Regex (-c's pattern without $): `[\s\S]+` is
 *   greedy and takes every character, line ends too, so the match ends at the word's end anyway.
 * - 311:47, 338:49, 357:55 StringLiteral (`args[nameAt]?.text ?? "Stryker was here!"`): nameAt is
 *   -1 where the class's name (`sudo -s`, `printf -v`…) is no word; the basename of either
 *   fallback is no find, no joiner, no unparsed runner and not in runners.ts's table.
 * - 314:30 EqualityOperator (i <= args.length): the extra turn reads undefined, which is no -exec.
 * - 315:42 OptionalChaining (`args[i].text`), 315:59 StringLiteral (`?? "Stryker was here!"`):
 *   i stays within the words, so args[i] is never undefined.
 * - 316:44 EqualityOperator (k >= i): args[i] is the -exec itself, never ; or +.
 * - 317:37 EqualityOperator (end <= 0), 318:11 EqualityOperator (end <= 0): end is -1 or an index
 *   past -exec's, never 0.
 * - 324:10 EqualityOperator (at <= 0): runnerCommandAt gives -1 or an index past the runner's name;
 *   where nameAt is -1 the name is '' and no runner, so at is never 0.
 * - 342:47 LogicalOperator (`!w.known || !/\s/.test(w.marked)`): gone since 1355c9c, where an
 *   unparsed runner's words are refused whatever their spaces (`!w.known` alone); the row
 *   `docker ps` above holds that test's own mutants.
 * - 361:12 ConditionalExpression (true for `typeof name === 'number'`; after the depth fix, the
 *   same test dropped from `if (typeof name !== 'number' || …)`): an array indexed by a command
 *   class (an object) gives undefined, whose `known` is not true either.
 * - After the depth fix, runnerStrings' string past maxRunnerDepth with `bash: true` for false:
 *   the flag only decides whether the reading is lost after the string (shell-reader.ts
 *   commandStringLoses), not any tag's refusals, and runsANamedShell has lost it already there: it
 *   asks runsACommand of the same command at the same depth.
 *
 * Not told apart by any input found (after the depth fix), not shown equivalent either:
 *
 * - 361:73 ConditionalExpression (true), EqualityOperator (<=) (`if (depth < maxRunnerDepth)` in
 *   runnerStrings): followed deeper, the runner's strings are read themselves instead of its line
 *   as sh runs it; that line's reading lists and reads the same strings again (its own
 *   commandStringsOf), so it refuses at least what they refuse, and the reading is lost there
 *   either way (runsANamedShell).
 */
