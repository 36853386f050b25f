/**
 * Third attack round on the console readers: each case states the safe outcome (the value
 * refused). Each failed before the fixes that followed the review: the check accepted the
 * template and typed the value where a console reads it as code. Reproducers with real bash, python3, tclsh, node and perl are
 * in the attack report of branch attack4.
 */
import { describe, expect, it } from 'vitest';
import { typed, exec, tclPayload, pythonPayload } from './support/attack-templates';

const python = `${exec('python3 -q')}expect ">>>"\n`;
const wsadmin = `${exec('wsadmin.sh')}expect ">"\n`;

describe('a console the launcher rule does not see: its lines are read as shell input', () => {
  // consoleOpenedBy returns null for each: -m runs a module that is a console, a glob or java
  // names the launcher, or the name is not one of the regexes'.
  it.each([
    'python3 -m code',
    'python3 -m asyncio',
    '/usr/bin/pytho[n]3',
    'java weblogic.WLST',
    'ipython3',
    'python3-dbg',
  ])('%s', (launcher) => {
    expect(typed(`${exec(launcher)}expect ">"\n${pythonPayload.line}`, pythonPayload.tags)).toBeNull();
  });

  // The launcher is on one shell line, but not in one exec's text, or PYTHONINSPECT set earlier.
  it.each([
    ['write then exec', 'write "pyth"\n' + exec('on3')],
    ['a backslash-newline', exec('py\\') + exec('thon3')],
    ['a write run by an empty exec', 'write "python3"\n' + exec('')],
    ['PYTHONINSPECT set before', exec('export PYTHONINSPECT=1') + exec('python3 -cpass')],
  ])('%s', (_name, start) => {
    expect(typed(`${start}expect ">"\n${pythonPayload.line}`, pythonPayload.tags)).toBeNull();
  });

  // Tcl consoles the regexes miss: expect with no script is a Tcl REPL, and so is jimsh.
  it.each(['expect', 'jimsh'])('%s', (launcher) => {
    expect(typed(`${exec(launcher)}expect "%"\n${tclPayload.line}`, tclPayload.tags)).toBeNull();
  });

  // Other REPLs: their single quotes take \' as an escape, as Python's do.
  it('node', () => {
    const template = `${exec('node')}expect ">"\n${exec("x = '[#ADD_INFO#]' + '[#NEW_PASSWORD#]'")}`;
    const tags = { ADD_INFO: 'a\\', NEW_PASSWORD: ';require("child_process").execSync("touch PWNED");//' };
    expect(typed(template, tags)).toBeNull();
  });

  it('perl -de0', () => {
    const template = `${exec('perl -de0')}expect "DB<"\n${exec("print '[#ADD_INFO#]' . '[#NEW_PASSWORD#]'")}`;
    const tags = { ADD_INFO: 'a\\', NEW_PASSWORD: ';system("touch PWNED");#' };
    expect(typed(template, tags)).toBeNull();
  });
});

describe('Python: a block the reader closes while the console still reads it', () => {
  // The REPL ends a block only on an empty line: exit() is then a SyntaxError, not an exit.
  it.each([
    ['a comment line', '# c'],
    ['a line of blanks', '   '],
  ])('%s', (_name, line) => {
    const template =
      python +
      exec('if 1:') +
      exec('  pass') +
      exec(line) +
      exec('exit()') +
      'expect ">"\n' +
      pythonPayload.line;
    expect(typed(template, pythonPayload.tags)).toBeNull();
  });
});

describe('an exit the console no longer has, believed: the shell-checked lines go to the console', () => {
  it('Python: exit rebound through globals() (no exit word in the line)', () => {
    const template =
      python + exec("globals()['ex'+'it'] = print") + exec('exit()') + 'expect ">"\n' + pythonPayload.line;
    expect(typed(template, pythonPayload.tags)).toBeNull();
  });

  it.each([
    ['rename ex\\it', exec('rename ex\\it {}')],
    ['proc ${n}it', exec('set n ex') + exec('proc ${n}it args {}')],
  ])('Tcl: %s', (_name, lines) => {
    const template = wsadmin + lines + exec('exit') + 'expect ">"\n' + tclPayload.line;
    expect(typed(template, tclPayload.tags)).toBeNull();
  });
});

describe('Tcl: $AdminConfig rebound under a name built at run time', () => {
  // `if true V` runs V as a script: a plain argument may hold ; and $.
  it.each([
    ['${n}Config', exec('set n Admin') + exec('set ${n}Config if')],
    ['append', exec('set n Admin') + exec('append n Config') + exec('set $n if')],
  ])('%s', (_name, lines) => {
    const template = wsadmin + lines + exec('$AdminConfig true [#ADD_INFO#]');
    expect(typed(template, { ADD_INFO: 'pwd;exit' })).toBeNull();
  });
});

describe('Python: a call that reads its string argument as a name to import', () => {
  // help('x') imports module x (its code runs: antigravity opens a browser).
  it('help', () => {
    expect(typed(python + exec("help('[#ADD_INFO#]')"), { ADD_INFO: 'antigravity' })).toBeNull();
  });
});

describe('Tcl: a plain argument that wsadmin reads as an option', () => {
  // AdminTask commands take -interactive as their argument: a wizard then reads the template's
  // next lines as its answers. A value starting with - is refused in the shell, not here.
  it('$AdminTask … -interactive', () => {
    expect(
      typed(wsadmin + exec('$AdminTask listServers [#ADD_INFO#]'), { ADD_INFO: '-interactive' }),
    ).toBeNull();
  });
});

describe('Tcl: evaluators named at run time escape the session rule', () => {
  // ${e}al is eval and ${u}bst is subst: the value is decoded by subst, then parsed by eval.
  it('${e}al [${u}bst $s]', () => {
    const template =
      wsadmin +
      exec('set e ev') +
      exec('set u su') +
      exec('set s { $AdminConfig getid /X:[#ADD_INFO#]/ }') +
      exec('${e}al [${u}bst $s]');
    expect(typed(template, { ADD_INFO: 'x;exit;' })).toBeNull();
  });
});
