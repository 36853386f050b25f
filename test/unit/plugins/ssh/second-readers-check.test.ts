/**
 * Where the check lets a value go to a second reader (sed's s command, a Python or Tcl console the
 * template opened), and everything around those places it still refuses. What the interpreters
 * make of the escaped values is tested on the real ones (second-readers.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';
import { parseTemplate } from '../../../../electron/plugins/ssh/template/parser';
import { substitute } from '../../../../electron/plugins/ssh/template/substitute';

const tags = { USERNAME: 'web.admin', NEW_PASSWORD: "n'&/\\.*", CURRENT_PASSWORD: 'o"$1', ADD_INFO: 'x' };

/** The problems of a template, as messages. */
const problems = (template: string): string[] =>
  checkSshTemplate(template)
    .filter((p) => p.severity !== 'warning')
    .map((p) => p.message);

/** What each input step sends. */
function sends(template: string): string[] {
  const result = substitute(parseTemplate(template).commands, tags);
  if (!result.ok) throw new Error(result.refusal.message);
  return result.steps.flatMap((s) => (s.kind === 'exec' || s.kind === 'write' ? [s.send] : []));
}

describe('a value in a sed s command', () => {
  it('is escaped for its part, then for the quotes around it', () => {
    const template = `exec "sed -i 's/pw=[#CURRENT_PASSWORD#]/pw=[#NEW_PASSWORD#]/g' f"`;
    expect(problems(template)).toEqual([]);
    // Pattern: " and $ are escaped by the regex rules ($ only); replacement: & / \ escaped.
    expect(sends(template)).toEqual([`sed -i 's/pw=o"\\$1/pw=n'\\''\\&\\/\\\\.*/g' f\n`]);
  });

  it('escapes + ? ( ) { } | too in an extended expression, and a user name’s dot everywhere', () => {
    expect(sends(`exec "sed -E 's#[#USERNAME#]+#[#ADD_INFO#]#' f"`)).toEqual([
      `sed -E 's#web\\.admin+#x#' f\n`,
    ]);
    expect(sends(`exec "sed -E 's/[#NEW_PASSWORD#]//' f"`)).toEqual([
      `sed -E 's/n'\\''&\\/\\\\\\.\\*//' f\n`,
    ]);
  });

  it.each([
    ['a file operand', `exec "sed -i 's/a/b/' [#ADD_INFO#]"`, 'goes to sed'],
    ['the e flag', `exec "sed 's/a/[#ADD_INFO#]/e' f"`, 'flags other than'],
    ['the w flag', `exec "sed 's/a/[#ADD_INFO#]/w out' f"`, 'flags other than'],
    ['a second command', `exec "sed 's/a/[#ADD_INFO#]/;e id' f"`, 'flags other than'],
    ['a bracket expression', `exec "sed 's/[ab]x[#ADD_INFO#]/y/' f"`, 'bracket expression'],
    ['an interval', `exec "sed 's/a\\\\{[#ADD_INFO#]\\\\}/y/' f"`, 'interval'],
    ['a backslash before it', `exec "sed 's/a\\\\[#ADD_INFO#]/y/' f"`, 'follows a backslash'],
    ['a delimiter regexes read', `exec "sed 's.a.[#ADD_INFO#].' f"`, 'delimiter'],
    ['an unknown option', `exec "sed --wild 's/a/[#ADD_INFO#]/' f"`, 'does not follow'],
    ['a script file', `exec "sed -f x 's/a/[#ADD_INFO#]/' f"`, 'does not follow'],
    ['an expansion in the script', `exec "sed \\"s/$A/[#ADD_INFO#]/\\" f"`, 'expansion'],
    ['an address', `exec "sed '/x/s/a/[#ADD_INFO#]/' f"`, 'not one s command'],
    ['a command piped into sh', `exec "sed 's/a/[#ADD_INFO#]/' f | sh"`, 'piped into sh'],
  ])('is refused with %s', (_name, template, reason) => {
    expect(problems(template)).toEqual([expect.stringContaining(reason)]);
  });
});

const wlst = ['exec "/u01/oracle/common/bin/wlst.sh"', 'expect "*>"'];

describe('a value on a line sent to a console', () => {
  it('is written as octal escapes inside a Python string literal', () => {
    const template = [...wlst, `exec "connect('[#USERNAME#]', u'[#NEW_PASSWORD#]')"`, 'exec "exit()"'].join(
      '\n',
    );
    expect(problems(template)).toEqual([]);
    expect(sends(template)[1]).toBe("connect('web\\056admin', u'n\\047\\046\\057\\134\\056\\052')\n");
  });

  it('is refused outside a string, in r/b/f strings, in a comment, or on a line that evaluates', () => {
    const line = (text: string) => problems([...wlst, `exec "${text}"`].join('\n'));
    expect(line('connect([#USERNAME#])')).toEqual([expect.stringContaining('outside a Python string')]);
    expect(line(`f'{[#ADD_INFO#]}'`)).toEqual([expect.stringContaining('raw, byte or formatted')]);
    expect(line(`x = 1 # '[#ADD_INFO#]'`)).toEqual([expect.stringContaining('comment')]);
    expect(line(`os.system('[#ADD_INFO#]')`)).toEqual([expect.stringContaining('can run a string as code')]);
    expect(line(`eval('[#ADD_INFO#]')`)).toEqual([expect.stringContaining('uses eval')]);
  });

  it('is read by the shell rules again after the console exits, or when no expect proves it started', () => {
    expect(problems([...wlst, 'exec "exit()"', 'exec "echo [#ADD_INFO#] | sh"'].join('\n'))).toEqual([
      expect.stringContaining('piped into sh'),
    ]);
    expect(problems(['exec "wlst.sh"', `exec "connect('[#ADD_INFO#]')"`].join('\n'))).toEqual([
      expect.stringContaining('a ( in the middle of a command'),
    ]);
    // A script argument runs the script and returns to the shell: no console.
    expect(
      problems(['exec "python3 x.py"', 'expect "*>"', `exec "f('[#ADD_INFO#]')"`].join('\n')),
    ).toHaveLength(1);
    // Nor a launcher the shell reads as part of an unfinished command.
    expect(
      problems(['exec "true |"', 'exec "python3"', 'expect ">>>"', `exec "f('[#ADD_INFO#]')"`].join('\n')),
    ).toHaveLength(1);
  });

  it('keeps a string left open refused on the lines after it', () => {
    const template = [...wlst, `exec "x = 'open"`, `exec "f('[#ADD_INFO#]')"`].join('\n');
    expect(problems(template)).toEqual([expect.stringContaining('string left open')]);
  });

  it('types a one-tag line at a prompt only when the console has read its lines whole', () => {
    expect(problems([...wlst, 'exec "[#NEW_PASSWORD#]"'].join('\n'))).toEqual([]);
    expect(sends([...wlst, 'exec "[#NEW_PASSWORD#]"'].join('\n'))[1]).toBe("n'&/\\.*\n");
    expect(problems([...wlst, 'exec "f(1,"', 'exec "[#NEW_PASSWORD#]"'].join('\n'))).toEqual([
      expect.stringContaining('outside a Python string'),
    ]);
  });

  it('in Tcl (wsadmin without -lang jython): anywhere but after a backslash, a comment or an evaluator', () => {
    const wsadmin = ['exec "wsadmin.sh -conntype SOAP -user admin"', 'expect "wsadmin>"'];
    const line = (text: string) => [...wsadmin, `exec "${text}"`].join('\n');
    const vendorShape = line('foreach rp $rps { $AdminConfig modify $rp {{value [#NEW_PASSWORD#]}} }');
    expect(problems(vendorShape)).toEqual([]);
    expect(sends(vendorShape)[1]).toContain('{{value n\\047\\046\\057\\134\\056\\052}}');
    expect(problems(line('eval puts [#ADD_INFO#]'))).toEqual([expect.stringContaining('uses eval')]);
    expect(problems(line('puts [subst x[#ADD_INFO#]]'))).toEqual([expect.stringContaining('uses subst')]);
    expect(problems(line('# [#ADD_INFO#]'))).toEqual([expect.stringContaining('comment')]);
    expect(problems(line('puts \\\\[#ADD_INFO#]'))).toEqual([expect.stringContaining('backslash')]);
    // Outside braces: an argument, never the command's name or a variable's.
    for (const text of [
      '[#ADD_INFO#] x',
      'puts [[#ADD_INFO#]]',
      'puts "[x[#ADD_INFO#] y]"',
      'x; [#ADD_INFO#]',
    ])
      expect(problems(line(text)), text).toEqual([expect.stringContaining('name of a Tcl command')]);
    expect(problems(line('puts $[#ADD_INFO#]'))).toEqual([expect.stringContaining('variable name')]);
    expect(problems(line('puts [lindex [list [#ADD_INFO#]] 0]'))).toEqual([]);
    // In braces only as an attribute pair in a list: elsewhere it may never be read again.
    for (const text of [
      'puts {[#ADD_INFO#]}',
      'set x {a [#ADD_INFO#]}',
      'x {{a b [#ADD_INFO#]}}',
      'x {{a {[#ADD_INFO#]}}}',
    ])
      expect(problems(line(text)), text).toEqual([expect.stringContaining('inside {…}')]);
    expect(problems([...wsadmin, 'exec "x {{a [#ADD_INFO#]"'].join('\n'))).toEqual([
      expect.stringContaining('inside {…}'),
    ]);
    // -lang jython is Python: the same line is outside a string there.
    const jython = ['exec "wsadmin.sh -lang jython"', 'expect "wsadmin>"', 'exec "print [#ADD_INFO#]"'];
    expect(problems(jython.join('\n'))).toEqual([expect.stringContaining('outside a Python string')]);
  });
});
