/**
 * Surviving mutants of command-rules.ts, lead-ins.ts and runners.ts (`npm run mutation`, module
 * "ssh command rules", run at a22174f): sed and awk that run what they read, wrappers without
 * options, names made of `!`, env's split string, and where flock and sg run their command.
 * classifyCommand, commandNameAt and runnerCommandAt are called directly, with words as the
 * reader gives them; checkSshTemplate shows the effect on a template.
 */
import { describe, expect, it } from 'vitest';
import { checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';
import {
  classifyCommand,
  commandNameAt,
  unknownCommand,
} from '../../../../electron/plugins/ssh/template/command-rules';
import { thenValue } from './support/exec-lines';
import { runnerCommand, words, type Words } from './support/settings-rows';

/** Whether what is piped into the command is run as code (a shell, sed e, awk's system). */
function readsCode(spec: Words): boolean {
  const cls = classifyCommand(words(spec));
  if (cls.kind !== 'reparsed') throw new Error(`${JSON.stringify(spec)} is ${cls.kind}`);
  return cls.readsCode;
}

/** Where a command's shell option (`sudo -s`, `env -S`) starts the words its shell runs. */
function shellCommandAt(spec: Words): number | undefined {
  const cls = classifyCommand(words(spec));
  return cls.kind === 'reparsed' ? cls.shellCommandAt : undefined;
}

describe('sed whose script is not one s command runs what it reads', () => {
  it('sed e runs its input as commands', () => {
    expect(readsCode('sed e')).toBe(true);
  });

  it('a value piped into sed e is refused, one piped into sed s/a/b/ is not', () => {
    expect(checkSshTemplate('exec "printf %s [#ADD_INFO#] | sed e"')).not.toEqual([]);
    expect(checkSshTemplate('exec "printf %s [#ADD_INFO#] | sed s/a/b/"')).toEqual([]);
  });
});

describe('the dynamic loader', () => {
  it('is refused with the reason that it runs the program its arguments name', () => {
    const cls = classifyCommand(words('ld.so /bin/sh'));
    expect(cls.kind === 'reparsed' ? cls.reason : '').toContain('runs the program its arguments name');
  });
});

describe('awk runs what it reads only where its program runs commands or is not in the template', () => {
  it.each<Words>([
    // One word with system is enough, whatever the others are.
    'awk -F : {system($1)}',
    // gawk's indirect call: a function named by a variable, with or without a space before (.
    'awk @fn($0)',
    'awk {@fn($0)}',
    ['awk', '{@fn ($0)}'],
    // A program file, as its own word or attached to -f (the file's name may hold -v).
    'awk -f prog.awk',
    'awk -fmy-vars.awk',
    'gawk --exec prog.awk',
    'gawk --include=lib {print}',
  ])('%j reads its input as code', (spec) => {
    expect(readsCode(spec)).toBe(true);
  });

  it.each<Words>([
    'awk {print}',
    'awk -F : {print}',
    'awk -v x=1 {print}',
    'awk --assign=x=1 {print}',
    'awk -- {print}',
  ])('%j reads its input as data', (spec) => {
    expect(readsCode(spec)).toBe(false);
  });
});

describe('gosu and its kin take their user operand whatever a value there holds', () => {
  it.each([
    ['nohup sh', 'sh'],
    ['gosu V:u sh', 'sh'],
    ['gosu app sh', 'sh'],
  ])('%s runs %s', (line, name) => {
    const list = words(line);
    const at = commandNameAt(list);
    expect(typeof at === 'number' ? list[at]?.text : at).toBe(words(name)[0]?.text);
  });

  it('gosu [#USER#] sh is refused as sh', () => {
    expect(classifyCommand(words('gosu V:u sh'))).toMatchObject({ kind: 'reparsed', name: 'sh' });
  });

  it.each([
    // A value where the command's name stands.
    'gosu V:u V:c',
    // An expansion may become several words, or none: where the command stands is not known.
    'gosu X:$u id',
    // timeout has options: a value as its duration could be one (-k takes the next word).
    'timeout V:d id',
    // envdir's directory sets the command's environment, PATH too: a value there is refused.
    'envdir V:d id',
  ])('%s runs a command this check cannot name', (line) => {
    expect(classifyCommand(words(line))).toBe(unknownCommand);
  });
});

describe("a wrapper's shell option", () => {
  it('sudo -s -u app id runs id in the shell', () => {
    expect(shellCommandAt('sudo -s -u app id')).toBe(4);
  });

  it('an option this check does not know among the words after it: none is known', () => {
    expect(shellCommandAt('sudo -s -Z id')).toBe(-1);
  });

  // env reads no option after its split string, and adds the words after it to those of the string.
  it.each([
    ['env -S sh -c', 2],
    ['env -iS sh -c', 2],
    ['env --split-string sh -c', 2],
    ['env -Ssh -c', 2],
    ['env --split-string=sh -c', 2],
    ['env -i -S sh -i', 3],
  ])('%s: the words from %i', (line, at) => {
    expect(shellCommandAt(line)).toBe(at);
  });

  // Found by the mutants of the --split-string filter (a22174f): every form but `-S 'sh -c'` lost
  // the words after the string, so sh -c 'exec sh' went unseen and sh read the next lines.
  it.each([
    "env -S 'sh -c' 'exec sh'",
    "env -S'sh -c' 'exec sh'",
    "env --split-string 'sh -c' 'exec sh'",
    "env --split-string='sh -c' 'exec sh'",
  ])('%s starts sh, which reads the next lines: a value there is refused', (line) => {
    expect(checkSshTemplate(thenValue(line))).not.toEqual([]);
  });

  it.each(["env -S 'sh -c' 'echo hi'", "env --split-string='sh -c' 'echo hi'"])(
    '%s runs a command and ends: a value on the next line is taken',
    (line) => {
      expect(checkSshTemplate(thenValue(line))).toEqual([]);
    },
  );
});

describe('a name of ! characters', () => {
  it.each(['!! sh', '!!! sh'])('%s: bash reads it as something else than a name', (line) => {
    expect(classifyCommand(words(line))).toBe(unknownCommand);
  });

  it.each(['hello! x', '!x y'])('%s: a ! beside other characters is part of a name', (line) => {
    expect(classifyCommand(words(line))).toEqual({ kind: 'plain', name: words(line)[0]?.text });
  });
});

describe('where a runner runs its command', () => {
  it.each([
    // `--` ends the options; it is no operand.
    ['flock /tmp/l -- id', 'id'],
    ['flock -- /tmp/l id', 'id'],
    // flock reads no option after its lock file: -w is then the command.
    ['flock /tmp/l -w 5 id', '-w 5 id'],
    // ssh's do come after its host.
    ['ssh db01 -p 22 id', 'id'],
    // sg's `-` (a login) takes no value: the group is the next word.
    ['sg - wheel id', 'id'],
    ['sg - wheel V:c', 'V:c'],
  ])('%s runs %s', (line, command) => {
    expect(runnerCommand(line)).toBe(
      words(command)
        .map((w) => w.text)
        .join(' '),
    );
  });

  it('runuser with an option it does not have runs nothing (no -u is read in it)', () => {
    expect(runnerCommand('runuser --bu app id')).toBeNull();
  });

  // Found by the mutant of shortLetters' '' (a22174f): `-` took the group as its value, so the
  // value after it was not read as the command sg runs (`sg - wheel 'cmd'` runs cmd with sh -c).
  it.each(['sg - wheel [#USERNAME#]', "sg - wheel 'exec sh'"])(
    '%s: sg runs the command with sh, which reads the next lines',
    (line) => {
      expect(checkSshTemplate(thenValue(line))).not.toEqual([]);
    },
  );
});

/*
 * Mutants no input can tell apart (lines at a22174f):
 *
 * command-rules.ts:547 `i <= words.length` (skipWrapper's loop): at words.length the word is
 *   undefined and the next line breaks out, returning the same i.
 * command-rules.ts:549 `if (word === undefined) break` → false: within i < words.length the word
 *   is never undefined (the words come from filter or slice, which leave no holes).
 * command-rules.ts:607 `withArgument.size - withoutArgument.size === 0` (optionless): gone since the
 *   attack review (review-runners-1204.test.ts): only a wrapper marked `userOperand` (gosu and its
 *   kin) takes a value as its operand, not envdir, whose directory sets the command's PATH.
 * command-rules.ts:611 `wrapper.shellOptions ?? []` → ["Stryker was here"] (no coverage):
 *   shellCommandAt is called only where a shell option was found, so shellOptions is defined.
 *   (After the --split-string fix the `??` is in the `plain` wrapper, for the same reason.)
 * command-rules.ts:618 the filter of --split-string (784 method, 786 condition true, 789 ''):
 *   removed by the fix. It left --split-string unknown to the options after it, so its command
 *   was never read; env now reads its words from the one after its option (shellCommandAt).
 * command-rules.ts:627 `for (const letter of text)` (hasShellFlag, no slice(1)): the extra
 *   letter is the leading `-`, and `--` is neither a shell option nor an option with a value of
 *   sudo, sudo-rs, doas or env, the only wrappers with shell options.
 * command-rules.ts:660 `if (typeof next !== 'number') return next` → false: i becomes the class,
 *   args[i] is then undefined, and the next round returns i, which is that class.
 * lead-ins.ts:30 `if (this.#ended) return false` → false: #ended is never set back, so count and
 *   the result stay as they were; only #afterTime changes, which is read only before the end.
 * runners.ts:120 `return ''` → 'Stryker was here!' (shortLetters of a word not a short group):
 *   after the fix, takesNextWord is false for a lone `-` with any letters but '' (their count is
 *   not 0), and runuserUser looks for a `u`, which the string does not hold.
 * runners.ts:146 `options = ['Stryker was here']`: only runuser reads its options, for --user or
 *   a group with u, and that word is neither.
 * runners.ts:147 `i <= args.length`: the word at args.length is undefined and is skipped.
 * runners.ts:149 `word === undefined` → false: the words have no holes (see skipWrapper above).
 * runners.ts:158 `operand === null` → false: operands[null] is undefined, so `?? -1` gives -1.
 */
