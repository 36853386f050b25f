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
  it('is written as octal escapes inside a Python string that is a whole argument of a call', () => {
    const template = [...wlst, `exec "connect('[#USERNAME#]', u'[#NEW_PASSWORD#]')"`, 'exec "exit()"'].join(
      '\n',
    );
    expect(problems(template)).toEqual([]);
    expect(sends(template)[1]).toBe("connect('web\\056admin', u'n\\047\\046\\057\\134\\056\\052')\n");
  });

  it('is refused outside such a string, in r/b/f strings, in a comment, or in a session that evaluates', () => {
    const line = (...texts: string[]) => problems([...wlst, ...texts.map((t) => `exec "${t}"`)].join('\n'));
    expect(line('connect([#USERNAME#])')).toEqual([expect.stringContaining('outside a Python string')]);
    expect(line(`f(f'{[#ADD_INFO#]}')`)).toEqual([expect.stringContaining('raw, byte or formatted')]);
    expect(line(`x = 1 # '[#ADD_INFO#]'`)).toEqual([expect.stringContaining('comment')]);
    for (const text of [
      `x = '[#ADD_INFO#]'`,
      `f('%s' % '[#ADD_INFO#]')`,
      `f('[#ADD_INFO#]' % x)`,
      `f(a='[#ADD_INFO#]')`,
    ])
      expect(line(text), text).toEqual([expect.stringContaining('not a whole argument of a call')]);
    expect(line(`os.system('[#ADD_INFO#]')`)).toEqual([expect.stringContaining('uses os')]);
    // The session rule: an evaluator or an import anywhere in the console refuses every value.
    expect(line('from subprocess import run', `run('[#ADD_INFO#]')`)).toEqual([
      expect.stringContaining('uses import'),
    ]);
    expect(line(`f('[#ADD_INFO#]')`, 'y = __builtins__')).toEqual([expect.stringContaining('__name__')]);
  });

  it('is read by the shell rules again after the console exits and an expect, never before', () => {
    const back = [...wlst, 'exec "exit()"', 'expect "*#"', 'exec "echo [#ADD_INFO#] | sh"'];
    expect(problems(back.join('\n'))).toEqual([expect.stringContaining('piped into sh')]);
    expect(problems([...wlst, 'exec "exit()"', 'exec "echo [#ADD_INFO#]"'].join('\n'))).toEqual([
      expect.stringContaining("after a console's exit"),
    ]);
    // An exit inside a block may not run; another way out is not followed: values refused after.
    for (const lines of [
      ['exec "if x:"', 'exec "    exit()"', 'exec ""'],
      ['exec "sys.exit(0)"'],
      ['exec "exit(\'y\')"'],
    ])
      expect(problems([...wlst, ...lines, `exec "f('[#ADD_INFO#]')"`].join('\n')), lines[0]).toEqual([
        expect.stringMatching(/may leave the console|uses sys/),
      ]);
  });

  it('is refused after a console started any way this check does not follow, until the end', () => {
    for (const launcher of [
      'env tclsh',
      'sudo -u was wsadmin.sh',
      'tclsh8.6 -encoding utf-8',
      'python3 -X dev',
    ])
      expect(
        problems(
          [
            `exec "${launcher}"`,
            'expect "%"',
            `exec "f('[#ADD_INFO#]')"`,
            'exec "exit"',
            'expect "#"',
            'exec "echo [#ADD_INFO#]"',
          ].join('\n'),
        ),
        launcher,
      ).toEqual([expect.stringContaining('started in a way'), expect.stringContaining('started in a way')]);
    // Without an expect nothing proves where the next line goes, the console or the shell.
    expect(problems(['exec "wlst.sh"', `exec "connect('[#ADD_INFO#]')"`].join('\n'))).toEqual([
      expect.stringContaining('a console with no expect after its start'),
    ]);
    // A script, -c, -m or --version runs and returns to the shell: no console.
    for (const launcher of ['python3 x.py', 'python3 -V', 'python3 -c pass'])
      expect(
        problems([`exec "${launcher}"`, 'expect "#"', 'exec "echo [#ADD_INFO#] | sh"'].join('\n')),
        launcher,
      ).toEqual([expect.stringContaining('piped into sh')]);
  });

  it('keeps a string left open refused on the lines after it', () => {
    const template = [...wlst, `exec "x = 'open"`, `exec "f('[#ADD_INFO#]')"`].join('\n');
    expect(problems(template)).toEqual([expect.stringContaining('string left open')]);
  });

  it('refuses a line that is exactly one tag: the console reads it as code', () => {
    expect(problems([...wlst, 'exec "[#NEW_PASSWORD#]"'].join('\n'))).toEqual([
      expect.stringContaining('outside a Python string'),
    ]);
  });

  it("in Tcl (wsadmin's Jacl): only a plain argument of a wsadmin object, or an attribute pair's value", () => {
    const wsadmin = ['exec "wsadmin.sh -conntype SOAP -user admin"', 'expect "wsadmin>"'];
    const line = (text: string) => [...wsadmin, `exec "${text}"`].join('\n');
    const vendorShape = line(
      'foreach rp $rps { if {[regexp \\"^p\\" $rp]} { $AdminConfig modify $rp {{value [#NEW_PASSWORD#]}}; } }',
    );
    expect(problems(vendorShape)).toEqual([]);
    expect(sends(vendorShape)[1]).toContain('{{value n\\047\\046\\057\\134\\056\\052}}');
    expect(problems(line('set ds [$AdminConfig getid /DataSource:[#ADD_INFO#]/]'))).toEqual([]);
    for (const text of [
      'puts [#ADD_INFO#]',
      'puts {[#ADD_INFO#]}',
      'puts "[#ADD_INFO#]"',
      '[#ADD_INFO#] x',
      '$AdminConfig [#ADD_INFO#] x',
      'puts $[#ADD_INFO#]',
      'set x {a [#ADD_INFO#]}',
      'x {{a [#ADD_INFO#]}}',
      '$AdminConfig modify $rp {{a b [#ADD_INFO#]}}',
      '$AdminConfig modify $rp "{{a [#ADD_INFO#]}}"',
      'if 1 "$AdminConfig modify $rp {{a [#ADD_INFO#]}}"',
      '$AdminConfig modify $rp {{a [#ADD_INFO#]}',
    ])
      expect(problems(line(text)), text).toEqual([expect.stringContaining('outside the forms')]);
    expect(problems(line('catch {$AdminConfig modify $rp {{a [#ADD_INFO#]}}}'))).toEqual([
      expect.stringContaining('uses catch'),
    ]);
    expect(problems(line('\\\\eval {$AdminConfig modify $rp {{a [#ADD_INFO#]}}}'))).toEqual([
      expect.stringContaining('uses eval'),
    ]);
    // -lang jython is Python: the same line is outside a string there.
    const jython = ['exec "wsadmin.sh -lang jython"', 'expect "wsadmin>"', 'exec "print [#ADD_INFO#]"'];
    expect(problems(jython.join('\n'))).toEqual([expect.stringContaining('outside a Python string')]);
  });
});
