/**
 * The second readers' edges left open by the "ssh second readers" mutation run, in
 * console-session.ts and sed-script.ts: which command lines start a console this check does not
 * follow, which names refuse a console session's values, and where an interval of a sed pattern
 * ends. second-readers-mutants.test.ts holds the other edges; the equivalent mutants of these two
 * files not explained there are explained at the end of this file.
 */
import { describe, expect, it } from 'vitest';
import { consoleOpenedBy } from '../../../../electron/plugins/ssh/template/console-session';
import { exec, lines, problems, refusal, sedRefusal, sendsWith } from './support/second-reader-rows';

/** What each step sends with this file's value of ADD_INFO, or null when the run refuses it. */
const sends = (template: string): string[] | null => sendsWith(template, "a'b");

const inInterval = sedRefusal('a value sits inside an interval {…}, where escaping does not make it literal');

describe('sed: where an interval of the pattern ends', () => {
  it('in an extended pattern only at a plain }: an escaped \\} is a literal brace inside it', () => {
    expect(problems(exec(`sed -E 's/a{1\\}[#ADD_INFO#]}/y/' f`))).toEqual([inInterval]);
    // The plain } closes it: the value after it is followed.
    expect(problems(exec(`sed -E 's/a{1}[#ADD_INFO#]/y/' f`))).toEqual([]);
  });

  it('in a basic pattern only at \\}: a plain } is a literal brace inside it', () => {
    expect(problems(exec(`sed 's/a\\{1}[#ADD_INFO#]\\}/y/' f`))).toEqual([inInterval]);
    expect(problems(exec(`sed 's/a\\{1\\}[#ADD_INFO#]/y/' f`))).toEqual([]);
  });
});

describe('consoleOpenedBy: a command name after assignments', () => {
  const notPlain = { kind: 'unknown', name: 'a command whose name is not plain text' };
  it.each([
    // The name after assignments of any length, with any spacing, whatever space leads the line.
    ['  $CMD', notPlain],
    ['LONG_NAME=1 $CMD', notPlain],
    ['A=1  $CMD', notPlain],
    ['A=1\t$CMD', notPlain],
    // An array element's index of any length is part of the assignment, not a name.
    ['arr[12]=1 ls', null],
    ['arr[key]=1 ls', null],
    // An assignment alone on its line, a glob in its value: no command runs.
    ['LOGS=/var/log/*.log', null],
    ['A=1 B=x?', null],
  ])('%j', (line, start) => {
    expect(consoleOpenedBy(line)).toEqual(start);
  });
});

describe('consoleOpenedBy: python3 reading a script from the terminal, or staying after one', () => {
  it.each([
    // `-` reads the script from the terminal, whatever words follow it (sys.argv).
    ['python3 - x.py', { kind: 'unknown', name: 'python3' }],
    ['python3 - -q', { kind: 'unknown', name: 'python3' }],
    // -i among other letters still keeps the console open after the script.
    ['python3 -qi x.py', { kind: 'unknown', name: 'python3' }],
    ['python3 -Bi -c pass', { kind: 'unknown', name: 'python3' }],
  ])('%j is a console this check does not follow', (line, start) => {
    expect(consoleOpenedBy(line)).toEqual(start);
  });

  it('refuses a value on the lines after python3 - x.py', () => {
    expect(
      problems(lines(exec('python3 - x.py'), 'expect ">>>"', exec(`f('[#ADD_INFO#]')`), exec('exit()'))),
    ).toEqual([expect.stringContaining('started in a way this check does not follow')]);
  });
});

const jython = [exec('wsadmin.sh -lang jython'), 'expect "wsadmin>"'];
const jacl = [exec('wsadmin.sh'), 'expect "wsadmin>"'];
const pair = exec('$AdminConfig modify $rp {{value [#ADD_INFO#]}}');

describe("the Tcl session rules do not reach a Python console's code", () => {
  it('follows a Jython session that calls AdminConfig (without $: the Python object)', () => {
    const template = lines(
      ...jython,
      exec(`ds = AdminConfig.getid('/DataSource:app/')`),
      exec(`print('[#ADD_INFO#]')`),
      exec('exit()'),
    );
    expect(problems(template)).toEqual([]);
    expect(sends(template)?.[2]).toBe("print('a\\047b')\n");
  });

  it('follows a Python session whose code has ${ in it (a syntax error python reports, no name)', () => {
    expect(problems(lines(...jython, exec('${x} = 1'), exec(`print('[#ADD_INFO#]')`)))).toEqual([]);
  });

  it('follows a Python session with a set call on a $ (a syntax error there too)', () => {
    expect(problems(lines(...jython, exec('s = set $x'), exec(`print('[#ADD_INFO#]')`)))).toEqual([]);
  });
});

describe('a Tcl session that sets a variable named at run time', () => {
  it.each(['set  $n if', 'set   $n if'])(
    'refuses its values however many spaces part the words: %j',
    (line) => {
      expect(problems(lines(...jacl, exec(line), pair))).toEqual([
        refusal(
          'is in a Tcl console session that uses a name built at run time (${…}), which can run a string as code or as a command (escaping does not hold there)',
        ),
      ]);
    },
  );
});

// Equivalent mutants of console-session.ts and sed-script.ts (mutation module "ssh second
// readers") not explained at the end of second-readers-mutants.test.ts: no template tells them
// from the code, so no test kills them.
// console-session.ts
// - :43 basename's `.replace(/^\\/, '')` as `/\\/` or with "Stryker was here!": the launcher names
//   are taken from words whose backslashes are all removed before (line 97), and a first word
//   holding a backslash makes the line fail plainLine, so consoleOpenedBy returns
//   unknown(named) whatever basename made of it.
// - :97 `line.split(/[\s;|&()<>=`]+/)` without +: it adds empty words, and '' is neither a
//   launcher nor another reader.
// - :110-112 the command regex without its ^, and `exec(...)?.[1]` as `exec(...)[1]`, and
//   `?? ''` as "Stryker was here!": every part of the regex may match empty, so it matches at
//   index 0 (the leftmost match, the same as when anchored), and its group (\S*) always takes part.
// sed-script.ts
// - :126 `part === 'pattern'` (in `part === 'pattern' && !extended && next === '}'`), true, and
//   :130 `part === 'pattern'` (in `part === 'pattern' && extended && char === '}'`), true:
//   `interval` starts false in each part and is set only in the pattern, so setting it false
//   again in the replacement changes nothing.
