/**
 * Second attack round on the console and sed readers: each case states the safe outcome (the
 * value refused). Each failed before the fixes that followed the review: the check accepted the
 * template and typed the value where a console reads it as code, or where wsadmin parses it again. Reproducers with real
 * bash, python3 and tclsh are in the attack report of branch attack3.
 */
import { describe, expect, it } from 'vitest';
import { typed, exec, tclPayload, pythonPayload } from './support/attack-templates';

const tcl = `${exec('tclsh')}expect "%"\n`;
const python = `${exec('python3 -q')}expect ">>>"\n`;

describe('a launcher the check does not see: the lines after it are read as shell input', () => {
  // bash runs tclsh / python3 for each of these; consoleOpenedBy returns null (no console).
  it.each([
    'FOO=1 tclsh',
    'tc\\lsh',
    "$'tclsh'",
    '{tclsh,}',
    'eval tclsh',
    'builtin exec tclsh',
    'sh -c tclsh',
    'taskset 1 tclsh',
    'script -q /dev/null tclsh',
  ])('%s', (launcher) => {
    expect(typed(`${exec(launcher)}expect "%"\n${tclPayload.line}`, tclPayload.tags)).toBeNull();
  });

  it.each(['FOO=1 python3', 'py\\thon3'])('%s', (launcher) => {
    expect(typed(`${exec(launcher)}expect ">>>"\n${pythonPayload.line}`, pythonPayload.tags)).toBeNull();
  });
});

describe('a launcher read as returning to the shell that stays a console', () => {
  // `-` is stdin, the same as no script (interactive on a terminal); -i stays after -c or a script.
  it.each(['python3 -', 'python3 -q -', 'python3 -i -cpass', 'python3 -i x.py', 'wlst.sh -i x.py'])(
    '%s',
    (launcher) => {
      expect(typed(`${exec(launcher)}expect ">>>"\n${pythonPayload.line}`, pythonPayload.tags)).toBeNull();
    },
  );
});

describe('an exit() the check believes while Python goes on reading', () => {
  // The expect ">" matches Python's own output (">>>", "<module>"), so the run goes on.
  it.each([
    // -S: no site module, so no exit() (NameError).
    [`${exec('python3 -S')}expect ">>>"\n`, exec('exit()')],
    // A one-line compound statement still waits for a blank line: exit() is a SyntaxError there.
    [python, exec('if 0: pass') + exec('exit()')],
    // A comment does not continue with a backslash in Python; the reader skips the next line as
    // comment, so it misses the ''' that makes exit() string content.
    [python, exec('# note \\') + exec("s = '''") + exec('exit()')],
  ])('%s%s', (start, lines) => {
    const after = lines.includes("'''") ? exec("# '''") : '';
    const template = `${start}${lines}expect ">"\n${after}${pythonPayload.line}`;
    expect(typed(template, pythonPayload.tags)).toBeNull();
  });
});

describe('Tcl: frames and names the reader trusts', () => {
  // `$AdminConfig` is whatever the session set: here `if`, which runs its body, the value.
  it('$AdminConfig rebound to if', () => {
    const template = tcl + exec('set AdminConfig if') + exec('$AdminConfig true then [#ADD_INFO#]');
    expect(typed(template, { ADD_INFO: 'exec touch PWNED' })).toBeNull();
  });

  // Tcl counts the { inside a{b}: the braced word is still open after the line (info complete
  // is 0), while the reader closes it, so `exit` is data and the shell-checked lines go to Tcl.
  it('a brace inside a word of an attribute list', () => {
    const template =
      tcl +
      exec('$AdminConfig modify $ds {{description a{b} {password x}}') +
      exec('exit') +
      'expect "$"\n' +
      exec('echo }') +
      tclPayload.line;
    expect(typed(template, tclPayload.tags)).toBeNull();
  });
});

describe('wsadmin parses the decoded value again (a list, an option string, a path)', () => {
  const jython = `${exec('wsadmin.sh -lang jython')}expect ">"\n`;
  const jacl = `${exec('wsadmin.sh')}expect ">"\n`;
  // The octal escapes are read back once, then wsadmin reads `]`, `[`, spaces and `-` as syntax.
  it.each([
    [jython, "AdminConfig.modify(ds, '[[password [#ADD_INFO#]]]')", 'x] [userId root'],
    [jython, "AdminTask.modifyAuthDataEntry('[-alias a -password [#ADD_INFO#]]')", 'x -user root'],
    [jacl, '$AdminConfig modify $ds [#ADD_INFO#]', '{password x} {userId root}'],
    [jacl, '$AdminControl invoke $mbean setPassword [#ADD_INFO#]', 'a b'],
  ])('%s%s', (start, line, value) => {
    expect(typed(`${start}${exec(line)}`, { ADD_INFO: value })).toBeNull();
  });
});

describe('Tcl evaluator names behind a numeric escape', () => {
  // The session rule resolves \s to s, but Tcl also reads \145, \x65 and \u0065 as e: the session
  // names eval, and its values are still followed.
  const wsadmin = `${exec('wsadmin.sh')}expect ">"\n`;
  const value = exec('set v [$AdminConfig getid /DataSource:[#ADD_INFO#]/]');
  it('control: eval named plainly refuses the session', () => {
    expect(typed(`${wsadmin}${value}${exec('eval $v')}`, { ADD_INFO: 'x' })).toBeNull();
  });
  it.each(['\\145val $v', '\\x65val $v', '\\u0065val $v'])('%s', (line) => {
    expect(typed(`${wsadmin}${value}${exec(line)}`, { ADD_INFO: 'x' })).toBeNull();
  });
});
