/**
 * Where python-reader.ts and tcl-reader.ts follow a value in a console line, and where they do
 * not, at the edges a mutation run of the "ssh second readers" module left open: which lines keep
 * a Python block open (so its exit() is not the console's end), what the evaluator rule reads of
 * escaped characters and tags, which calls and prefixes make a string a whole argument, and how
 * Tcl reads comments, brackets in strings, words after a brace or a semicolon, and a plain
 * argument of a wsadmin object. The main cases are in second-readers-check.test.ts and
 * second-readers-mutants.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { pythonReasons } from '../../../../electron/plugins/ssh/template/python-reader';
import { tclReasons } from '../../../../electron/plugins/ssh/template/tcl-reader';
import { exec, lines, problems, refusal, sendsWith as sends } from './support/second-reader-rows';

const session = (language: string, name: string): string =>
  refusal(
    `is in a ${language} console session that uses ${name}, which can run a string as code or as a command (escaping does not hold there)`,
  );
const piped = refusal('is piped into sh, which can run what it reads as code (quoting does not hold there)');
const leaves = refusal('comes after a line that may leave the console (an exit this check does not follow)');

const python = [exec('python3'), 'expect ">>>"'];
const tcl = [exec('wsadmin.sh'), 'expect "wsadmin>"'];

describe('a Python console: the lines that keep a block open', () => {
  /** The problems when `texts` are typed, then exit(), then a value piped into sh. */
  const after = (...texts: string[]): string[] =>
    problems(
      lines(...python, ...texts.map(exec), exec('exit()'), 'expect "$"', exec('echo [#ADD_INFO#] | sh')),
    );

  it('closes on exit() after a block that an empty line ended (the reference case)', () => {
    expect(after('if x:', '  y()', '')).toEqual([piped]);
  });

  it('takes a line holding only a backslash as text: the empty line after it does not end the block', () => {
    expect(after('if x:', '  y()', '\\', '')).toEqual([leaves]);
  });

  it('takes a line holding only a tag as text: the exit after it is still in the block', () => {
    expect(after('if x:', '  y()', '[#NEW_PASSWORD#]')).toEqual([
      refusal(pythonReasons.outsideString, 'NEW_PASSWORD'),
      leaves,
    ]);
  });

  it('reads an empty line inside a triple-quoted string as the string’s, not as the end of the block', () => {
    expect(after('if x:', "  y = '''", '', "'''")).toEqual([leaves]);
  });

  it('reads a compound statement with its body on one line as a block', () => {
    expect(after('if x: y()')).toEqual([leaves]);
  });

  it('reads a compound statement after a line joined by a backslash as a block', () => {
    expect(after('\\', 'if x: y()')).toEqual([leaves]);
  });

  it('takes any line ending in a colon outside brackets for the start of a block', () => {
    expect(after('f(x); if y:')).toEqual([leaves]);
  });
});

describe('a Python console: what the evaluator rule reads', () => {
  const line = (...texts: string[]): string[] => problems(lines(...python, ...texts.map(exec)));

  it('does not read the escaped letters of a string as code', () => {
    expect(line(`f('[#ADD_INFO#]', '\\o\\s')`)).toEqual([]);
  });

  it('reads a letter after a backslash outside a string as the letter, part of a name', () => {
    expect(line(`f('[#ADD_INFO#]')`, '\\eval(x)')).toEqual([session('Python', 'eval')]);
  });

  it('keeps the words around a backslash-newline apart', () => {
    expect(line('y = x in\\', 'put', `f('[#ADD_INFO#]')`)).toEqual([]);
  });

  it('keeps the letters around a tag outside a string apart', () => {
    expect(line('ev[#NEW_PASSWORD#]al = 1', `f('[#ADD_INFO#]')`)).toEqual([
      refusal(pythonReasons.outsideString, 'NEW_PASSWORD'),
    ]);
  });
});

describe('a Python console: a string as a whole argument of a call', () => {
  const line = (...texts: string[]): string[] => problems(lines(...python, ...texts.map(exec)));

  it("refuses a string given to wsadmin's AdminConfig, which parses it again as a list", () => {
    expect(line(`AdminConfig.modify(ds, '[#ADD_INFO#]')`)).toEqual([refusal(pythonReasons.admin)]);
    expect(line(`AdminTask.modify(ds, '[#ADD_INFO#]')`)).toEqual([refusal(pythonReasons.admin)]);
  });

  it('follows a string given to a function whose name only contains AdminConfig', () => {
    expect(line(`MyAdminConfig.show('[#ADD_INFO#]')`)).toEqual([]);
  });

  it('takes a bracket after a closing bracket as a call, and one after an operator as a group', () => {
    expect(line(`f(x) ('[#ADD_INFO#]')`)).toEqual([]);
    expect(line(`f(1) + ('[#ADD_INFO#]')`)).toEqual([refusal(pythonReasons.notArgument)]);
    expect(line(`(1)+('[#ADD_INFO#]')`)).toEqual([refusal(pythonReasons.notArgument)]);
  });

  it('reads all the letters before a quote as its prefix', () => {
    expect(line(`f(Xu'[#ADD_INFO#]')`)).toEqual([refusal(pythonReasons.prefixed)]);
  });

  it('reads the u of a second string after a first one as its own prefix', () => {
    expect(line(`f(u'a'u'[#ADD_INFO#]')`)).toEqual([refusal(pythonReasons.notArgument)]);
  });

  it('reads two quotes followed by another character as an empty string, not a triple quote', () => {
    // Were '' then the newline a triple quote left open, the next line would be in its string.
    expect(line(`x = ''`, `f('[#ADD_INFO#]')`)).toEqual([]);
  });
});

describe('a Tcl console', () => {
  const line = (...texts: string[]): string[] => problems(lines(...tcl, ...texts.map(exec)));
  const notPair = refusal(tclReasons.notPair);
  const lost = refusal(tclReasons.lost);
  const modify = '$AdminConfig modify $rp {{value [#ADD_INFO#]}}';

  it('closes on exit typed after a write of blanks: the blanks start no command', () => {
    expect(
      problems(lines(...tcl, 'write "  "', exec('exit'), 'expect "$"', exec('echo [#ADD_INFO#] | sh'))),
    ).toEqual([piped]);
  });

  it('refuses a value in a comment inside braces as outside the forms it follows', () => {
    expect(line('if {1} {', '# [#ADD_INFO#]', '}')).toEqual([notPair]);
  });

  it('reads a # after blanks as a comment', () => {
    expect(line(`  # x; ${modify}`)).toEqual([notPair]);
  });

  it('follows no form in a plain tclsh, which has no wsadmin objects', () => {
    expect(problems(lines(exec('tclsh'), 'expect "%"', exec(modify)))).toEqual([notPair]);
  });

  it('refuses a value in a [ … ] substitution', () => {
    expect(line('puts [list [#ADD_INFO#]]')).toEqual([notPair]);
  });

  it('reads a quote in the middle of a word, after a value, as a plain character', () => {
    expect(line(`$AdminConfig getid /a[#NEW_PASSWORD#]"/; ${modify}`)).toEqual([]);
  });

  it('reads [ … ] inside a quoted string as a script: its ] closes it, its comment loses the reading', () => {
    expect(line('puts "[list a]"', modify)).toEqual([]);
    expect(line('puts "[ #x]"', modify)).toEqual([lost]);
  });

  it('reads a ] inside braces as text, not as the end of a substitution', () => {
    expect(line('$AdminConfig modify $rp {{b ]} {value [#ADD_INFO#]}}')).toEqual([]);
  });

  it('loses the reading at a brace right after a closing brace, where no word starts', () => {
    expect(line('$AdminConfig modify $rp {{a b}{value [#ADD_INFO#]}}')).toEqual([lost]);
  });

  it('starts a word after a semicolon inside braces: a brace there opens a group', () => {
    expect(line('if {1} {puts a;{b}}', modify)).toEqual([]);
  });

  it('refuses at run a plain argument value holding a character wsadmin reads there', () => {
    const getid = lines(...tcl, exec('$AdminConfig getid /DataSource:[#ADD_INFO#]/'));
    expect(problems(getid)).toEqual([]);
    expect(sends(getid, 'a/b')).toBeNull();
    expect(sends(getid, 'a.b')).toEqual(['wsadmin.sh\n', '$AdminConfig getid /DataSource:a\\056b/\n']);
  });
});

// Equivalent mutants of python-reader.ts and tcl-reader.ts left by the "ssh second readers" run
// and not already explained in second-readers-mutants.test.ts: no template tells them apart.
// python-reader.ts
// - :102 `#rawText = false`, true: it is read only at a newline, and the first newline of a
//   session comes before any block can be open (inBlock is false, and stays so for an empty line).
// - :136 `next === '\n' ? ' ' : next`, `next` (the condition false): a backslash-newline then adds
//   '\n' instead of ' ' to #line and code; the code's names are split on both alike, and every
//   regex on #line reads '\n' as a blank (\s, trim, trimEnd) or, without the m flag, reads ^ and $
//   at the ends of the whole line only, where both give the same answer.
// - :203 the callee '' after `)` or `]`, "Stryker was here!": it is read only as a string (any
//   string makes a call) and by the Admin… test, which neither matches.
// - :210 `/[A-Za-z]*$/.exec(...)?.[0] ?? ''`, without ?. or with another default: the regex can
//   match the empty string at the end, so exec never returns null (the default is not reached).
// - :219 `this.#brackets.at(-1) ?? ''`, "Stryker was here!": no Admin… name starts it either.
// tcl-reader.ts
// - :115 `?? frame('bracket')`, frame(''): the frames are never empty (] pops only above the top
//   frame, } only a group, " only a string, finish() sets a new top), so the default is not reached.
// - :135 /^[0-7xuU]$/ without ^ or without $: each item is one code point (shell-context.ts,
//   itemsOf), and no astral code point's surrogates are in [0-7xuU].
// - :199 `frame('bracket')` in a string with before "Stryker was here!": a frame's before is read
//   only for a group (the attribute list's command), never for a bracket.
