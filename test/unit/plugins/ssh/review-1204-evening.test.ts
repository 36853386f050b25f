/**
 * The attack review of the evening of 4 December on d0e238f..80e0d9e (runners past four deep,
 * sudo's -B/-N, pkexec -u, the command-string cache key, a comment's trailing `\`, a write's
 * blanks before exit() and its trailing `\`). Those changes held: sudo's grouped and attached
 * options (`-Nu root`, `-uroot`, `--user=root`, `--no-up`), pkexec -u, chains of four, five and six
 * runners and wrappers, and `# … \` before a launcher were all read as bash 5.2 reads them. What
 * failed is where a console's end is believed: each row below is a template the check accepted
 * while the console did not end where the check thought it did, so that the lines after its
 * `exit` reached another reader than the one the check followed, and a value ran as code there.
 *
 * Found against bash 5.2.15, Python 3.11.7 and tclsh 8.6.13: each template was substituted with
 * substitute.ts and typed into `bash --norc -i` in a pseudo terminal (python pty), one line after
 * the other as the SSH session types them; the comment says what ran. The value was
 * `$(touch /tmp/atk2/pwned)` for bash, `__import__('os').system('touch …')` for Python and
 * `[exec touch …]` for Tcl; each run created the file.
 */
import { describe, expect, it } from 'vitest';
import { checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';
import { exec, lines } from './support/second-reader-rows';

const write = (line: string): string => `write "${line.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** The errors of a template (its warnings left out). */
const errors = (template: string): string[] =>
  checkSshTemplate(template)
    .filter((p) => p.severity !== 'warning')
    .map((p) => p.message);

/**
 * Lines the check reads as the shell's once the console has exited; a console still reading them
 * runs the value: Python runs the body line `1;<value>` as code, Tcl substitutes the `[…]` of a
 * value in quotes.
 */
const afterExit = [
  exec("cat <<'EOF' > /dev/null"),
  exec('1;[#ADD_INFO#]'),
  exec('EOF'),
  exec("echo '[#ADD_INFO#]'"),
];

/**
 * Lines a console reads while the check takes them for its own, and that leave bash, once the
 * console is gone, inside a single quote (`'\''`); the check's exit then hands it the line
 * `echo '<value>'`, whose first quote ends bash's, and `# '` closes the one the value's last opens.
 */
const quoteFlip = (exit: string, expectBack: string): string[] => [
  exec("'\\''"),
  exec(exit),
  `expect "${expectBack}"`,
  exec("echo '[#ADD_INFO#]'"),
  exec("# '"),
];

describe('a Python console whose exit() the check believed while Python went on reading', () => {
  const python = [exec('python3'), 'expect ">>>"'];

  // Python read `# exit()`, a comment, and stayed at its prompt; the body line ran the value.
  // PythonReader.clean left the open comment out (a comment adds nothing to the line's code).
  it('write "# " then exec "exit()": the exit is in a comment', () => {
    expect(errors(lines(...python, write('# '), exec('exit()'), 'expect ">"', ...afterExit))).not.toEqual([]);
  });

  it('write "#" then exec "exit()": the same without a blank', () => {
    expect(errors(lines(...python, write('#'), exec('exit()'), 'expect ">"', ...afterExit))).not.toEqual([]);
  });

  // license() pages its text and reads each page's answer from the terminal: `exit()` was read
  // as "more", `q` ended the pager, and Python ran the body line.
  it('license() reads the next lines itself: the exit after it is not believed', () => {
    expect(
      errors(lines(...python, exec('license()'), exec('exit()'), 'expect "*"', exec('q'), ...afterExit)),
    ).not.toEqual([]);
  });
});

describe('a console that ended where the check did not see an exit', () => {
  // Python left on `raise SystemExit` (exitWords looks for exit as a whole word only); bash then
  // read `'\''` and opened a quote, which the value's line closed: $(…) ran.
  it.each(['raise SystemExit', 'raise SystemExit(0)'])('python3: %s', (leave) => {
    expect(
      errors(lines(exec('python3'), 'expect ">>>"', exec(leave), ...quoteFlip('exit()', '>'))),
    ).not.toEqual([]);
  });

  // tclsh resolves `\i` to `i` and runs a command whose name a substitution builds: each of these
  // ran exit, and bash read the rest as above.
  it.each([
    'ex\\it',
    '[string cat ex it]',
    '[format %sit ex]',
    'ex[string cat it]',
    '"[string cat ex it]"',
    '{*}[list ex\\it]',
  ])('tclsh: %s', (leave) => {
    expect(errors(lines(exec('tclsh'), 'expect "%"', exec(leave), ...quoteFlip('exit', '>')))).not.toEqual(
      [],
    );
  });

  it('tclsh: set n ex; set m it; $n$m', () => {
    const template = lines(
      exec('tclsh'),
      'expect "%"',
      exec('set n ex'),
      exec('set m it'),
      exec('$n$m'),
      ...quoteFlip('exit', '>'),
    );
    expect(errors(template)).not.toEqual([]);
  });

  it('wsadmin: a command name built at run time is not believed either', () => {
    const template = lines(
      exec('wsadmin.sh'),
      'expect "wsadmin>"',
      exec('[string cat ex it]'),
      ...quoteFlip('exit', '>'),
    );
    expect(errors(template)).not.toEqual([]);
  });
});

describe('a Tcl console that started another reader of the terminal', () => {
  // An interactive tclsh runs an unknown command as a program on the terminal: `sh` read `exit`
  // and left, tclsh read the next line and substituted the value's [exec touch …].
  it('tclsh: sh, then exit', () => {
    expect(
      errors(lines(exec('tclsh'), 'expect "%"', exec('sh'), exec('exit'), 'expect "*"', ...afterExit)),
    ).not.toEqual([]);
  });

  // `gets stdin` read the `exit` line as data; tclsh then read the value's line as Tcl.
  it.each([
    ['tclsh', '%'],
    ['wsadmin.sh', 'wsadmin>'],
  ])('%s: gets stdin, then exit', (launcher, prompt) => {
    const template = lines(
      exec(launcher),
      `expect "${prompt}"`,
      exec('gets stdin'),
      exec('exit'),
      'expect "*"',
      ...afterExit,
    );
    expect(errors(template)).not.toEqual([]);
  });
});

describe('what the fixes leave accepted', () => {
  it('believes exit() after a write of nothing', () => {
    expect(
      errors(
        lines(
          exec('python3'),
          'expect ">>>"',
          write(''),
          exec('exit()'),
          'expect "$"',
          exec("echo '[#ADD_INFO#]'"),
        ),
      ),
    ).toEqual([]);
  });

  it('believes exit() after a comment line that ended', () => {
    expect(
      errors(
        lines(
          exec('python3'),
          'expect ">>>"',
          exec('# done'),
          exec('exit()'),
          'expect "$"',
          exec("echo '[#ADD_INFO#]'"),
        ),
      ),
    ).toEqual([]);
  });

  // The vendor's WebSphere template: an expression `{[regexp …] == 1}` and `$AdminConfig` names.
  it("follows the vendor's WebSphere session to its exit", () => {
    const template = lines(
      exec('wsadmin.sh'),
      'expect "wsadmin>"',
      exec('set ds [$AdminConfig getid /DataSource:[#ADD_INFO#]/]'),
      exec('set ps [$AdminConfig showAttribute $ds propertySet]'),
      exec('set rps [lindex [$AdminConfig showAttribute $ps resourceProperties] 0]'),
      exec(
        'foreach rp $rps { if {[regexp "^password\\\\(" $rp] == 1} { puts $rp ; $AdminConfig modify $rp {{value [#NEW_PASSWORD#]}}; }}',
      ),
      exec('$AdminConfig save'),
      exec('exit'),
      'expect "$"',
      exec("echo '[#ADD_INFO#]'"),
    );
    expect(errors(template)).toEqual([]);
  });

  it('believes a plain tclsh exit after Tcl commands only', () => {
    expect(
      errors(
        lines(
          exec('tclsh'),
          'expect "%"',
          exec('set x 1'),
          exec('puts $x'),
          exec('exit'),
          'expect "$"',
          exec("echo '[#ADD_INFO#]'"),
        ),
      ),
    ).toEqual([]);
  });

  // Over-refusal left by the fix: TclReader reads every brace group as a script, so a braced
  // list's first word (`a` in `set l {a b}`) is taken for a command that is not Tcl's, which a
  // plain tclsh would run as a program; its exit is then not believed. A plain tclsh's values are
  // never followed, so only the lines after its exit are lost; telling data from a body would
  // need to know which argument of which command is a script.
  it.fails('believes a plain tclsh exit after a braced list', () => {
    expect(
      errors(
        lines(
          exec('tclsh'),
          'expect "%"',
          exec('set l {a b}'),
          exec('exit'),
          'expect "$"',
          exec("echo '[#ADD_INFO#]'"),
        ),
      ),
    ).toEqual([]);
  });
});
