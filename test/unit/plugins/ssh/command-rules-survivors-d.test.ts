/**
 * The last surviving mutants of the module "ssh command rules" (`npm run mutation`, an incremental
 * run at 76fd641): GNU sed under its name gsed, and how runners.ts reads a long option written as a
 * prefix or with its value attached (isLong). The others of that run are explained at the ends of
 * command-rules-survivors-b.test.ts and -c.test.ts; this file's closing comment says which, at
 * their lines of today. Besides, pkexec's -u, which runners.ts did not know (a real bug, fixed).
 */
import { describe, expect, it } from 'vitest';
import { checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';
import { execs, thenValue } from './support/exec-lines';
import { runnerCommand } from './support/settings-rows';

describe('gsed is sed: a script other than one s command may run its input', () => {
  it.each(['printf %s [#ADD_INFO#] | gsed e', 'printf %s [#ADD_INFO#] | /usr/local/bin/gsed e'])(
    '%s: the value piped into it is refused',
    (line) => {
      expect(checkSshTemplate(execs(line))).not.toEqual([]);
    },
  );

  it("a quoted value in gsed's e command is refused", () => {
    expect(checkSshTemplate(execs("gsed '1e [#ADD_INFO#]' /etc/motd"))).not.toEqual([]);
  });

  it('one s command reads its input as data, as sed does', () => {
    expect(checkSshTemplate(execs('printf %s [#ADD_INFO#] | gsed s/a/b/'))).toEqual([]);
  });
});

describe("runuser's --user with its value attached, or written as a prefix", () => {
  // util-linux 2.38.1's runuser ran `runuser --user=nobody id` and `runuser --us=nobody id` as
  // nobody: the command is the first operand, where a value naming a shell (sh) reads the next line.
  it.each(['--user=root', '--use=root', '--us=root', '--u=root'])(
    'runuser %s [#USERNAME#]: the next value is refused',
    (option) => {
      expect(checkSshTemplate(thenValue(`runuser ${option} [#USERNAME#]`))).not.toEqual([]);
    },
  );

  it.each([
    ['runuser --user=app id', 'id'],
    ['runuser --u=app id', 'id'],
  ])('%s runs %s', (line, command) => {
    expect(runnerCommand(line)).toBe(command);
  });

  // `--=x` names no option: runuser 2.38.1 calls it ambiguous (it is a prefix of every long option)
  // and exits 1, running nothing. It is not --user, so the operands are no command.
  it('runuser --=x app id runs nothing', () => {
    expect(runnerCommand('runuser --=x app id')).toBeNull();
  });

  it('runuser --=x [#USERNAME#] id, then a value: accepted (runuser runs nothing)', () => {
    expect(checkSshTemplate(thenValue('runuser --=x [#USERNAME#] id'))).toEqual([]);
  });
});

describe("pkexec's -u is its --user", () => {
  // polkit's pkexec compares each word whole with --user and with -u: `pkexec -u root sh` runs sh
  // as root, which reads the template's next lines.
  // runners.ts knew --user only: -u was read as a flag, root as the command, and the value after
  // it was never looked at.
  it('pkexec -u root [#USERNAME#]: the next value is refused', () => {
    expect(checkSshTemplate(thenValue('pkexec -u root [#USERNAME#]'))).not.toEqual([]);
  });

  // The other way round, the user was read as the command: a value there was refused for nothing.
  it('pkexec -u [#USERNAME#] id, then a value: accepted', () => {
    expect(checkSshTemplate(thenValue('pkexec -u [#USERNAME#] id'))).toEqual([]);
  });

  it.each([
    ['pkexec -u app id', 'id'],
    ['pkexec --keep-cwd -u app id -u', 'id -u'],
  ])('%s runs %s', (line, command) => {
    expect(runnerCommand(line)).toBe(command);
  });
});

/*
 * The run's other 15 survivors, each put in by hand and run against this file, runners.test.ts,
 * review-runners-1204.test.ts, command-strings-attacks.test.ts, check.test.ts and the other
 * command-rules-survivors files (all passed). Their explanations at the ends of
 * command-rules-survivors-b.test.ts (command-rules.ts, runners.ts, lead-ins.ts) and -c.test.ts
 * (shell-command.ts) still hold; those cite lines of a22174f, these are today's (runners.ts's moved
 * by 2 with pkexec's comment):
 *
 * command-rules.ts (4 lines lower since sudo's -B and -N: 565, 567, 634, 642, 675)
 * - 561 `while (i <= words.length)` and 563 `if (word === undefined) break` → false (skipWrapper):
 *   -b's 547 and 549. The userOperand branch added since comes after the break, so the extra turn
 *   still reads an undefined word and returns the same i; the words have no holes.
 * - 630 `wrapper.shellOptions ?? []` → ["Stryker was here"] (no coverage): -b's 611. shellCommandAt
 *   is reached only from a shell option (`shellOptions?.has` or hasShellFlag, false without them),
 *   and env returns before it: the right side of `??` is never evaluated.
 * - 638 `for (const letter of text)` in hasShellFlag: -b's 627. The extra letter is the `-`; `--` is
 *   neither a shell option nor an option with a value of env, sudo (and sudo-rs, sudo.ws: the same
 *   wrapper) or doas, still the only wrappers with shell options.
 * - 671 `if (typeof next !== 'number') return next` → false (commandNameAt): -b's 660.
 *
 * runners.ts
 * - 133 `return ''` → "Stryker was here!" (shortLetters): -b's 120. takesNextWord meets it only for
 *   a lone `-` (17 letters, not 0), and the string holds no `u` for runuserUser.
 * - 163 `options = ["Stryker was here"]`: -b's 146. Only runuserUser reads the options; that word is
 *   no prefix of --user (isLong) and no short group.
 * - 164 `i <= args.length` and 166 `word === undefined` → false: -b's 147 and 149.
 * - 175 `operand === null` → false: -b's 158 (operands[null] is undefined, so -1).
 * - 35 `option.split('=')[0] ?? ''` with another fallback (no coverage; Stryker's run of the
 *   evening, after the killing of 964): split always gives at least one string, so the fallback is
 *   never read.
 *
 * lead-ins.ts
 * - 30 `if (this.#ended) return false` → false: -b's explanation.
 *
 * shell-command.ts (unchanged since a22174f)
 * - 52:34 `new LeadInScan(true)`, 53 `i <= words.length`, 55 `word === undefined` → false, and 168
 *   `cls.kind === 'reparsed'` → true in codeReader: -c's explanations.
 */
