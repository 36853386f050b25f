/**
 * Attack review of the second readers (sed's s command, a Python or Tcl console the template
 * opened): each case states the safe outcome (the value refused, or delivered as it is), and
 * failed before the fixes that followed the review.
 * Findings and reproducers: the attack report of branch attack2 (MATCHING.md, "Tag values").
 */
import { describe, expect, it } from 'vitest';
import { typed, exec } from './support/attack-templates';
import { templateSaveSchema } from '../../../../shared/domain/template';

const tcl = `${exec('tclsh')}expect "%"\n`;
const python = `${exec('python3 -q')}expect ">>>"\n`;

describe('the check believes a console closed while it still reads the lines', () => {
  // tclsh has no `quit` command ("invalid command name"): Tcl stays, and reads a shell-quoted
  // value, whose [ … ] it runs.
  it('tclsh: quit', () => {
    const template = `${tcl}${exec('quit')}${exec('echo "[#ADD_INFO#]"')}`;
    expect(typed(template, { ADD_INFO: '[exec touch PWNED]' })).toBeNull();
  });

  // An indented exit() is inside a block: when the condition is false, Python goes on reading,
  // and two shell-quoted values on one line let the first (ending in \) open the second as code.
  it('python: exit() inside an if block', () => {
    const template =
      python +
      exec('if 1 == 2:') +
      exec('    exit()') +
      exec('') +
      exec("x = '[#ADD_INFO#]' + '[#NEW_PASSWORD#]'");
    expect(typed(template, { ADD_INFO: 'a\\', NEW_PASSWORD: ';open("PWNED","w")#' })).toBeNull();
  });
});

describe('a console the check does not recognise is read with shell rules', () => {
  // Tcl runs [ … ] inside "…" and bare words, so a shell-quoted value runs there.
  it.each(['env tclsh', 'exec tclsh', 'tclsh8.6 -encoding utf-8', 'sudo -u was wsadmin.sh'])(
    '%s',
    (launcher) => {
      const template = `${exec(launcher)}expect "%"\n${exec('puts "[#ADD_INFO#]"')}`;
      expect(typed(template, { ADD_INFO: '[exec touch PWNED]' })).toBeNull();
    },
  );
});

describe('the check believes a console open while the shell reads the lines', () => {
  // -V prints the version and exits; sys.exit() and WLST's exit('y') are not recognised as an
  // exit. The shell then reads lines checked as Python: `| sh` is not refused, and printf turns
  // the octal escapes back into the value.
  it.each([
    `${exec('python3 -V')}expect "Python 3"\n`,
    `${python}${exec('import sys; sys.exit()')}expect "$"\n`,
    `${python}${exec("exit('y')")}expect "$"\n`,
  ])('%s', (start) => {
    expect(typed(`${start}${exec("printf '[#ADD_INFO#]' | sh")}`, { ADD_INFO: 'touch PWNED' })).toBeNull();
  });
});

describe('Tcl commands that evaluate a "…" argument again are not in the evaluator list', () => {
  it.each([
    'catch "puts [#ADD_INFO#]"',
    'if "[#ADD_INFO#] == 1" {puts yes}',
    'while "[#ADD_INFO#] == 1" {break}',
    'time "puts [#ADD_INFO#]"',
    'foreach x {a} "puts [#ADD_INFO#]"',
    'switch x x "puts [#ADD_INFO#]"',
    'dict for {k v} {a b} "puts [#ADD_INFO#]"',
    'java::new ProcessBuilder [list sh -c "[#ADD_INFO#]"]',
    // A backslash in the command's name hides it from the list: Tcl reads \s as s.
    '\\subst [#ADD_INFO#]',
  ])('%s', (line) => {
    expect(typed(`${tcl}${exec(line)}`, { ADD_INFO: '[exec touch PWNED]' })).toBeNull();
  });

  // A "…" inside [ … ] inside "…": the reader ends the string early, so it reads the eval line
  // and the value's line apart while Tcl reads them as one eval.
  it('eval split from the value by a nested quote', () => {
    const template = tcl + exec('eval "[string trim "x" x]') + exec('puts [#ADD_INFO#]"');
    expect(typed(template, { ADD_INFO: '[exec touch PWNED]' })).toBeNull();
  });
});

describe('Python names that run a string are missing, or reached through another name', () => {
  it.each([
    exec('from subprocess import run') + exec("run('echo [#ADD_INFO#]', shell=True)"),
    exec('from os import popen as p') + exec("p('echo [#ADD_INFO#]')"),
    exec('import timeit') + exec("timeit.timeit('[#ADD_INFO#]', number=1)"),
    exec('import pdb') + exec("pdb.run('[#ADD_INFO#]')"),
    exec('import code') + exec("code.InteractiveInterpreter().runsource('[#ADD_INFO#]')"),
    exec('import asyncio') + exec("asyncio.run(asyncio.create_subprocess_shell('[#ADD_INFO#]'))"),
    // The value on one line, the evaluator on the next.
    exec("x = '[#ADD_INFO#]'") + exec("os.system('echo ' + x)"),
  ])('%s', (lines) => {
    expect(typed(`${python}${lines}`, { ADD_INFO: 'x; touch PWNED' })).toBeNull();
  });

  // wsadmin's language is set by wsadmin.properties (com.ibm.ws.scripting.defaultLang), not only
  // by -lang: read as Tcl, os.system names nothing the Tcl list knows.
  it('wsadmin without -lang running Jython', () => {
    const template = `${exec('wsadmin.sh -conntype NONE')}expect "wsadmin>"\n${exec("os.system('echo [#ADD_INFO#]')")}`;
    expect(typed(template, { ADD_INFO: 'x; touch PWNED' })).toBeNull();
  });
});

describe('a line that is exactly one tag, typed at the console prompt', () => {
  // Typed as it is, like an answer to a prompt; but the expect before it proves only that the
  // console's own prompt is there, so the console reads the value as code.
  it.each([
    [python, '__import__("os").system("touch PWNED")'],
    [tcl, 'exec touch PWNED'],
  ])('%s', (start, value) => {
    expect(typed(`${start}${exec('[#ADD_INFO#]')}`, { ADD_INFO: value })).toBeNull();
  });
});

describe('Tcl places where the octal escapes do not make the value literal data', () => {
  // Braces keep backslashes: the variable holds P\100ss, not P@ss (a password set wrong).
  it('inside braces', () => {
    const input = typed(`${tcl}${exec('set pw {[#NEW_PASSWORD#]}')}`, { NEW_PASSWORD: 'P@ss' });
    expect(input === null || input.includes('{P@ss}')).toBe(true);
  });

  // The value names a variable to read, or a command to run.
  it.each(['puts $[#ADD_INFO#]', 'puts [[#ADD_INFO#]]', '[#ADD_INFO#] now'])('%s', (line) => {
    expect(typed(`${tcl}${exec(line)}`, { ADD_INFO: 'exit' })).toBeNull();
  });
});

describe('sed', () => {
  // \x, \o, \d and \c take the characters after them: the value's first ones become a code.
  it.each(['s/x/\\x[#ADD_INFO#]/', 's/x/\\o[#ADD_INFO#]/', 's/x/\\d[#ADD_INFO#]/', 's/x/\\c[#ADD_INFO#]/'])(
    '%s',
    (script) => {
      expect(typed(exec(`sed -i '${script}' f`), { ADD_INFO: '0a' })).toBeNull();
    },
  );

  // With POSIXLY_CORRECT, options after the script are files: -E there does not make the pattern
  // extended, so the value's | escaped as \| is alternation in the basic expression.
  it('-E after the script, POSIXLY_CORRECT set', () => {
    const template = exec('export POSIXLY_CORRECT=1') + exec("sed -i 's/A[#ADD_INFO#]B/OK/' -E f");
    expect(typed(template, { ADD_INFO: '|' })).toBeNull();
  });
});

describe('empty templates', () => {
  // No command runs, and the run reports success: the same as the empty text the commit refuses.
  it('a template of comments only is not saved active', () => {
    const saved = templateSaveSchema.safeParse({
      name: 'x',
      pluginId: 'ssh',
      executionType: 'Password change',
      active: true,
      description: '',
      content: '# placeholder: commands to come\n',
    });
    expect(saved.success).toBe(false);
  });
});
