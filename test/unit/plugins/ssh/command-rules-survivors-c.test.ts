/**
 * Surviving mutants of shell-command.ts (`npm run mutation`, module "ssh command rules", commit
 * a22174f): the assignments before a command's name, the words of `for NAME in WORDS`, where the
 * reader may still open an assignment's subscript, `for NAME` at a line end, and the class of a
 * ( … ) group. Its exports are called directly, with words as the reader gives them
 * (support/settings-rows.ts: `R:x` a redirection's target), and the reader shows the end effect
 * on each tag (support/reader-placements.ts, § a tag). The mutants no input can tell apart are
 * explained at the end of this file.
 */
import { describe, expect, it } from 'vitest';
import { readStream } from '../../../../electron/plugins/ssh/template/shell-reader';
import {
  assignmentIndexes,
  classify,
  CommandBuilder,
  forLoopWords,
  WordBuilder,
} from '../../../../electron/plugins/ssh/template/shell-command';
import { placements, typed } from './support/reader-placements';
import { words } from './support/settings-rows';

/** A command whose words (settings-rows.ts notation) the reader has added, with no word open. */
function command(spec: string): CommandBuilder {
  const cmd = new CommandBuilder();
  for (const word of spec === '' ? [] : words(spec)) cmd.addWord(word);
  return cmd;
}

/** Whether the reading is lost after `line`: a tag on the next line is refused for all. */
function losesReading(line: string): boolean {
  const { items, tags } = typed(`${line}\necho §`);
  readStream([items]);
  return tags.at(-1)?.refusedForAll !== null;
}

describe('assignments stand before the command name, after redirections and lead-in keywords', () => {
  it.each([
    ['X=1 Y=2 echo Z=3', [0, 1]],
    // bash reads them in the shell itself after {, then and time -p.
    ['{ X=1', [1]],
    ['then X=1 Y=2', [1, 2]],
    ['time -p X=1', [2]],
    // A redirection's target is skipped: `>f X=1` assigns X.
    ['R:f X=1', [1]],
    ['R:f X=1 R:g Y=2 echo', [1, 3]],
    // A target that looks like one is a file name.
    ['R:X=1 echo', []],
    ['echo X=1', []],
    // After an assignment, time is no keyword but the program: Y=2 is the command it runs.
    ['X=1 time Y=2', [0]],
  ])('%s → %j', (spec, indexes) => {
    expect(assignmentIndexes(words(spec))).toEqual(indexes);
  });

  it.each([
    ['>f X=§', 'unquoted quoted:assignment'],
    ['{ X=§; }', 'unquoted quoted:assignment'],
    ['then X=§', 'unquoted quoted:assignment'],
    ['> X=§ echo', 'unquoted'],
    ['X=1 time Y=§', 'unquoted'],
  ])('the reader refuses a quoted value in an assignment only: %j', (line, placement) => {
    expect(placements(line)).toBe(placement);
  });
});

describe('for NAME in WORDS: the indexes of NAME and of the first word of the list', () => {
  it.each([
    ['for x in a b', { name: 1, list: 3 }],
    ['do for x in a', { name: 2, list: 4 }],
    ['! for x in', { name: 2, list: 4 }],
  ])('%s → %j', (spec, loop) => {
    expect(forLoopWords(words(spec))).toEqual(loop);
  });

  it.each([
    // No for where a name goes: an `in` among the arguments is a word like any other.
    'echo in x',
    'echo x in a',
    // `for x do …` loops over "$@": no list.
    'for x do echo',
    'for x; do',
    'for x',
  ])('%s is no loop over a list', (spec) => {
    expect(forLoopWords(words(spec))).toBeNull();
  });

  it.each([
    ['echo in §', 'unquoted start'],
    ['for x do echo §; done', 'unquoted start'],
    ['for x in §; do echo; done', 'unquoted start quoted:loopList'],
  ])('the reader refuses a quoted value in a loop list only: %j', (line, placement) => {
    expect(placements(line)).toBe(placement);
  });
});

describe('an assignment may follow lead-in keywords, redirections and assignments only', () => {
  it.each(['', '{', 'then !', 'time -p', 'R:f', 'X=1', '{ R:f X=1 R:g Y=2'])('after %j', (spec) => {
    expect(command(spec).assignmentMayFollow).toBe(true);
  });

  it.each([
    'echo',
    'R:f echo',
    'X=1 echo',
    // After an assignment, a keyword is a command's name: `X=1 time` runs the program time.
    'X=1 time',
    'X=1 {',
    'V:x',
  ])('not after %j', (spec) => {
    expect(command(spec).assignmentMayFollow).toBe(false);
  });

  it.each([
    // NAME[ opens a subscript, which bash evaluates as arithmetic.
    ['{ a[§]=1; }', 'arithmetic all:subscript quoted:glob'],
    ['>f a[§]=1', 'arithmetic all:subscript quoted:glob'],
    ['X=1 a[§]=1', 'arithmetic all:subscript quoted:glob'],
    // An argument: the [ is a character of the word, no subscript.
    ['echo a[§]=1', 'unquoted all:subscript quoted:before'],
    ['X=1 time a[§]=1', 'unquoted all:subscript quoted:before'],
  ])('the reader opens a subscript where an assignment may come: %j', (line, placement) => {
    expect(placements(line)).toBe(placement);
  });
});

describe('for NAME and nothing after waits for its in on the next line', () => {
  it.each([
    ['for x', true],
    ['do for x', true],
    ['for', false],
    ['for x in', false],
    ['for x in a', false],
    ['for x in a b', false],
    ['echo x', false],
  ])('%s: %s', (spec, awaits) => {
    expect(command(spec).awaitsLoopList).toBe(awaits);
  });

  it('not while a word is still being read after it', () => {
    const cmd = command('for x');
    cmd.word = new WordBuilder(false);
    expect(cmd.awaitsLoopList).toBe(false);
  });

  it.each([
    // The list ended at the line end: a comment line before `do` is bash's too.
    'for x in a b\n#c\ndo echo §; done',
    'for x in a b\n\ndo echo §; done',
  ])('a loop whose list ended at the line end goes on as usual: %j', (line) => {
    expect(placements(line)).toBe('unquoted start');
  });

  it('for x at a line end, with no in or do next, loses the reading', () => {
    expect(placements('for x\n#c\ndo echo §; done')).toBe('unquoted start all:loopLine');
  });
});

describe('a for where a name goes is last: a ( next opens for ((…))', () => {
  it.each([
    ['for', true],
    ['do for', true],
    ['then ! for', true],
    ['', false],
    ['{', false],
    ['for x', false],
    ['echo for', false],
  ])('%j: %s', (spec, atFor) => {
    expect(command(spec).atForLoop).toBe(atFor);
  });

  it('not while a word is still being read after it', () => {
    const cmd = command('for');
    cmd.word = new WordBuilder(false);
    expect(cmd.atForLoop).toBe(false);
  });
});

describe('a new word and a new command start empty', () => {
  it('a word has no characters in any of its forms', () => {
    const word = new WordBuilder(true);
    expect([word.text, word.raw, word.unquoted, word.marked]).toEqual(['', '', '', '']);
  });

  it('a command has no pending redirection', () => {
    const cmd = new CommandBuilder();
    expect([cmd.redirectNext, cmd.redirectInput, cmd.readsInput]).toEqual([false, false, false]);
  });
});

describe('a ( … ) group is a command with no name of its own', () => {
  it('classify gives it the plain class with an empty name, whatever its redirections', () => {
    const cmd = command('R:out');
    cmd.group = true;
    expect(classify(cmd)).toEqual({ kind: 'plain', name: '' });
  });

  it('a command classify has no name for is one with no word but redirections and assignments', () => {
    expect(classify(command('R:f X=1'))).toEqual({ kind: 'plain', name: '' });
  });
});

describe('exec without a command makes the shell read its next commands from a redirection', () => {
  it.each(['exec < f', 'exec 3< f < g', '< f exec', 'X=1 exec < f'])('%s loses the reading', (line) => {
    expect(losesReading(line)).toBe(true);
  });

  // A file named exec is no builtin: the first three lost the reading before bareExec in
  // shell-reader.ts skipped redirections' targets, as if the shell itself read them.
  it.each(['(cat) < exec', '< exec', '{ cat; } < exec', 'cat < exec', 'exec > f'])(
    '%s keeps the reading',
    (line) => {
      expect(losesReading(line)).toBe(false);
    },
  );

  it('a here-string to a group is fed to the group, not to the shell itself', () => {
    expect(placements('(cat) < exec <<< §')).toBe(placements('(cat) < f <<< §'));
  });
});

/*
 * Mutants no input can tell apart, by their place in electron/plugins/ssh/template/shell-command.ts
 * at a22174f:
 *
 * - 52:34 BooleanLiteral (`new LeadInScan(true)` in assignmentIndexes): the scan skips assignments
 *   when asked, but assignmentIndexes pushes an assignment into `found` before the scan sees it
 *   (`if (word.assignment) … else if (… !leadIns.push(word))`): the scan is only ever given words
 *   that are not assignments, on which both scans agree.
 * - 53:19 EqualityOperator (`i <= words.length`): the one more turn reads `words[words.length]`,
 *   undefined, and `continue`s out of the loop; `found` is unchanged.
 * - 55:9 ConditionalExpression (`word === undefined` → false): `i` stays below `words.length`
 *   and the reader's word lists have no holes, so `word` is never undefined; the test is there
 *   for the type checker (noUncheckedIndexedAccess).
 * - 168:7 ConditionalExpression (`cls.kind === 'reparsed'` → true in codeReader): only the
 *   reparsed class has `readsCode` (command-rules.ts, CommandClass); the evaluated class returned
 *   on the line before, and a plain one (command-rules.ts and classify build them with kind and
 *   name only) has it undefined, so the test is false either way.
 */
