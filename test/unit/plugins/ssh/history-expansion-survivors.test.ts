/**
 * The `!` the template's own text may hold (history-expansion.ts, textExpandsHistory and its
 * `expands`): each rule of bash's that leaves a `!` alone, held at its edge, with the case just
 * past it that bash does expand. A `!` read as left alone where bash expands it lets the template
 * bring an earlier line back, its value included, as code (`sh -c !$`, review-reader-1203c.test.ts
 * and review-reader-1203d.test.ts run such lines through an interactive bash); the other way, a
 * plausible template is refused. Cases found by `npm run mutation` (module "ssh shell context").
 */
import { describe, expect, it } from 'vitest';
import { checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';
import { textExpandsHistory } from '../../../../electron/plugins/ssh/template/history-expansion';

describe('textExpandsHistory: both readings of a backslash', () => {
  it('expands a ! that only bash 5.2 leaves open (\\" is one character inside "…")', () => {
    // Older bash: \ then " closes the quotes, and '!$' is single-quoted. bash 5.2: \" is skipped,
    // the ' are inside "…", and !$ expands.
    expect(textExpandsHistory(`sh -c "\\"; '!$'"`)).toBe(true);
  });

  it('expands a ! that only older bash leaves open (\\" is two characters)', () => {
    // Older bash: the " after the backslash opens "…", so the ' protect nothing. bash 5.2: \" is
    // skipped and '!$' is single-quoted.
    expect(textExpandsHistory(`sh -c \\"'!$'`)).toBe(true);
  });
});

describe('textExpandsHistory: the character after the !', () => {
  it('expands a ! before a word, whatever stands before it', () => {
    // The blank is before the !, not after: the character read must be the next one.
    expect(textExpandsHistory('echo !b')).toBe(true);
    expect(textExpandsHistory('a!b')).toBe(true);
  });

  it('leaves alone a ! before a blank, = or the end of the line', () => {
    expect(textExpandsHistory('a! b')).toBe(false);
    expect(textExpandsHistory('a!\tb')).toBe(false);
    expect(textExpandsHistory('[ a != b ]')).toBe(false);
    expect(textExpandsHistory('a!')).toBe(false);
  });

  it('leaves alone !" inside "…" only', () => {
    expect(textExpandsHistory('echo "hi!"')).toBe(false);
    // Outside "…", !" starts an event (review-reader-1203c.test.ts runs one).
    expect(textExpandsHistory('echo hi!"x"')).toBe(true);
  });
});

describe('textExpandsHistory: $!', () => {
  it('leaves alone $! past the first two characters of the line', () => {
    expect(textExpandsHistory('echo $!x')).toBe(false);
    expect(textExpandsHistory('x$!e')).toBe(false);
  });

  it('expands $! starting the line (review-reader-1203d.test.ts runs $!e:gs/…/)', () => {
    expect(textExpandsHistory('$!e')).toBe(true);
  });
});

describe('textExpandsHistory: [!…]', () => {
  it('leaves alone [! with a ] after it', () => {
    expect(textExpandsHistory('echo [!a]')).toBe(false);
  });

  it('expands [! with no ] after it (review-reader-1203c.test.ts runs sh -c [!$)', () => {
    expect(textExpandsHistory('sh -c [!$')).toBe(true);
  });

  it('expands a ! after anything but [, a ] after it or not', () => {
    expect(textExpandsHistory('a!b]')).toBe(true);
    // A ! starting the line has nothing before it.
    expect(textExpandsHistory('!a]')).toBe(true);
  });
});

describe('textExpandsHistory: ${!…}', () => {
  it('leaves alone ${! with a } after it', () => {
    expect(textExpandsHistory('echo ${!a}')).toBe(false);
  });

  it('expands ${! with no } after it', () => {
    expect(textExpandsHistory('echo ${!a')).toBe(true);
  });

  it('expands {! with no $ before it, and a ! after a $ and another character', () => {
    expect(textExpandsHistory('echo {!a}')).toBe(true);
    expect(textExpandsHistory('$x!a}')).toBe(true);
  });

  it('expands a ! after anything but {, a } after it or not', () => {
    expect(textExpandsHistory('a!b}')).toBe(true);
  });
});

// The same rules as the check applies them: a ! the text asks bash to expand refuses every tag.
describe('checkSshTemplate: a template whose own text holds a !', () => {
  const history =
    "[#ADD_INFO#] cannot be used here: the tag is in a template whose own text asks an interactive bash for history expansion (a ! before a word, or a line starting with ^), which can bring an earlier line's value back as code";

  it('accepts the ! bash leaves alone', () => {
    expect(checkSshTemplate(`exec "echo [#ADD_INFO#] \${!a} [!a] $$!a \\"b!\\" c! d!=e"`)).toEqual([]);
  });

  it.each([
    ['{!a}', `exec "echo [#ADD_INFO#] {!a}"`],
    ['[! with no ]', `exec "echo [#ADD_INFO#]"\nexec "sh -c [!$"`],
    ['$! starting the line', `exec "echo [#ADD_INFO#]"\nexec "$!e"`],
    ['a ! only bash 5.2 reads open', `exec "echo [#ADD_INFO#]"\nexec "sh -c \\"\\\\\\"; '!$'\\""`],
    ['a ! only older bash reads open', `exec "echo [#ADD_INFO#]"\nexec "sh -c \\\\\\"'!$'"`],
  ])('refuses the tag for %s', (_name, template) => {
    expect(checkSshTemplate(template)).toEqual([{ line: 1, column: 12, message: history }]);
  });
});

// Mutants of history-expansion.ts left alive, each the same program as the original (positions as
// `npm run mutation` gives them):
// - 24:19 `i <= line.length` (openBangs' loop): at i = line.length the character is undefined,
//   which no branch of the loop acts on.
// - 31:20 `true` and `i >= 0` for `i > 0` (the $ before '): at i = 0, line[-1] is undefined, not $.
// - 32:17 `i <= line.length` (the '…' skip): one more turn at the end reads an undefined character,
//   which is neither ' nor a backslash, and the outer loop ends as before.
// - 67:42 "Stryker was here!", 67:18 `true` and `at >= 0` (before at 0): before is only compared
//   with $, [ and {, which neither '' nor that text nor line[-1] (undefined) is.
// - 71:44 and 72:73 `at - 1` for `at + 1` in line.includes: the two characters added are the [ or
//   { before the ! and the ! itself, never the ] or } looked for.
