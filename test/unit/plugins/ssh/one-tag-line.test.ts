/**
 * A template line that is exactly one tag (shell-context.ts, whyTheShellReadsIt): an answer typed at
 * a program's prompt only when the shell has finished reading what it was sent. Cases found by
 * `npm run mutation`: after an open quote, and right after a write, the shell reads the value.
 */
import { describe, expect, it } from 'vitest';
import { checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';

describe('a line that is exactly one tag', () => {
  it('is a prompt answer after a finished command line', () => {
    expect(checkSshTemplate(`exec "passwd"\nexec "[#NEW_PASSWORD#]"`)).toEqual([]);
  });

  it('is refused after an open quote: the shell would read the value as code', () => {
    expect(checkSshTemplate(`exec "echo 'open"\nexec "[#NEW_PASSWORD#]"`)).toEqual([
      {
        line: 2,
        column: 7,
        message:
          '[#NEW_PASSWORD#] cannot be used here: the tag is typed where the shell is still reading the lines before it (an open quote, an unfinished command, pipeline, if or group, a here-document, a construct this check does not follow), so it would read the value unquoted, as shell code',
      },
    ]);
  });

  it('past the probes budget (thousands of lines the shell reads), is taken as read by the shell', () => {
    const answers = Array.from({ length: 3000 }, () => 'exec "[#NEW_PASSWORD#]"');
    const problems = checkSshTemplate([`exec "echo 'open"`, ...answers, `exec "'"`].join('\n'));
    expect(problems).toHaveLength(3000);
    expect(new Set(problems.map((p) => p.message)).size).toBe(1);
    expect(problems.at(-1)?.message).toContain('is typed where the shell is still reading');
    // Prompt answers each start a fresh reading: they never spend the budget.
    const prompts = Array.from({ length: 3000 }, () => 'exec "passwd"\nexec "[#NEW_PASSWORD#]"');
    expect(checkSshTemplate(prompts.join('\n'))).toEqual([]);
  });

  it('is refused right after a write, on the same command line', () => {
    const [problem] = checkSshTemplate(`write "echo "\nexec "[#NEW_PASSWORD#]"`);
    expect(problem?.line).toBe(2);
    expect(problem?.message).toContain(
      'is typed right after a write, on the same command line: the shell reads the value unquoted',
    );
  });
});

// Found while measuring the shell context (mutation task): the probe read only quotes, so a line
// that leaves the command unfinished let the next one-tag line be typed raw as shell code (bash
// reads `echo a |`, then the value, as one pipeline: a value `sh -c '…'` ran). Checked on bash.
describe('a line that is exactly one tag, after an unfinished command', () => {
  it.each([
    ['a pipe', 'echo a |'],
    ['&&', 'echo a &&'],
    ['||', 'echo a ||'],
    ['a trailing backslash', 'echo a \\\\'],
    ['an open if', 'if true; then'],
    ['an open for', 'for i in a; do'],
    ['an open { group', '{'],
    ['an open ( group', '('],
    ['an open $(', 'echo $('],
  ])('is refused after %s', (_name, line) => {
    const [problem] = checkSshTemplate(`exec "${line}"\nexec "[#NEW_PASSWORD#]"`);
    expect(problem?.line).toBe(2);
    expect(problem?.message).toContain('is typed where the shell is still reading the lines before it');
  });

  it.each([
    ['a finished list', 'echo a; true && echo b'],
    ['a finished pipeline', 'echo a | cat'],
    ['a background command', 'sleep 1 &'],
    ['a finished if', 'if true; then echo; fi'],
    ['a finished group and substitution', '(echo $(id))'],
  ])('stays a prompt answer after %s', (_name, line) => {
    expect(checkSshTemplate(`exec "${line}"\nexec "[#NEW_PASSWORD#]"`)).toEqual([]);
  });
});

describe('a pipeline continued on the next line', () => {
  it('is read as one pipeline: a quoted value piped into sh is refused', () => {
    expect(checkSshTemplate(`exec "printf %s [#ADD_INFO#] |"\nexec "sh"`)).toMatchObject([
      { line: 1, message: expect.stringContaining('is piped into sh') as unknown },
    ]);
    expect(checkSshTemplate(`exec "printf %s [#ADD_INFO#] |"\nexec "cat"`)).toEqual([]);
    expect(checkSshTemplate(`exec "printf %s [#ADD_INFO#] &&"\nexec "cat"`)).toEqual([]);
  });
});

// Mutants of shell-context.ts that `npm run mutation -- --module "ssh shell context"` left: a one-tag
// line the shell reads is part of its stream, an exec with its Enter and a write without.
describe('a one-tag line the shell reads is part of what it reads', () => {
  it('its value is read where it lands: in an open arithmetic expression, refused for every tag', () => {
    for (const kind of ['exec', 'write']) {
      expect(checkSshTemplate(`exec "echo $((1 +"\n${kind} "[#USERNAME#]"`)).toMatchObject([
        { line: 2, message: expect.stringContaining('sits in an arithmetic expression') as unknown },
      ]);
    }
  });

  it("an exec's Enter ends the command the value is in; a write's next line continues it", () => {
    // The value alone names the pipeline's last command, which ends there: it may start a shell (a
    // user name sh), so what comes after is not followed.
    expect(
      checkSshTemplate(`exec "echo a |"\nexec "[#USERNAME#]"\nexec "printf %s [#ADD_INFO#]"`),
    ).toMatchObject([
      {
        line: 3,
        message: expect.stringContaining('comes after a command whose name is not plain text') as unknown,
      },
    ]);
    // The written value names the command that x and the quoted value are arguments of.
    expect(checkSshTemplate(`exec "echo a |"\nwrite "[#USERNAME#]"\nexec " x [#ADD_INFO#]"`)).toMatchObject([
      { line: 3, message: expect.stringContaining('whose name is not plain text') as unknown },
    ]);
  });

  // Equivalent mutant, shell-context.ts placeTags: `itemsOf(segments, true)` → `false` (no Enter
  // after the one line read alone). The Enter comes after every tag, and the reader's end of input
  // ends the word, the command and the pipeline as the Enter does, so no placement can differ.
});
