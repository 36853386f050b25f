/**
 * Command strings a second shell runs (`su -c '…'`, ssh's joined words, an awk program's
 * `system("…")`), and the command a runner (find -exec, flock, xargs) runs: read as a typed line is
 * (shell-reader.ts commandStringLoses) and past the wrappers the command rules know
 * (command-rules.ts commandNameAt), so that a shell started there, behind any wrapper, loses the
 * reading, and a value that is only a wrapper's option value does not.
 */
import { describe, expect, it } from 'vitest';
import { checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';
import { commandNameAt, unknownCommand } from '../../../../electron/plugins/ssh/template/command-rules';
import { commandStringLoses } from '../../../../electron/plugins/ssh/template/shell-reader';
import { checkRows, words } from './support/settings-rows';

describe('a command string read as a typed line', () => {
  it.each([
    // Behind wrappers the old reading did not know (timeout's duration, stdbuf, eval).
    ['timeout 5 sh', true],
    ['stdbuf -o0 sh', true],
    ['eval sh', true],
    ['nice -n 5 dash', true],
    // A value where the command's name stands, past an option that takes none.
    ['sudo -E \0', true],
    ['\0', true],
    ['exec "s"h', true],
    ['cat | sh', true],
    ['echo ok; sh', true],
    // A value that is an option's value or an argument names no command.
    ['sudo -u \0 id', false],
    ['usermod -L \0', false],
    ['echo \0', false],
    ['grep -qx /bin/bash /etc/shells || echo /bin/bash >> /etc/shells', false],
    // bash reading the terminal reads it as this check does; so does a shell that runs a script.
    ['bash', false],
    ['/bin/bash', false],
  ])('%j → %s', (text, loses) => {
    expect(commandStringLoses(text, [], true)).toBe(loses);
  });
});

describe('whyReadingIsLost: command strings and runners read as the shell reads them', () => {
  checkRows([
    [['su', '-c', 'timeout 5 sh'], 'parsing'],
    [['su', '-c', 'sudo -E T:u'], 'parsing'],
    [['su', '-c', 'eval sh'], 'parsing'],
    [['su', '-c', 'sudo -u T:u id'], null],
    [['su', '-c', 'echo bash'], null],
    [['ssh', 'db01', 'timeout 3 sh'], 'parsing'],
    [['ssh', 'db01', 'usermod', '-L', 'T:u'], null],
    [['ssh', 'db01', 'exec', 'V:u'], 'parsing'],
    // find -exec, flock: a tag that is a wrapper's option value is no command.
    ['find /tmp -exec sudo -u T:u id ;', null],
    ['find /tmp -exec sudo -E T:u ;', 'parsing'],
    ['flock /tmp/l sudo -u T:u id', null],
    ['flock /tmp/l env A=1 T:u', 'parsing'],
    ['xargs -n 1 timeout 5 T:u', 'parsing'],
    // A wrapper's option this check does not know: what follows it may be anything.
    ['flock /tmp/l sudo --frobnicate T:u', 'parsing'],
    // A word with a space names no program on the PATH.
    [['find', '/tmp', '-exec', 'T:echo u', ';'], null],
    // awk's command strings are its string literals, with awk's escapes read.
    [['awk', 'BEGIN{print | "sh"}'], 'parsing'],
    [['awk', 'BEGIN{system("T:u")}'], 'parsing'],
    [['awk', String.raw`BEGIN{system("id\nsh")}`], 'parsing'],
    [['awk', String.raw`BEGIN{system("\"sh\"")}`], 'parsing'],
    // Any command it runs may start one: its strings may be built of anything.
    [['awk', 'BEGIN{system("id T:u")}'], 'parsing'],
    [['awk', 'BEGIN{system("bash")}'], 'parsing'],
    [['awk', 'BEGIN{system("s" "h")}'], 'parsing'],
    [['awk', '-v', 'c=sh', 'BEGIN{print | c}'], 'parsing'],
    [['awk', '"x" | getline'], 'parsing'],
    // A program that runs nothing: its strings are data, `|` in a regular expression or -F too.
    [['awk', '-F:', '$1 == "T:u" {print $7}', '/etc/passwd'], null],
    [['awk', '-F', '|', '/root|admin/ {print "/bin/sh"}'], null],
    [['awk', '-F:', '{print $1 " (" $3 ")"}'], null],
    [['awk', '-F:', '$7=="/bin/bash"{print $1}', '/etc/passwd'], null],
  ]);
});

describe('commandNameAt: where the command stands past wrappers', () => {
  it('finds it past lead-ins, assignments and wrappers with their options', () => {
    expect(commandNameAt(words('! A=1 sudo -u u timeout -s KILL 5 id'))).toBe(9);
    expect(commandNameAt(words('sudo'))).toBe(1);
    // sudo 1.9's -B (--bell) and -N (--no-update) take no value.
    expect(commandNameAt(words('sudo -B -N -u u id'))).toBe(5);
    expect(commandNameAt(words('sudo --bell --no-update id'))).toBe(3);
    expect(commandNameAt(words('T:x id'))).toBe(0);
  });

  it('gives the class a wrapper decides: a shell, or a word it cannot know', () => {
    expect(commandNameAt(words('sudo -s'))).toMatchObject({ kind: 'reparsed', name: 'sudo -s' });
    expect(commandNameAt(words('sudo T:-u id'))).toBe(unknownCommand);
  });
});

/** A template whose value comes after `first`: refused once the reading is lost there. */
const after = (first: string): string => `exec "${first}"\nexec "usermod -L [#USERNAME#]"`;

describe('templates', () => {
  it.each([
    `su -c 'timeout 5 sh'`,
    `su -c 'sudo -E [#USERNAME#]'`,
    `ssh db01 "timeout 3 sh"`,
    `awk 'BEGIN{print | \\"sh\\"}'`,
  ])('%s loses the reading: the next value is refused', (first) => {
    expect(checkSshTemplate(after(first))).not.toEqual([]);
  });

  it.each([
    `find /tmp -name x -exec sudo -u [#USERNAME#] id \\\\;`,
    `flock /tmp/l sudo -u [#USERNAME#] id`,
    `su -c 'sudo -u [#USERNAME#] id'`,
    `sudo -N -u [#USERNAME#] id`,
  ])('%s keeps it: the next value is accepted', (first) => {
    expect(checkSshTemplate(after(first))).toEqual([]);
  });
});
