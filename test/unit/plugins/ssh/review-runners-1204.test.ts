/**
 * The attack review of 4 December on cd339d4 (an option where a command's name is due) and a22174f
 * (runners.ts, unparsedRunners, the wrappers looked through). Each row was a template the check got
 * wrong; all but the over-refusals at the end are fixed (their rows were `it.fails` until then).
 * The over-refusals stay `it.fails`: run0, please and docker exec are read as runners whose
 * command's place is not parsed, so a value anywhere among their words refuses the later ones. Found against bash 5.2, util-linux 2.38.1 (runuser, flock,
 * setpriv, unshare, nsenter, chroot: the real tools), sudo 1.9 and su from util-linux under the
 * names Ubuntu and Debian give their kin, and stand-in scripts for runit 2.2.0's chpst, s6-setuidgid
 * and tini-static that behave as their manuals say. Each line was substituted with substitute.ts
 * (value `sh` for [#USERNAME#]) and fed on stdin to a bash reading lines, as the SSH session types
 * them; the comment says what ran.
 */
import { describe, expect, it } from 'vitest';
import { checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';
import { execs, thenValue } from './support/exec-lines';

describe('a value where a runner runs its command, behind options runners.ts reads otherwise', () => {
  // getopt_long takes any unambiguous prefix of a long option (`--u` is runuser's --user), as
  // longOption in shell-settings.ts already knows for --command. runners.ts compares whole names
  // only, so the option's value is taken for an operand and the command is looked for one word
  // too early: the value, the real command, is never looked at.
  it.each([
    // runuser ran sh as nobody; it read the next line (a file written by nobody, $0 = sh).
    'runuser --u nobody [#USERNAME#]',
    'runuser --us nobody [#USERNAME#]',
    // flock took 5 as --wait's value and /tmp/l as the lock, then ran sh, which read the next line.
    'flock --wai 5 /tmp/l [#USERNAME#]',
    'flock --time 5 /tmp/l [#USERNAME#]',
    // setpriv --reu is --reuid: sh ran as nobody and read the next line.
    'setpriv --reu 65534 [#USERNAME#]',
    // chroot --user is --userspec: sh ran as nobody in / and read the next line.
    'chroot --user nobody / [#USERNAME#]',
    // unshare --setu is --setuid, nsenter --targ is --target: both ran sh, which read the next line.
    'unshare --setu 0 [#USERNAME#]',
    'nsenter --targ 1 [#USERNAME#]',
    // xargs --max-a is --max-args: xargs ran sh (the value) on the words of the next line it read,
    // as it does for `xargs -n 1 [#USERNAME#]`, which the check refuses.
    'xargs --max-a 1 [#USERNAME#]',
  ])('%s', (first) => {
    expect(checkSshTemplate(thenValue(first))).not.toEqual([]);
  });

  // Options with a value that runners.ts lists as flags: the value is read as the command.
  it.each([
    // util-linux 2.38's nsenter has -W/--wdns DIR (nsenter --help): it ran sh in /, which read the next line.
    'nsenter -t 1 -W / [#USERNAME#]',
    // runit 2.2.0's chpst(8) has -C pwd and -t seconds (Debian trixie, Ubuntu 25.04 on; -t also in
    // Ubuntu's 2.1.2): the stand-in, as documented, ran sh, which read the next line.
    'chpst -C /srv [#USERNAME#]',
    'chpst -t 30 [#USERNAME#]',
  ])('%s', (first) => {
    expect(checkSshTemplate(thenValue(first))).not.toEqual([]);
  });
});

describe('a value in the command line a joining runner hands to sh', () => {
  // unparsedRunners skips words with a blank (`"echo [#X#]"` names no program), but watch joins
  // its words into a command line for sh -c: there the value is a command. Run in a pseudo
  // terminal (python pty): watch ran `sh -c 'id; sh'`, and that sh read the template's next line
  // from the terminal and ran it ($0 = sh, its parent the sh -c). `watch "id;[#USERNAME#]"`,
  // without the blank, is refused.
  it('watch -n 5 "id; [#USERNAME#]" loses the reading', () => {
    expect(checkSshTemplate(thenValue('watch -n 5 "id; [#USERNAME#]"'))).not.toEqual([]);
  });
});

describe('sudo and su kin, and the wrappers a22174f looks through, under their installed names', () => {
  // Unknown names are plain commands, so a quoted value in their -c string or in a shell they run
  // is taken as one literal word. Each of these ran the value as code.
  it.each([
    // sudo-rs's su is /usr/bin/su-rs in Debian (trixie on) and Ubuntu: `su-rs root -c 'touch …'`
    // (util-linux su under that name, as su-rs(1) documents -c) created the file.
    'su-rs root -c [#ADD_INFO#]',
    'sudo su-rs root -c [#ADD_INFO#]',
    // Ubuntu 25.10 on keeps the classic sudo as /usr/bin/sudo.ws (the alternative to sudo-rs):
    // the real sudo under that name ran sh -c with the value.
    'sudo.ws sh -c [#ADD_INFO#]',
    // s6's setuidgid (daemontools' is looked through since a22174f): the stand-in ran sh -c.
    's6-setuidgid root sh -c [#ADD_INFO#]',
    // The tini package's static build (/usr/bin/tini-static, Docker images use it): ran sh -c.
    'tini-static -- sh -c [#ADD_INFO#]',
  ])('%s', (line) => {
    expect(checkSshTemplate(execs(line))).not.toEqual([]);
  });

  // sudo.ws -u root -- sh: the real sudo ran sh, which read the next line.
  it('sudo.ws -u root -- [#USERNAME#] loses the reading', () => {
    expect(checkSshTemplate(thenValue('sudo.ws -u root -- [#USERNAME#]'))).not.toEqual([]);
  });
});

describe('a quoted value as the operand of an option-less wrapper', () => {
  // a22174f lets any value be the first operand of gosu, su-exec, setuidgid, envuidgid and envdir.
  // For envdir the operand is a directory whose files become the environment (envdir(8)), PATH
  // too: with the value a directory holding PATH=/tmp/atk1204/evil:…, the stand-in envdir ran
  // /tmp/atk1204/evil/id as root (it created its file) instead of /usr/bin/id. chroot, whose
  // operand is a directory the same way, refuses a quoted value there.
  it('envdir [#ADD_INFO#] id is refused', () => {
    expect(checkSshTemplate(execs('envdir [#ADD_INFO#] id'))).not.toEqual([]);
  });
});

describe('over-refusals: plausible user management that a22174f refuses', () => {
  // run0 (systemd 256), please and docker exec run the command given as their words, not a
  // command line; the value here is usermod's argument, never a command. Since a22174f a value
  // anywhere among their words loses the reading, so every later value is refused (before, both
  // lines were accepted). Their options are documented and few enough to parse as runners.ts
  // parses pkexec's (run0: -u/--user, -g/--group, -D/--chdir, --setenv, --nice, --unit,
  // --property, --description, --slice; docker exec: -u, -e, -w, --env-file, then CONTAINER).
  it.fails.each([
    ['run0 usermod -L [#USERNAME#]', 'chage -E [#EXPIRATION_DATE#] [#USERNAME#]'],
    ['run0 --user=root usermod -L [#USERNAME#]', 'chage -E [#EXPIRATION_DATE#] [#USERNAME#]'],
    ['please usermod -L [#USERNAME#]', 'please chage -E [#EXPIRATION_DATE#] [#USERNAME#]'],
    ['docker exec app usermod -L [#USERNAME#]', 'docker exec app chage -E [#EXPIRATION_DATE#] [#USERNAME#]'],
  ])('%s, then %s', (first, second) => {
    expect(checkSshTemplate(execs(first, second))).toEqual([]);
  });
});
