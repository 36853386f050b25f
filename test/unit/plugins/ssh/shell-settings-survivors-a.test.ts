/**
 * The surviving mutants of shell-settings.ts (`npm run mutation`, module "ssh shell reader"), part
 * a: argumentsOf, sttyEdits, startsOtherShell, stringStartsShell, commandStringOption, runsAShell
 * and argumentsUpTo. whyReadingIsLost is called directly, as shell-settings.test.ts does, with the
 * command class the command rules give; each row names the mutants it tells apart from the code
 * (`LINE:COL Mutator (replacement)`, positions in shell-settings.ts). The mutants no input can tell
 * apart are explained at the end of this file.
 */
import { describe } from 'vitest';
import { checkRows } from './support/settings-rows';

describe('startsOtherShell: what a shell started bare reads', () => {
  checkRows([
    // 183:11 ConditionalExpression (false), LogicalOperator (&&), 183:76 BooleanLiteral (false):
    // a shell told to read the terminal as its script reads the next lines.
    ['sh /dev/tty', 'parsing'],
    // 183:11 ConditionalExpression (false), LogicalOperator (&&), 183:43 Regex (/^[^;+]$/): find's
    // `;` after the shell is no script: sh then reads its input (what find gives it).
    ['find . -exec sh ;', 'parsing'],
    // 183:43 Regex (/^[^;+]$/): a one-letter script is a script.
    ['sh a', null],
    // 183:43 Regex (/[;+]$/, /^[;+]/): a script whose name ends in + or starts with ; is a script.
    ['sh c++', null],
    [['sh', ';x'], null],
    // 190:23 Regex (no ^): --noprofile and --login take no argument (their o is not -o's), so a
    // script after them is run and the shell returns.
    ['bash --noprofile script.sh', null],
    ['bash --login script.sh', null],
    // 190:23 Regex (no $): an option that only starts like --rcfile takes no argument.
    ['bash --rcfile=x script.sh', null],
    // 190:23 Regex ([^A-Za-z]* before o, [^A-Za-z]* after it): -xo and -ox take set -o's name
    // in the next word, which is no script, so bash reads the next lines in that mode.
    ['bash -xo posix', 'parsing'],
    ['bash -ox posix', 'parsing'],
    // 197:20 ArrowFunction (() => undefined): -s reads the input, the words after it are its
    // parameters, not a script.
    ['sh -s foo', 'parsing'],
    ['bash -s foo', 'parsing'],
  ]);

  // 199:26 ConditionalExpression (false for `input !== 'terminal'`): bash with the options of this
  // shell, in a later stage of a pipeline or a substitution, may read something else than the
  // terminal (`cat | bash`), which this check does not follow.
  checkRows([
    ['bash', 'parsing', false, false],
    ['bash -l', 'parsing', false, false],
    ['bash', null, false, true],
    ['bash', null, true, false],
  ]);
});

describe('runsAShell: a shell started by a command string (-c, --command, -S)', () => {
  checkRows([
    // 227:109 BlockStatement ({}), 228:10 MethodExpression (every), 228:33 BlockStatement ({}):
    // su -c sh starts a shell that reads the next lines.
    ['su -c sh', 'parsing'],
    // 216:3 LogicalOperator (&&), ConditionalExpression (false), 220:3 ConditionalExpression
    // (false), LogicalOperator (&&), 230:9 ConditionalExpression (false), 230:96 BooleanLiteral
    // (false): a command string an expansion builds may start one (c=sh).
    ['su -c X:$c', 'parsing'],
    // 216:58 Regex (/[^'"\\]/g), 216:69 StringLiteral ("Stryker was here!"), 230:9, 230:96: a
    // shell's name in a string past exec, once its quotes are removed.
    [['su', '-c', 'exec sh'], 'parsing'],
    [['su', '-c', 'exec "sh"'], 'parsing'],
    [['su', '-c', "exec 's'h"], 'parsing'],
    [['su', '-c', 'exec \\sh'], 'parsing'],
    [['su', '-c', 'exec ls'], null],
    // 220:24 Regex (no ^, no $): only --command, -S and --split-string themselves hand the next
    // word on.
    ['su x--command X:$c', null],
    ['su --commands X:$c', null],
    ['su -Sx X:$c', null],
    ['su --split-string X:$c', 'parsing'],
    ['su --command X:$c', 'parsing'],
    // 232:22 Regex ((.) for (.+)), 233:9 ConditionalExpression (false), 233:92 BooleanLiteral
    // (false): --command=sh holds the string in the word itself, of any length.
    ['su --command=sh', 'parsing'],
    ['su X:--command=$c', 'parsing'],
    // 232:22 Regex (no ^): the option starts the word.
    ['su x-Ssh', null],
    ['su x--command=sh', null],
    // An attached string holding a line end is read whole, both its lines (4 December: the
    // string is read as a typed line, where `sh` on its own line starts a shell).
    [['su', '-Ssh\nx'], 'parsing'],
  ]);
});

describe('runsAShell: an awk program that runs a shell', () => {
  checkRows([
    // 234:9 ConditionalExpression (false), 234:16 EqualityOperator (<=), 234:30 BooleanLiteral
    // (startsWith), 234:52 StringLiteral (""), 234:92 BooleanLiteral (false): the program after
    // awk's name is read for system("sh").
    [['awk', 'BEGIN { system("sh") }'], 'parsing'],
    [['gawk', 'BEGIN { system("sh") }'], 'parsing'],
    [['awk', '{ print }'], null],
    // 234:16 ConditionalExpression (true): a word before the name (sudo's user, here called sh)
    // is no program.
    ['sudo -u sh awk 1', null],
    // 234:16 EqualityOperator (>=): nor is the name itself (a path holding `;sh;`).
    [['x;sh;/awk', '1'], null],
    // 234:31 MethodExpression (endsWith): an option (-F's separator) is no program either.
    [['awk', '-F|sh', '{ print $1 }'], null],
  ]);
});

describe('runsAShell: a shell named as an argument of a command that runs it', () => {
  checkRows([
    // 237:7 ConditionalExpression (false), 239:7 Regex (/^[\w./+-]$/, /^[^\w./+-]+$/,
    // /^[\W./+-]+$/), 241:31 MethodExpression (args), 241:42 ArithmeticOperator (i - 1), 238:7
    // EqualityOperator (<=): flock runs sh, which reads the next lines.
    ['flock /tmp/l sh', 'parsing'],
    ['flock /tmp/l /bin/sh', 'parsing'],
    ['flock /tmp/l ls', null],
    ['flock /tmp/l sh script.sh', null],
    // 237:7 ConditionalExpression (true), LogicalOperator (`known || i > 0`, `known && i > 0 ||
    // regex`, `… || readingShells.has`): a word a tag completes is not read as a shell's name
    // where it is an argument (su's user)...
    ['su - T:sh -c id', null],
    // ...but in a runner's command place it may name one: a value with a form (a user name `sh` or
    // `fish`) would start that shell (found by this review; runnersCommand since).
    ['flock /tmp/l T:sh', 'parsing'],
    // 239:7 Regex (no ^, no $): a word with a blank is read as a command string, not a path, even
    // ending in /sh (so `su -c 'cat /etc/sh'` starts no shell). The price: a shell's path holding a
    // blank (`flock /tmp/l '/opt/my tools/sh'`, the template's own text) is not seen either.
    [['su', '-c', 'cat /etc/sh'], null],
    [['flock', '/tmp/l', 'a b/sh'], null],
    // 241:50 ConditionalExpression (true): what a shell run by another command reads is not known
    // (xargs, find -exec): bash there is refused even on the terminal.
    ['flock /tmp/l bash', 'parsing'],
    ['flock /tmp/l sh', 'parsing', true, true],
  ]);
});

describe('runnersCommand: a tag or an expansion where a runner runs its command', () => {
  checkRows([
    ['flock -w 5 /tmp/l T:x', 'parsing'],
    ['flock -E 3 -- /tmp/l X:$c', 'parsing'],
    ['flock -w 5 /tmp/l usermod -L T:x', null],
    ['flock T:x ls', null],
    ['find /tmp -maxdepth 0 -exec T:x ;', 'parsing'],
    ['find /tmp -execdir T:x ;', 'parsing'],
    ['find /tmp -ok T:x ;', 'parsing'],
    ['find /tmp -okdir T:x ;', 'parsing'],
    ['find /home -user T:x -delete', null],
    ['find /home -exec rm T:x ;', null],
    ['xargs -a /dev/null T:x', 'parsing'],
    ['xargs --max-args 1 T:x', 'parsing'],
    ['xargs -n1 id T:x', null],
    ['xargs -n 1 id', null],
    ['chroot / T:x', 'parsing'],
    ['chroot --userspec u:g / T:x', 'parsing'],
    ['chroot --userspec u:g / usermod -L T:x', null],
    ['chroot T:x', null],
    ['ssh -p 22 host V:x', 'parsing'],
    ['ssh -tp 22 host V:x', 'parsing'],
    ['ssh -4p 22 host V:x', 'parsing'],
    ['ssh host exec V:x', 'parsing'],
    [['ssh', 'host', 'echo hi;', 'V:x'], 'parsing'],
    [['ssh', 'db01', 'usermod -L T:x'], null],
    [['ssh', 'db01', 'id T:x && sudo passwd -l T:x'], null],
    // Option groups ending in a letter that takes a value (-nw 5, -on 1).
    ['flock -nw 5 /tmp/l T:x', 'parsing'],
    ['xargs -on 1 T:x', 'parsing'],
    // A wrapper in the command place runs a later word.
    ['flock /tmp/l sudo T:x', 'parsing'],
    ['find /tmp -exec env T:x ;', 'parsing'],
    ['chroot / env T:x', 'parsing'],
    ['flock /tmp/l env usermod', null],
    ['ssh host usermod -L T:x', null],
    ['ssh -p 22 T:x@host id', null],
  ]);
});

describe('a command string: a tag where it runs a command', () => {
  checkRows([
    ['su -c V:x', 'parsing'],
    ['su - root -c V:x', 'parsing'],
    ['bash -c V:x', 'parsing'],
    [['su', 'root', '-c', 'exec T:x'], 'parsing'],
    [['su', 'root', '-c', 'sudo -u u T:x'], 'parsing'],
    [['su', 'root', '-c', 'usermod -L T:x'], null],
    // A wrapper's option with its value, and assignments, before the shell or the tag.
    [['su', 'root', '-c', 'sudo -u u sh'], 'parsing'],
    [['su', 'root', '-c', 'nice -n 5 sh'], 'parsing'],
    [['su', 'root', '-c', 'X=1 env Y=2 sh'], 'parsing'],
    [['su', 'root', '-c', 'sudo -u u bash -c id'], null],
    [['su', 'root', '-c', 'usermod -s /bin/bash T:x'], null],
    // After a keyword or !, a command starts; a tag right after an option is its value.
    [['bash', '-c', 'if true; then T:x; fi'], 'parsing'],
    [['bash', '-c', '! T:x'], 'parsing'],
    [['su', 'root', '-c', 'sudo -u T:x crontab -r'], null],
    [['su', 'root', '-c', 'sudo -H usermod -L T:x'], null],
    [['sh', '-c', 'env -u T:x id'], null],
    [['su', 'root', '-c', 'X=T:x id'], null],
    [['awk', '-v', 'u=T:x', 'BEGIN { print u }'], null],
  ]);
});

describe('argumentsUpTo: exec -a among exec’s own options only', () => {
  checkRows([
    // 248:38 ConditionalExpression (true), BooleanLiteral (w.known), 248:50 BooleanLiteral
    // (startsWith), 248:51 MethodExpression (endsWith): exec -a starts bash under another name.
    ['exec -a sh bash', 'parsing'],
    ['exec -l -a sh bash', 'parsing'],
    ['exec -la sh bash', 'parsing'],
    // 248:31 ArrowFunction (() => undefined), 248:38 ConditionalExpression (false),
    // LogicalOperator (&&), 248:69 StringLiteral (""), 249:10 ConditionalExpression (true),
    // EqualityOperator (<=, >=), 249:28 MethodExpression (words): -a after the command is its own.
    ['exec ls -a', null],
    ['exec -l ls -a', null],
    // 249:10 ConditionalExpression (false): options alone, up to the last.
    ['exec -a', 'parsing'],
  ]);
});

// Surviving mutants no input tells apart (positions in shell-settings.ts):
// - 124:10 ConditionalExpression (false), 124:19 ArrayDeclaration (["Stryker was here"]):
//   argumentsOf's `at < 0` holds only for a name no rule reads: classifyCommand takes every named
//   rule's name (`enable -f`, `printf -v`, `sudo -s`…) from a known word by its basename, so the
//   first word of `name` is always found; only unknownCommand ('a command this check cannot name')
//   and '' (no command) miss, and no rule below reads their `rest` (as shell-settings.test.ts says).
// - 149:106 StringLiteral ("Stryker was here!"): sttyEdits' `?? ''` for a key with no setting
//   after it; neither string is a control key, so the key is refused either way.
// - 177:19 EqualityOperator (i <= rest.length): the extra turn reads `rest[rest.length]`, which is
//   undefined, and the next line breaks out of the loop.
// - 179:9 ConditionalExpression (false): inside `i < rest.length` a word is never undefined (the
//   check is there for the type checker), so the break never ran.
// - 238:7 ConditionalExpression (true), EqualityOperator (i >= 0): runsAShell's `i > 0` only keeps
//   the first word out, and i is never negative. The first word is the command's name (lead-ins and
//   assignments are no shells: `X=/bin/sh` fails the path test by its `=`); where it is a shell,
//   classifyCommand names that shell, nameIndex finds it at 0, and startsOtherShell was asked the
//   very same question (same name, same words after it, same input) just before runsAShell, which
//   is reached only when that answer was false.
// - 241:73 StringLiteral (""): startsOtherShell reads its input only as `=== 'file'` and
//   `!== 'terminal'`, where '' and 'unknown' answer alike.
