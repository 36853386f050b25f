// Where a tag may go in the shell input of an SSH template (shell-context.ts, command-rules.ts):
// every form of issue 15 and issue 8 (item 7) is refused by the editor's check (at save) and by
// substitution (at run), with the line and column of the tag; the forms that are safe, the
// built-in templates and the vendor's shell templates still pass.

import { describe, expect, it } from 'vitest';
import { sshBuiltinTemplates } from '../../../../electron/plugins/ssh/builtin-templates';
import { checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';
import { parseTemplate } from '../../../../electron/plugins/ssh/template/parser';
import { SshPlugin } from '../../../../electron/plugins/ssh/ssh-plugin';
import { substitute } from '../../../../electron/plugins/ssh/template/substitute';

/** `exec "…"` with the shell text as written (the template's own \ and " escaped). */
const exec = (shell: string): string => `exec "${shell.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

const tags = {
  USERNAME: 'alice',
  ADD_INFO: 'touch /tmp/jitpam-canary',
  NEW_PASSWORD: 'pw',
  SESSION_ID: 'S-1',
};

/** The problem the editor's check reports for a one-line template, or null. */
function saveProblem(shell: string): { line: number; column: number; message: string } | null {
  const [problem] = checkSshTemplate(`# line 1\n${exec(shell)}`);
  return problem ?? null;
}

/** The run's refusal for a one-line template, or null when it would be sent. */
function runRefusal(shell: string): { line: number | null; column: number | null; message: string } | null {
  const parsed = parseTemplate(`# line 1\n${exec(shell)}`);
  const result = substitute(parsed.commands, tags);
  return result.ok ? null : result.refusal;
}

/** The template column of the first occurrence of `tag` in `shell` on an exec line. */
const columnOf = (shell: string, tag: string): number => exec(shell).indexOf(tag) + 1;

function expectRefused(shell: string, tag: string, reason: string): void {
  const column = columnOf(shell, tag);
  const atSave = saveProblem(shell);
  expect(atSave, `${shell} passed the check`).not.toBeNull();
  expect(atSave).toMatchObject({ line: 2, column });
  expect(atSave?.message).toContain(tag);
  expect(atSave?.message).toContain(reason);
  const atRun = runRefusal(shell);
  expect(atRun, `${shell} would run`).not.toBeNull();
  expect(atRun).toMatchObject({ line: 2, column });
  expect(atRun?.message).toContain(reason);
  expect(atRun?.message).not.toContain(tags.ADD_INFO);
}

describe('issue 15: a quoted or escaped command name is still the command', () => {
  it.each([
    ["'sh' -c [#ADD_INFO#]", 'goes to sh'],
    ['"su" root -c [#ADD_INFO#]', 'goes to su'],
    ['\\sh -c [#ADD_INFO#]', 'goes to sh'],
    ['s"h" -c [#ADD_INFO#]', 'goes to sh'],
    ["e'v'al x [#ADD_INFO#]", 'goes to eval'],
    ['command sh -c [#ADD_INFO#]', 'goes to sh'],
    ['command -p bash -c [#ADD_INFO#]', 'goes to bash'],
    ['env sh -c [#ADD_INFO#]', 'goes to sh'],
    ['env -i PATH=/bin sh -c [#ADD_INFO#]', 'goes to sh'],
    ['exec sh -c [#ADD_INFO#]', 'goes to sh'],
    ['exec -a name /bin/sh -c [#ADD_INFO#]', 'goes to sh'],
    ['/bin/sh -c [#ADD_INFO#]', 'goes to sh'],
    ["'/usr/bin/bash' -c [#ADD_INFO#]", 'goes to bash'],
    ['sudo -u bob bash -c [#ADD_INFO#]', 'goes to bash'],
    ['sudo -s [#ADD_INFO#]', 'goes to sudo -s'],
    ['nohup nice -n 5 timeout -s KILL 10 setsid stdbuf -oL sh -c [#ADD_INFO#]', 'goes to sh'],
    ['builtin eval [#ADD_INFO#]', 'goes to eval'],
    ['busybox sh -c [#ADD_INFO#]', 'goes to sh'],
    ['time -p sh -c [#ADD_INFO#]', 'goes to sh'],
    ['X=1 sh -c [#ADD_INFO#]', 'goes to sh'],
    ['if true; then sh -c [#ADD_INFO#]; fi', 'goes to sh'],
    ['true && sh -c [#ADD_INFO#] >/dev/null 2>&1', 'goes to sh'],
    ['python3 -c [#ADD_INFO#]', 'goes to python3'],
    ['perl -e [#ADD_INFO#]', 'goes to perl'],
    ['sed -e [#ADD_INFO#] f', 'goes to sed'],
    ['awk [#ADD_INFO#] f', 'goes to awk'],
    ['find . -name x -exec sh -c [#ADD_INFO#] \\;', 'goes to find'],
    ['xargs [#ADD_INFO#]', 'goes to xargs'],
    ['enable -f [#ADD_INFO#] x', 'goes to enable -f'],
  ])('%s', (shell, reason) => {
    expectRefused(shell, '[#ADD_INFO#]', reason);
  });

  it('refuses every re-parsing command, runuser included', () => {
    for (const name of ['runuser', 'su', 'ssh', 'eval', 'watch', 'parallel', 'at', 'batch', 'xargs'])
      expectRefused(`${name} -u root -- x [#ADD_INFO#]`, '[#ADD_INFO#]', `goes to ${name}`);
  });
});

describe('issue 8 item 7: template text around a tag that reopens the shell', () => {
  it.each([
    ['echo \\[#ADD_INFO#]', 'follows a backslash'],
    ['echo x\\[#ADD_INFO#]', 'follows a backslash'],
    ['echo "\\[#ADD_INFO#]"', 'follows a backslash'],
    ['echo $[#ADD_INFO#]', 'follows $'],
    ['echo "$[#ADD_INFO#]"', 'follows $'],
    ['echo $HOME[#ADD_INFO#]', 'continues the name of a variable'],
    ["echo $'\\' [#ADD_INFO#]", "inside $'…'"],
    ['(( [#ADD_INFO#] ))', 'arithmetic expression'],
    ['echo $(( [#ADD_INFO#] + 1 ))', 'arithmetic expression'],
    ['echo $[ [#ADD_INFO#] ]', 'arithmetic expression'],
    ['for (( i = [#ADD_INFO#]; i < 2; i++ )); do :; done', 'arithmetic expression'],
    ['let x=[#ADD_INFO#]', 'goes to let'],
    ['[[ [#ADD_INFO#] -eq 1 ]]', 'goes to [['],
    ['[[ 1 -eq 1 && [#ADD_INFO#] -eq 1 ]]', 'goes to [['],
    ['declare -i n=[#ADD_INFO#]', 'goes to declare'],
    ['local n=[#ADD_INFO#]', 'goes to local'],
    ['export X=[#ADD_INFO#]', 'goes to export'],
    ['unset [#ADD_INFO#]', 'goes to unset'],
    ['read [#ADD_INFO#]', 'goes to read'],
    ['a[[#ADD_INFO#]]=1', 'array subscript'],
    ['printf -v x [#ADD_INFO#]', 'goes to printf -v'],
    ['[ -v [#ADD_INFO#] ]', 'goes to [ -v'],
    ['test -v [#ADD_INFO#]', 'goes to test -v'],
    ['echo ${X:-[#ADD_INFO#]}', 'inside ${…}'],
    ['$SHELL -c [#ADD_INFO#]', 'command whose name is not plain text'],
    ['${SHELL} -c [#ADD_INFO#]', 'command whose name is not plain text'],
    ['$(which sh) -c [#ADD_INFO#]', 'command whose name is not plain text'],
    ['`which sh` -c [#ADD_INFO#]', 'command whose name is not plain text'],
    ['/bin/s? -c [#ADD_INFO#]', 'command whose name is not plain text'],
    ['sudo --unknown-option sh -c [#ADD_INFO#]', 'command whose name is not plain text'],
    ['script -qc [#ADD_INFO#] /dev/null', 'goes to script'],
    ['flock /tmp/lock -c [#ADD_INFO#]', 'goes to flock'],
    ['sg staff [#ADD_INFO#]', 'goes to sg'],
    ['tmux new-session -d [#ADD_INFO#]', 'goes to tmux'],
    ['screen -dm [#ADD_INFO#]', 'goes to screen'],
    ['echo [#ADD_INFO#] | sh', 'is piped into sh'],
    ['printf %s [#ADD_INFO#] | sudo bash', 'is piped into bash'],
    ['echo [#ADD_INFO#] | (cat)', 'is piped into a ( … ) group'],
    ['for i in 1; do echo [#ADD_INFO#]; done | sh', 'is piped into sh'],
    ['{ echo [#ADD_INFO#]; } | sh', 'is piped into sh'],
    ['if true; then echo [#ADD_INFO#]; fi | sh', 'is piped into sh'],
    ['echo [#ADD_INFO#] | if true; then sh; fi', 'is piped into sh'],
    ['echo [#ADD_INFO#] | while read l; do echo "$l"; done', 'is piped into read'],
    ['eval "$(echo [#ADD_INFO#])"', 'goes to eval'],
    ['sh -c "$(printf %s [#ADD_INFO#])"', 'goes to sh'],
    ['echo *[#ADD_INFO#]', 'follows a character'],
    ['echo a[#ADD_INFO#]*', 'file names'],
    ['echo {a,[#ADD_INFO#]}', '{…,…}'],
    ['echo ~[#ADD_INFO#]', 'follows a character'],
    ['echo ${X}[#ADD_INFO#]', 'follows a character'],
    ['X=[#ADD_INFO#] id', 'variable assignment'],
    ['sh -c "echo [#ADD_INFO#]"', 'goes to sh'],
    ["su -c 'echo [#ADD_INFO#]'", 'goes to su'],
    ['echo `echo [#ADD_INFO#]`', 'inside backticks'],
    ['x=$(cat <<EOF) [#ADD_INFO#]', 'here-document'],
    ['case x in x) echo [#ADD_INFO#];; esac', 'case'],
  ])('%s', (shell, reason) => {
    expectRefused(shell, '[#ADD_INFO#]', reason);
  });

  it('a value starting with - where the word starts: also after an empty quote ("" or \'\')', () => {
    for (const shell of [
      'rm [#ADD_INFO#]',
      'rm ""[#ADD_INFO#]',
      "rm ''[#ADD_INFO#]",
      'rm "$X"[#ADD_INFO#]',
    ]) {
      const result = substitute(parseTemplate(exec(shell)).commands, { ADD_INFO: '-rf' });
      expect(result.ok, shell).toBe(false);
      if (!result.ok) expect(result.refusal.message).toContain('starts with "-"');
    }
    const inWord = substitute(parseTemplate(exec('echo x[#ADD_INFO#]')).commands, { ADD_INFO: '-rf' });
    expect(inWord.ok).toBe(true);
  });
});

describe('values with a form (USERNAME…) are inserted as they are, but not where the shell evaluates them', () => {
  it.each([
    ['echo $[#USERNAME#]', '[#USERNAME#]', 'follows $'],
    ['echo "$[#USERNAME#]"', '[#USERNAME#]', 'follows $'],
    ['echo $X[#USERNAME#]', '[#USERNAME#]', 'continues the name of a variable'],
    ['echo \\[#USERNAME#]', '[#USERNAME#]', 'follows a backslash'],
    ['echo $((1 + [#SESSION_ID#]))', '[#SESSION_ID#]', 'arithmetic expression'],
    ['(( [#USERNAME#] > 0 ))', '[#USERNAME#]', 'arithmetic expression'],
    ['[[ [#USERNAME#] -eq 0 ]]', '[#USERNAME#]', 'goes to [['],
    ['let n=[#USERNAME#]', '[#USERNAME#]', 'goes to let'],
    ['a[[#SESSION_ID#]]=1', '[#SESSION_ID#]', 'array subscript'],
    ['echo ${X:-[#USERNAME#]}', '[#USERNAME#]', 'inside ${…}'],
  ])('%s', (shell, tag, reason) => {
    expectRefused(shell, tag, reason);
  });

  it('and pass where a shell sees only their characters, quoted or not', () => {
    for (const shell of [
      'useradd -m -c "managed [#SESSION_ID#]" [#USERNAME#]',
      "echo 'x [#USERNAME#]'",
      'sh -c "id [#USERNAME#]"',
      'su [#USERNAME#] -c id',
      '[ "$(id -u [#USERNAME#])" = 0 ]',
      'echo $1[#USERNAME#]',
    ])
      expect(saveProblem(shell), shell).toBeNull();
  });
});

describe('forms that stay allowed', () => {
  it.each([
    'printf %s [#ADD_INFO#] > /tmp/out',
    'echo x=[#ADD_INFO#] --opt=[#ADD_INFO#] a.[#ADD_INFO#] user:[#ADD_INFO#]',
    'echo ""[#ADD_INFO#] \'\'[#ADD_INFO#] "a"[#ADD_INFO#]',
    'useradd -m -s /bin/bash -c [#ADD_INFO#] [#USERNAME#]',
    'echo [#USERNAME#]:[#NEW_PASSWORD#] | chpasswd',
    'echo [#ADD_INFO#] | sed s/a/b/ > /tmp/out',
    'htpasswd -bm /etc/htpasswd/.htpasswd [#USERNAME#] [#NEW_PASSWORD#]',
    'sudo /opt/app/bin/asadmin set pool.[#ADD_INFO#].property.Password=[#NEW_PASSWORD#]',
    'sudo -u app /opt/app/bin/tool --name [#ADD_INFO#]',
    'timeout 5 /usr/bin/tool [#ADD_INFO#]',
    'echo $(printf %s [#ADD_INFO#]) [#ADD_INFO#] 2>/dev/null',
    'sh -c true; echo [#ADD_INFO#]',
    'for i in 1 2; do echo [#ADD_INFO#]; done',
    'if true; then echo [#ADD_INFO#]; fi > /tmp/out',
    'echo [#ADD_INFO#] | { cat; }',
    '[ -n [#ADD_INFO#] ] && echo ok # [#ADD_INFO#]',
    'printf %d [#ADD_INFO#]',
    // A device CLI's command that is also a bash builtin, harmless without -f.
    'enable password [#NEW_PASSWORD#]',
  ])('%s', (shell) => {
    expect(saveProblem(shell)).toBeNull();
  });

  it('the built-in templates pass the check', () => {
    for (const template of sshBuiltinTemplates)
      expect(checkSshTemplate(template.content), template.key).toEqual([]);
  });
});

describe('the input of a whole template is read as the shell receives it', () => {
  it('write is continued by the next line, an open quote or a trailing \\ by the next exec', () => {
    expect(checkSshTemplate(`write "eval "\n${exec('x [#ADD_INFO#]')}`)).toMatchObject([
      { line: 2, message: expect.stringContaining('goes to eval') as unknown },
    ]);
    // The quote opened on line 1 holds the tag on line 2: escaped for it, like any single quotes.
    expect(checkSshTemplate(`${exec("echo 'a")}\n${exec("x [#ADD_INFO#]'")}`)).toEqual([]);
    expect(checkSshTemplate(`${exec("sh -c 'a")}\n${exec("x [#ADD_INFO#]'")}`)).toMatchObject([
      { line: 2, message: expect.stringContaining('goes to sh') as unknown },
    ]);
    expect(checkSshTemplate(`${exec('sh -c \\')}\n${exec('[#ADD_INFO#] x')}`)).toMatchObject([
      { line: 2, message: expect.stringContaining('goes to sh') as unknown },
    ]);
  });

  it('a line that is exactly one tag is typed at a prompt, and a new reading starts after it', () => {
    expect(
      checkSshTemplate(`${exec('passwd x')}\nexec "[#NEW_PASSWORD#]"\n${exec('echo [#ADD_INFO#]')}`),
    ).toEqual([]);
    // With a quote still open the shell, not passwd, reads the next line (typed-lines.test.ts).
    expect(
      checkSshTemplate(`${exec("passwd x; echo 'a")}\nexec "[#NEW_PASSWORD#]"\n${exec('echo [#ADD_INFO#]')}`),
    ).not.toEqual([]);
  });

  it('the plugin refuses such a template before connecting', async () => {
    const result = await new SshPlugin().run({
      template: exec("'sh' -c [#ADD_INFO#]"),
      tags,
      target: { host: '127.0.0.1', port: 1 },
      login: { username: 'root', password: 'x' },
    });
    expect(result.failure).toMatchObject({ kind: 'refused', line: 1 });
    expect(result.failure?.message).toContain('Line 1, column 15');
  });
});

// Issue 15, item 1: the command each value goes to, as command-rules.ts names it past sudo, env,
// nice, timeout and the `time` keyword. The reason in the refusal is asserted, not only that there
// is one: an option misread would still refuse, but for a command this check "cannot name", and a
// reading that loses its way on one line can let the next one through.
describe('issue 15 item 1: the command a value goes to, read past wrappers and their options', () => {
  const unknown = 'command whose name is not plain text';

  it.each([
    // Found by the mutation run: each was sent with the value as a second shell's code.
    ['sudo X=1 sh -c [#ADD_INFO#]', 'goes to sh'],
    ['env ./x=y sh -c [#ADD_INFO#]', 'goes to sh'],
    ['env 1X=2 sh -c [#ADD_INFO#]', 'goes to sh'],
    ['echo [#ADD_INFO#] | (sh) > /tmp/out', 'is piped into a ( … ) group'],
    ['echo [#ADD_INFO#] | (bash) 2>/dev/null', 'is piped into a ( … ) group'],
  ])('%s: a VAR=value word or a redirection does not hide the shell', (shell, reason) => {
    expectRefused(shell, '[#ADD_INFO#]', reason);
  });

  it.each([
    ['perl -e [#ADD_INFO#]', 'goes to perl, which runs its arguments or input as code'],
    ['enable -f [#ADD_INFO#] x', 'goes to enable -f, which loads and runs a shared library'],
    ['enable -f/tmp/x.so [#ADD_INFO#]', 'goes to enable -f, which loads and runs a shared library'],
    ['printf -v x [#ADD_INFO#]', 'goes to printf -v, which evaluates a variable name'],
    ['printf -vout %s [#ADD_INFO#]', 'goes to printf -v, which evaluates a variable name'],
    ['test -v [#ADD_INFO#]', 'goes to test -v, which evaluates a variable name'],
    ['test -R [#ADD_INFO#]', 'goes to test -v, which evaluates a variable name'],
    ['[ -R [#ADD_INFO#] ]', 'goes to [ -v, which evaluates a variable name'],
  ])('%s: the refusal says what the command does with it', (shell, reason) => {
    expectRefused(shell, '[#ADD_INFO#]', reason);
  });

  it.each([
    ['sudo -- sh -c [#ADD_INFO#]', 'goes to sh'],
    ['sudo --user=bob sh -c [#ADD_INFO#]', 'goes to sh'],
    ['sudo --user bob sh -c [#ADD_INFO#]', 'goes to sh'],
    ['sudo --non-interactive sh -c [#ADD_INFO#]', 'goes to sh'],
    ['env - sh -c [#ADD_INFO#]', 'goes to sh'],
    ['nice -10 sh -c [#ADD_INFO#]', 'goes to sh'],
    ['time -- sh -c [#ADD_INFO#]', 'goes to sh'],
    ['time ! sh -c [#ADD_INFO#]', 'goes to sh'],
    ['sudo --login [#ADD_INFO#]', 'goes to sudo --login, which runs a shell'],
    ['sudo -Es [#ADD_INFO#]', 'goes to sudo -Es, which runs a shell'],
    ['env --split-string="sh -c" [#ADD_INFO#]', 'goes to env --split-string, which runs a shell'],
  ])('%s: the options are skipped to the command that runs', (shell, reason) => {
    expectRefused(shell, '[#ADD_INFO#]', reason);
  });

  it.each([
    // A word that is not plain text where the command or an option is due.
    'timeout $T /opt/tool [#ADD_INFO#]',
    'time$X /opt/tool [#ADD_INFO#]',
    // `--` before timeout's duration: the duration is then the next word, which this check does not follow.
    'timeout -- 5 /opt/tool [#ADD_INFO#]',
    // A lone `-` is env's `-i`; for sudo it is no option this check knows.
    'sudo - sh -c [#ADD_INFO#]',
    // Options these wrappers do not have: what follows them is not known to be the command.
    'sudo -Z sh -c [#ADD_INFO#]',
    'sudo -5 sh -c [#ADD_INFO#]',
    'nice -Z sh -c [#ADD_INFO#]',
    'nice -5x sh -c [#ADD_INFO#]',
    'nice -x-5 sh -c [#ADD_INFO#]',
    // An empty name, or `--` where the name is due: the command is not the word this check reads.
    "'' sh -c [#ADD_INFO#]",
    'sudo -- -- sh -c [#ADD_INFO#]',
  ])('%s: refused, as what runs cannot be known', (shell) => {
    expectRefused(shell, '[#ADD_INFO#]', unknown);
  });

  it.each([
    // -u takes the rest of the word: isaac is a user, not -i (a login shell) and -s.
    'sudo -uisaac /opt/tool [#ADD_INFO#]',
    // A long option holding the letter s is not -s.
    'sudo --set-home /opt/tool [#ADD_INFO#]',
    'sudo -u app LANG=C /opt/tool [#ADD_INFO#]',
    // nohup takes no VAR=value: it would run a program named X=1, not sh.
    'nohup X=1 sh -c [#ADD_INFO#]',
    // A command with no arguments, and a `time` with nothing after it, are read without error.
    'printf; echo [#ADD_INFO#]',
    'time; echo [#ADD_INFO#]',
    // Only a name starting with - (or made of !) is taken for a lost option: this is a program's.
    '/opt/bin/run- [#ADD_INFO#]',
    // A group's output written to a file named [[ is no [[ test.
    '(echo [#USERNAME#]) >[[',
  ])('%s: passes', (shell) => {
    expect(saveProblem(shell)).toBeNull();
    expect(runRefusal(shell)).toBeNull();
  });

  it('a command with a [[ word anywhere is read as a [[ test (the check is wide), and its name is [[', () => {
    expect(saveProblem('X=[#USERNAME#] >[[')?.message).toContain('[[ … ]] test');
    expect(saveProblem('echo [[ [#USERNAME#] ]]')?.message).toContain('[[ … ]] test');
    expectRefused('echo [#ADD_INFO#] | echo [[ x ]]', '[#ADD_INFO#]', 'is piped into [[,');
  });
});

// Where a ( opens a group: only where a command's name is due, after the keywords that lead into
// one. Elsewhere it is a function definition (`f() { sh -c "$1"; }; f [#X#]` sends the value to sh)
// or an extended glob, which this check does not follow: what comes after is refused.
describe('issue 15 item 1: a ( … ) group after a keyword, and a ( that is not one', () => {
  it.each([
    '! (echo [#ADD_INFO#])',
    '{ (echo [#ADD_INFO#]); }',
    'if (true); then echo [#ADD_INFO#]; fi',
    'if true; then (echo [#ADD_INFO#]); fi',
    'if false; then :; else (echo [#ADD_INFO#]); fi',
    'if false; then :; elif (true); then echo [#ADD_INFO#]; fi',
    'while (false); do :; done; echo [#ADD_INFO#]',
    'until (true); do :; done; echo [#ADD_INFO#]',
    'for i in 1; do (echo [#ADD_INFO#]); done',
    'time (echo [#ADD_INFO#])',
  ])('%s: a group, and the value in it passes', (shell) => {
    expect(saveProblem(shell)).toBeNull();
    expect(runRefusal(shell)).toBeNull();
  });

  it.each([
    'f() { sh -c "$1"; }; f [#ADD_INFO#]',
    'f () { sh -c "$1"; }; f [#ADD_INFO#]',
    // Spelled time, but not the keyword: an expansion is in the word.
    'time$X (echo [#ADD_INFO#])',
  ])('%s: refused after the (', (shell) => {
    expectRefused(shell, '[#ADD_INFO#]', 'a ( in the middle of a command');
  });
});

// Equivalent mutants of the "ssh command rules" mutation module (npm run mutation -- --module
// "ssh command rules"): no template line can tell them from the code, so no test kills them.
// command-rules.ts
// - 402 `while (i < words.length)`, EqualityOperator `<=`: the extra turn reads words[length],
//   undefined, and line 404 breaks out with the same i.
// - 404 `if (word === undefined) break`, ConditionalExpression false: inside the loop i is below
//   words.length and the array has no holes (the test is there for noUncheckedIndexedAccess).
// - 449 `text.slice(1)`, MethodExpression `text`: hasShellFlag only sees words that start with one
//   `-` (not `--`); the extra first letter looks up `--`, which no wrapper has as an option.
// - 475 `while (i < args.length && …)`, ConditionalExpression true and EqualityOperator `<=`: at
//   i = args.length, args[i] is undefined, so neither `assignment === true` nor
//   leadingKeywords.has('') holds and the loop stops anyway.
// - 475 OptionalChaining `args[i].assignment` and `args[i].text`, and StringLiteral
//   `?? "Stryker was here!"` (no coverage): behind i < args.length, args[i] is defined.
// - 476 OptionalChaining `args[i].known`: `||` evaluates it only when args[i]?.text is 'time'.
// - 483 StringLiteral: the name of `{ kind: 'plain', name: '' }`: a plain class's name is read by
//   nothing (shell-reader.ts reads the reason of a refusing class, codeReader the name of those).
// shell-command.ts
// - 14 `unquoted = ''`, StringLiteral "Stryker was here!": unquoted is read only by the glob and
//   brace patterns of the reader's #endWord, which find no *, ?, […] or {…,…} in that text.
// - 68 `if (cmd.group) return { kind: 'plain', name: '' }`, ObjectLiteral `{}` and StringLiteral
//   on kind or name: a group's class is only asked whether it is 'reparsed' or 'evaluated' (it is
//   neither way), and codeReader answers for a group before it reads the class.
// - 80 `cls.kind === 'reparsed' && cls.readsCode`, ConditionalExpression true: only a reparsed
//   class has readsCode (evaluated returned the line before; plain's is undefined, falsy).
