/**
 * The attack review of 4 December on command strings (command-strings.test.ts) and the survivor
 * reviews of shell-context.ts and history-expansion.ts: each row is a template the check accepted
 * while a real bash, dash, python3 or vim then ran a value or read the template's next lines
 * (found against bash 5.2 and dash 0.5.12), or a plausible one it refused for no reason. Checked
 * here through checkSshTemplate alone; the reviewers ran them.
 */
import { describe, expect, it } from 'vitest';
import { checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';
import { execs, thenValue } from './support/exec-lines';

describe('a shell started where the check read none: the next value is refused', () => {
  it.each([
    // A value where sudo -s, sudo -i or env -S run their command (a user named sh).
    'flock /tmp/l sudo -s [#USERNAME#]',
    'find /tmp -maxdepth 0 -exec sudo -s [#USERNAME#] \\;',
    'flock /tmp/l sudo -i [#USERNAME#]',
    'flock /tmp/l sudo -s nice [#USERNAME#]',
    'flock /tmp/l env -iS [#USERNAME#]',
    'sudo -s [#USERNAME#]',
    'sudo -s nice [#USERNAME#]',
    // taskset and chrt run their command as nice does.
    'flock /tmp/l taskset 1 [#USERNAME#]',
    'find /tmp -maxdepth 0 -exec chrt -o 0 [#USERNAME#] \\;',
    // bash's own syntax in a string another shell reads: dash runs `sh -s` here.
    "sh -c '[[ -e /x || sh -s ]]'",
    "sh -c '(( 1 || sh ))'",
    "sh -c 'id &>/dev/null [#USERNAME#]'",
    // An awk program that runs commands: its strings may be built of anything.
    `awk '/"/{n++} END{"nice sh" | getline}' /etc/passwd`,
    `awk 'BEGIN{system("s" "h")}'`,
    `awk -v c=sh 'BEGIN{system(c)}'`,
    `awk 'BEGIN{system("\\163\\150")}'`,
    `gawk --source='BEGIN{system("nice sh")}'`,
    // A trap in a command string fires as that shell exits.
    `su -c 'trap "nice sh" EXIT; usermod -L [#USERNAME#] 2>/dev/null'`,
    // Command strings in places the check did not look.
    "env -iS 'nice sh'",
    "env -S 'nice\\_sh'",
    "su - root --session-command 'nice sh'",
    "sg root 'nice sh'",
    "ssh db01 -t 'timeout 5 sh'",
    "ssh db01 -t 'sudo -E [#USERNAME#]'",
    "sshpass -f /root/p ssh db01 'timeout 5 sh'",
    'find /tmp -maxdepth 0 -exec true \\; -exec sudo -E [#USERNAME#] \\;',
    'busybox hush',
  ])('%s', (first) => {
    expect(checkSshTemplate(thenValue(first))).not.toEqual([]);
  });
});

describe('a value in a command string where its place asks more than quoting', () => {
  it('arithmetic in a bash -c string refuses every value (a[$(cmd)] runs cmd)', () => {
    const problems = checkSshTemplate(
      execs('echo [#ADD_INFO#] > /tmp/info', "bash -c 'read -r v < /tmp/info; echo $(( [#USERNAME#] ))'"),
    );
    expect(problems.map((p) => p.line)).toEqual([2]);
    expect(problems[0]?.message).toMatch(/arithmetic/);
  });

  it('so does a [[ … -gt … ]] test in sudo bash -c', () => {
    expect(checkSshTemplate(execs("sudo bash -c '[[ [#USERNAME#] -gt 0 ]] && id'"))).not.toEqual([]);
  });
});

describe('found by the shell-context survivor reviews', () => {
  // python3 -c stays at >>> with PYTHONINSPECT set, however the name is written.
  it.each([
    "export PYTHON''INSPECT=1",
    'export PYTHON\\INSPECT=1',
    'export PYTHON""INSPECT=1',
    "export PYTHON$'I'NSPECT=1",
  ])('%s, then python3 -c', (setting) => {
    expect(
      checkSshTemplate(execs(setting, 'python3 -c pass', 'assert [#NEW_PASSWORD#] [#ADD_INFO#]')),
    ).not.toEqual([]);
  });

  it('PYTHONINSPECT over a write and the exec after it', () => {
    const template = [
      'write "export PYTHON"',
      execs('INSPECT=1', 'python3 -c pass', 'assert [#NEW_PASSWORD#] [#ADD_INFO#]'),
    ].join('\n');
    expect(checkSshTemplate(template)).not.toEqual([]);
  });

  it('an escaped backslash at a line end continues nothing: the console after it is seen', () => {
    const template = [
      execs('echo C:\\backup\\\\', 'python3'),
      'expect ">>>"',
      execs('name = [#ADD_INFO#]', 'exit()'),
    ].join('\n');
    expect(checkSshTemplate(template)).not.toEqual([]);
  });

  it('history expansion on a line that starts inside the single quotes the line before opened', () => {
    expect(checkSshTemplate(execs('echo [#ADD_INFO#]', "echo 'a", "b' ; sh -c !$"))).not.toEqual([]);
  });
});

describe('plausible templates accepted again', () => {
  it.each([
    `awk -F: '$1 == "[#USERNAME#]" {print $7}' /etc/passwd`,
    `awk -F: '{ if ($1 == "[#USERNAME#]") print $5 }' /etc/passwd`,
    `awk -F: '$7 == "/bin/sh" || $7 == "/bin/bash" {print $1}' /etc/passwd`,
    `awk -F: '{print $1 " (" $3 ")"}' /etc/passwd`,
    'flock /run/lock/useradd sudo useradd -m [#USERNAME#]',
    'find /tmp -maxdepth 0 -exec sudo -u [#USERNAME#] id \\;',
    'flock /tmp/l taskset 1 usermod -L [#USERNAME#]',
    "sudo bash -c '[[ -d /home/x ]] && usermod -L [#USERNAME#]'",
  ])('%s', (first) => {
    expect(checkSshTemplate(execs(first, 'usermod -L [#USERNAME#]'))).toEqual([]);
  });
});

// The second attack review of 4 December, on the fixes above (bash 5.2, dash 0.5.12, gawk 5.2.1,
// python3 3.11, run on a terminal where it says so in the review).
describe('second review: a shell started where the check read none', () => {
  it.each([
    // awk whose command reopens the terminal, whatever awk reads; a pipe into a parenthesised
    // command.
    `awk 'BEGIN{system("exec sh </dev/tty")}' </etc/hostname`,
    `awk 'BEGIN { printf "" | ("exec py" "thon3 -q 0<&2") }'`,
    // Options between -c and the string, the string attached, long options abbreviated.
    "sh -c -- 'nice sh'",
    "sh -c -e 'nice sh'",
    "bash -c -x 'nice sh'",
    "su -c'nice sh'",
    "su --comm 'nice sh'",
    "su --co='nice sh'",
    'su --sh=/bin/sh',
    "env --split='nice sh'",
    "env -iS'nice sh'",
    "env -vS'timeout 5 sh'",
    // util-linux 2.42's chrt takes no priority for the other policy.
    'chrt -o sh',
    'chrt --other sh',
  ])('%s', (first) => {
    expect(checkSshTemplate(thenValue(first))).not.toEqual([]);
  });
});

describe('second review: a tag refused inside a command string, whatever loses the reading first', () => {
  it.each([
    "flock /tmp/l -c 'read -r v < /tmp/v; [[ [#USERNAME#] -gt 0 ]]'",
    `su -c 'trap "" INT; read -r v < /tmp/v; echo $(( [#USERNAME#] ))'`,
    "find /tmp -maxdepth 0 -exec bash -c 'read -r v < /tmp/v; echo $(( [#USERNAME#] ))' \\;",
    "sh -c 'read -r v < /tmp/v; [[ [#USERNAME#] -gt 0 ]]'",
    "bash -c -- 'read -r v < /tmp/v; echo $(( [#USERNAME#] ))'",
    "su -c'read -r v < /tmp/v; echo $(( [#USERNAME#] ))'",
  ])('%s', (line) => {
    const problems = checkSshTemplate(execs('echo [#ADD_INFO#] > /tmp/v', line));
    expect(problems.some((p) => p.line === 2)).toBe(true);
  });
});

describe('second review: plausible templates accepted', () => {
  it.each([
    `awk -F: '{print $1 "@example.com"}' /etc/passwd`,
    `awk -F: '$3 < 1000 {print $1 " is a system account"}' /etc/passwd`,
    `awk 'BEGIN { while ((getline line < "/etc/group") > 0) n++; print n }'`,
    "flock /tmp/l -c '[[ -d /home/x ]] && usermod -L [#USERNAME#]'",
    'sudo -i',
    'sudo -Es',
    'sudo -u root -i',
    'sudo -iu root usermod -L [#USERNAME#]',
    'chrt -o 0 usermod -L [#USERNAME#]',
  ])('%s', (first) => {
    expect(checkSshTemplate(execs(first, 'usermod -L [#USERNAME#]'))).toEqual([]);
  });
});

describe("third review: a quoted or escaped time is GNU time's program, not bash's keyword", () => {
  // bash knows `time` as a keyword only unquoted and before any assignment; otherwise the word
  // runs /usr/bin/time, whose options (-v, -f FORMAT) come before the command it runs. The check
  // took the word for the keyword and -v for the command's name.
  it.each([
    "'time' -v sh -c [#ADD_INFO#]",
    '\\time -v sh -c [#ADD_INFO#]',
    't\\ime -v sh -c [#ADD_INFO#]',
    'X=1 time -v sh -c [#ADD_INFO#]',
    '"time" -f %e sh -c [#ADD_INFO#]',
    "sudo 'time' -v sh -c [#ADD_INFO#]",
  ])('%s: the value is refused', (line) => {
    expect(checkSshTemplate(execs(line))).not.toEqual([]);
  });

  it.each(["'time' -v sh", 'X=1 time -q sh', "find /tmp -maxdepth 0 -exec 'time' -v sh \\;"])(
    '%s: the next line is refused, as sh reads it',
    (first) => {
      expect(checkSshTemplate(thenValue(first))).not.toEqual([]);
    },
  );

  it.each(['time -p usermod -L [#USERNAME#]', 'time usermod -L [#USERNAME#]'])('%s: accepted', (line) => {
    expect(checkSshTemplate(execs(line))).toEqual([]);
  });
});

describe('fourth review: runners and wrappers the check did not know', () => {
  // A user named sh, fish or csh where these run their command: that shell reads the next lines.
  it.each([
    'pkexec [#USERNAME#]',
    'pkexec --user root [#USERNAME#]',
    'runuser -u root -- [#USERNAME#]',
    'runuser -lu root [#USERNAME#]',
    'setpriv --reuid 0 [#USERNAME#]',
    'chpst -u root [#USERNAME#]',
    'unshare -w /tmp [#USERNAME#]',
    'nsenter -t 1 -m [#USERNAME#]',
    'flock /tmp/l pkexec [#USERNAME#]',
    // Where these run their command is not parsed: a value anywhere among their words.
    'fakeroot [#USERNAME#]',
    'docker exec db01 [#USERNAME#]',
    'systemd-run --pty --uid=0 [#USERNAME#]',
    'flock /tmp/l fakeroot [#USERNAME#]',
    // Wrappers looked through now: gosu USER cmd, tini -- cmd…
    'gosu root [#USERNAME#]',
    'su-exec root [#USERNAME#]',
    'setuidgid root [#USERNAME#]',
    'tini -- [#USERNAME#]',
    'dumb-init [#USERNAME#]',
    'eatmydata [#USERNAME#]',
    'sudo-rs -u root [#USERNAME#]',
  ])('%s: the next value is refused', (first) => {
    expect(checkSshTemplate(thenValue(first))).not.toEqual([]);
  });

  it.each([
    'gosu root sh -c [#ADD_INFO#]',
    'su-exec root sh -c [#ADD_INFO#]',
    'setuidgid root sh -c [#ADD_INFO#]',
    'envdir /etc/env sh -c [#ADD_INFO#]',
    'softlimit -m 1000000 sh -c [#ADD_INFO#]',
    'tini -s -- sh -c [#ADD_INFO#]',
    'dumb-init -c sh -c [#ADD_INFO#]',
    'nocache -n 2 sh -c [#ADD_INFO#]',
    'eatmydata sh -c [#ADD_INFO#]',
    'timelimit -t 5 sh -c [#ADD_INFO#]',
    'lckdo -W 5 /tmp/l sh -c [#ADD_INFO#]',
    'sudo-rs sh -c [#ADD_INFO#]',
    'run0 sh -c [#ADD_INFO#]',
    'tsp sh -c [#ADD_INFO#]',
    'coreutils env sh -c [#ADD_INFO#]',
  ])('%s: the value is refused', (line) => {
    expect(checkSshTemplate(execs(line))).not.toEqual([]);
  });

  it.each([
    'runuser -u [#USERNAME#] -- id',
    'pkexec --user [#USERNAME#] id',
    'chpst -u [#USERNAME#] id',
    'setpriv --reuid [#USERNAME#] id',
    'gosu [#USERNAME#] id',
    'setuidgid [#USERNAME#] id',
    'gosu root usermod -L [#USERNAME#]',
    'sudo-rs -u [#USERNAME#] id',
    'ip addr show dev [#USERNAME#]',
  ])('%s, then a value: accepted', (first) => {
    expect(checkSshTemplate(thenValue(first))).toEqual([]);
  });
});
