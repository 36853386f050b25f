// The vendor's SSH settings lines: set-ssh-version, set-new-line-mode and the `noexpect` spelling,
// parsed as the vendor's templates write them, and the line ending each exec then sends.
import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../../../electron/plugins/ssh/template/parser';
import { substitute } from '../../../../electron/plugins/ssh/template/substitute';

const problemsOf = (template: string) => parseTemplate(template).problems.map((p) => [p.line, p.message]);

/** What each exec and write types, in order. */
function typed(template: string): string[] {
  const parsed = parseTemplate(template);
  expect(parsed.problems).toEqual([]);
  const result = substitute(parsed.commands, { USERNAME: 'alice' });
  if (!result.ok) throw new Error(result.refusal.message);
  return result.steps.flatMap((step) => (step.kind === 'exec' || step.kind === 'write' ? [step.send] : []));
}

describe('set-ssh-version', () => {
  it('accepts 2, quoted or not, in any case, before the conversation', () => {
    for (const line of ['set-ssh-version 2', 'SET-SSH-VERSION "2"', '  set-ssh-version 2  ']) {
      const { commands, problems } = parseTemplate(`${line}\nexec "id"\n`);
      expect(problems, line).toEqual([]);
      expect(commands[0]).toEqual({ kind: 'set-ssh-version', line: 1, version: 2 });
    }
  });

  it('refuses 1 (broken, not spoken), anything else, and a setting after the first command', () => {
    expect(problemsOf('set-ssh-version 1')).toEqual([
      [1, 'set-ssh-version 1: SSH protocol 1 is broken and not spoken here; use 2'],
    ]);
    expect(problemsOf('set-ssh-version 3')).toEqual([
      [1, 'set-ssh-version takes 2 (the SSH protocol version), not "3"'],
    ]);
    expect(problemsOf('set-ssh-version')).toEqual([
      [1, 'set-ssh-version takes 2 (the SSH protocol version), not ""'],
    ]);
    expect(problemsOf('exec "id"\nset-ssh-version 2')).toEqual([
      [2, 'set-ssh-version must come before the first exec, write, expect or sleep'],
    ]);
  });
});

describe('set-new-line-mode', () => {
  it('unix (the default) ends each exec with LF, windows with CR LF, mac with CR; write sends none', () => {
    expect(typed('exec "id"\nwrite "x"')).toEqual(['id\n', 'x']);
    expect(typed('set-new-line-mode windows\nexec "id"\nwrite "x"')).toEqual(['id\r\n', 'x']);
    expect(typed('set-new-line-mode mac \nexec "id"')).toEqual(['id\r']);
    expect(typed('set-new-line-mode "unix"\nexec "id"')).toEqual(['id\n']);
  });

  it('applies from its line on: a template may switch between two commands', () => {
    expect(typed('exec "a"\nset-new-line-mode Windows\nexec "b"\nset-new-line-mode unix\nexec "c"')).toEqual([
      'a\n',
      'b\r\n',
      'c\n',
    ]);
  });

  it('refuses a mode it does not know, naming the three', () => {
    expect(problemsOf('set-new-line-mode dos')).toEqual([
      [1, 'set-new-line-mode takes unix, windows, mac, not "dos"'],
    ]);
  });
});

describe('noexpect', () => {
  it('is no-expect, in any case', () => {
    for (const word of ['noexpect', 'NOEXPECT', 'no-expect']) {
      const { commands, problems } = parseTemplate(`exec "id"\n${word} "*Exception*"`);
      expect(problems, word).toEqual([]);
      expect(commands[1]?.kind).toBe('no-expect');
    }
  });
});
