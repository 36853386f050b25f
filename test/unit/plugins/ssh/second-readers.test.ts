/**
 * Values read by a second reader after the shell (MATCHING.md, "Tag values"): a tag inside a sed
 * `s` command, and a tag on a line sent to a Python or Tcl console the template opened. Each
 * prepared line is run by the real interpreter, as shell-quoting.test.ts runs a real bash, and
 * every value must come out exactly as it went in, with nothing else run.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';
import { consoleEscape } from '../../../../electron/plugins/ssh/template/console-session';
import { parseTemplate } from '../../../../electron/plugins/ssh/template/parser';
import { substitute } from '../../../../electron/plugins/ssh/template/substitute';
import { hasControlCharacter, isPrintableAscii } from '../../../../electron/plugins/ssh/template/tag-values';
import { hostileValues } from '../../../support/hostile-values';
import { makeTempDir } from '../../../support/temp-dir';

/** Values that would run `touch MARKER` if a reader took them as code. */
const markerValues = [
  '$(touch MARKER)',
  '`touch MARKER`',
  "';touch MARKER;'",
  '";touch MARKER;"',
  '[exec touch MARKER]',
  '"; exec touch MARKER; "',
  '}; exec touch MARKER; {',
  "'+__import__('os').system('touch MARKER')+'",
  '"+__import__("os").system("touch MARKER")+"',
  "\\';__import__('os').system('touch MARKER')#",
  'x/e;touch MARKER',
  'x/;1e touch MARKER',
];

/** Sed delimiters and specials, and what Python and Tcl read in strings and words. */
const ownValues = [
  ...['/', '#', ',', ':', '@', '%', ';', '=', '_', '~'],
  ...['&', '\\1', '\\n', "'\\''", '$(id)', ']', '{', '}', '[exec id]', '\\101', '%s', 'a\\'],
  ...['.*', '^x$', 'a+b?c(d)|e', '{1,2}', '\\{1\\}', '\\(x\\)', 'a b', '\\x41\\u0041', '{*}x', '$x'],
];

/** Printable ASCII only: any other value is refused before a second reader sees it (substitute.ts). */
const values = [...new Set([...hostileValues.map((h) => h.value), ...ownValues, ...markerValues])].filter(
  (v) => isPrintableAscii(v) && !hasControlCharacter(v) && v !== '' && v.length < 1000,
);

/** A template `exec "…"` line whose string is `text` (the parser's `\"` and `\\`). */
const execLine = (text: string): string => `exec "${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

/** Templates the editor's check accepted (checked once each: the check does not see values). */
const accepted = new Set<string>();

/** What the plugin sends for the template's step `index`, with these tag values. */
function sendOf(template: string, index: number, tags: Record<string, string>): string {
  if (!accepted.has(template)) expect(checkSshTemplate(template)).toEqual([]);
  accepted.add(template);
  const result = substitute(parseTemplate(template).commands, tags);
  if (!result.ok) throw new Error(`refused ${JSON.stringify(tags)}: ${result.refusal.message}`);
  const step = result.steps[index];
  if (step?.kind !== 'exec') throw new Error(`step ${index} is not an exec`);
  return step.send;
}

interface Run {
  readonly stdout: string;
  readonly stderr: string;
}

/** One interpreter process, bounded: a hung one fails the test rather than the suite. */
function run(command: string, args: readonly string[], input: string, cwd: string): Run {
  const result = spawnSync(command, args, {
    input,
    cwd,
    encoding: 'utf8',
    timeout: 20_000,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, LC_ALL: 'C' },
  });
  if (result.error !== undefined) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr };
}

let dir: { path: string; remove: () => void };
beforeEach(() => {
  dir = makeTempDir('second-readers-');
});
afterEach(() => {
  const markers = readdirSync(dir.path, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('MARKER'),
  );
  expect(markers, 'a value ran touch MARKER').toEqual([]);
  dir.remove();
});

describe('a value inside a sed s command reaches a real GNU sed literally', () => {
  const line = (value: string): string => `<user username="admin" password="${value}"/>\n`;
  // [shell command, the password the file must hold afterwards given CURRENT and NEW]
  const templates: [string, (current: string, next: string) => string][] = [
    [`sed -i 's/password="[#CURRENT_PASSWORD#]"/password="[#NEW_PASSWORD#]"/' f`, (_c, n) => n],
    [`sed -i "s/password=\\"[#CURRENT_PASSWORD#]\\"/password=\\"[#NEW_PASSWORD#]\\"/" f`, (_c, n) => n],
    [`sed -E -i 's/password="[#CURRENT_PASSWORD#]"/password="[#NEW_PASSWORD#]"/' f`, (_c, n) => n],
    [`sed -i -E "s/password=\\"[#CURRENT_PASSWORD#]\\"/password=\\"[#NEW_PASSWORD#]\\"/g" f`, (_c, n) => n],
    [`sed -i 's#password="[#CURRENT_PASSWORD#]"#password="[#NEW_PASSWORD#]"#' f`, (_c, n) => n],
    [`sed -Ei 's,password="[#CURRENT_PASSWORD#]",password="[#NEW_PASSWORD#]",' f`, (_c, n) => n],
    [`sed -i 's/password="[#CURRENT_PASSWORD#]"/password="fixed"/' f`, () => 'fixed'],
    [`sed -i 's/password=".*"/password="[#NEW_PASSWORD#]"/' f`, (_c, n) => n],
  ];

  it.each(templates)('%s', (shell, expected) => {
    const template = execLine(shell);
    // Every value is once CURRENT and once NEW; one bash runs every line, each in its own folder.
    const pairs = values.map((current, i) => [current, values[(i + 1) % values.length] ?? ''] as const);
    const script = pairs
      .map(([current, next], i) => {
        mkdirSync(join(dir.path, `${i}`));
        writeFileSync(join(dir.path, `${i}`, 'f'), line(current));
        const send = sendOf(template, 0, { CURRENT_PASSWORD: current, NEW_PASSWORD: next });
        return `cd '${dir.path}/${i}'\n${send}`;
      })
      .join('');
    const { stderr } = run('bash', ['--norc', '-c', script], '', dir.path);
    const files = pairs.map((_, i) => readFileSync(join(dir.path, `${i}`, 'f'), 'utf8'));
    expect(files, stderr).toEqual(pairs.map(([current, next]) => line(expected(current, next))));
    expect(stderr).toBe('');
  });
});

/** A console conversation: launch, expect its prompt, one line with the tag, exit. */
const conversation = (launch: string, prompt: string, text: string, exit: string): string =>
  [execLine(launch), `expect "${prompt}"`, execLine(text), execLine(exit)].join('\n');

/**
 * Every value's console line, each followed by `separator` (a line printing a newline: values
 * hold none), through one interpreter reading its input as a script; the outputs, split.
 */
function throughConsole(
  template: (text: string) => string,
  text: string,
  separator: string,
  interpreter: readonly [string, ...string[]],
  preamble = '',
): { outputs: string[]; stderr: string } {
  const input =
    preamble +
    values.map((value) => `${sendOf(template(text), 2, { NEW_PASSWORD: value })}${separator}\n`).join('');
  const [command, ...args] = interpreter;
  const { stdout, stderr } = run(command, args, input, dir.path);
  return { outputs: stdout.split('\n').slice(0, -1), stderr };
}

describe('a value on a line sent to a Python console reaches a real python3 literally', () => {
  const python = (text: string): string => conversation('python3', '>>>', text, 'exit()');
  // A value is followed only as a whole string argument of a call (python-reader.ts).
  const lines: [string, (value: string) => string][] = [
    ["print('[#NEW_PASSWORD#]', end='')", (v) => v],
    ['print("[#NEW_PASSWORD#]", end="")', (v) => v],
    ["print(u'[#NEW_PASSWORD#]', end='')", (v) => v],
    ["print('a[#NEW_PASSWORD#]b', end='')", (v) => `a${v}b`],
    ["print('''[#NEW_PASSWORD#]''', end='')", (v) => v],
    ["print('x', '[#NEW_PASSWORD#]', sep='', end='')", (v) => `x${v}`],
  ];

  it.each(lines)('%s', (text, expected) => {
    const { outputs, stderr } = throughConsole(python, text, 'print()', ['python3', '-']);
    expect(outputs, stderr).toEqual(values.map(expected));
    expect(stderr).toBe('');
  });
});

describe('a value on a line sent to a Tcl console reaches a real tclsh literally', () => {
  const wsadmin = (text: string): string =>
    conversation('wsadmin.sh -conntype SOAP', 'wsadmin>', text, 'exit');
  // wsadmin's AdminConfig, played by tclsh: it reads its last argument as wsadmin does (a list of
  // attribute pairs, each a list), or prints a plain argument as it received it.
  const admin = [
    'proc admin {method args} {',
    '  if {$method eq "modify"} { puts -nonewline [lindex [lindex [lindex $args end] 0] 1] }',
    '  if {$method eq "getid"} { puts -nonewline [lindex $args 0] }',
    '}',
    'set AdminConfig admin',
    '',
  ].join('\n');
  // The vendor's WebSphere shape: an attribute pair in a list, also inside an if's body.
  const lines: [string, (value: string) => string][] = [
    ['$AdminConfig modify $ds {{value [#NEW_PASSWORD#]}}', (v) => v],
    ['if {1 == 1} { $AdminConfig modify $ds {{value [#NEW_PASSWORD#]}}; }', (v) => v],
  ];

  it.each(lines)('%s', (text, expected) => {
    const { outputs, stderr } = throughConsole(wsadmin, `set ds x; ${text}`, 'puts ""', ['tclsh'], admin);
    expect(outputs, stderr).toEqual(values.map(expected));
    expect(stderr).toBe('');
  });

  // A containment path, which wsadmin reads itself: only values without its syntax (or a blank).
  it('$AdminConfig getid /DataSource:[#NEW_PASSWORD#]/ (a value with - first, a blank or / : # [ ] { } " \\ ; $ refused)', () => {
    const plain = values.filter((v) => !/[\s/:#[\]{}"\\;$]/.test(v) && !v.startsWith('-'));
    const template = wsadmin('$AdminConfig getid /DataSource:[#NEW_PASSWORD#]/');
    const input =
      admin + plain.map((value) => `${sendOf(template, 2, { NEW_PASSWORD: value })}puts ""\n`).join('');
    const { stdout, stderr } = run('tclsh', [], input, dir.path);
    expect(stdout.split('\n').slice(0, -1), stderr).toEqual(plain.map((v) => `/DataSource:${v}/`));
    for (const value of values.filter((v) => !plain.includes(v)))
      expect(() => sendOf(template, 2, { NEW_PASSWORD: value }), value).toThrow(/wsadmin reads itself/);
  });
});

describe('an escaped console value is inert', () => {
  const everyValue = [...new Set([...hostileValues.map((h) => h.value), ...ownValues, ...markerValues])];

  it('holds only letters, digits and backslashes, for every hostile value', () => {
    for (const value of everyValue)
      expect(consoleEscape(value), JSON.stringify(value)).toMatch(/^[A-Za-z0-9\\]*$/);
  });

  it('runs nothing in a shell, unquoted or in either quotes (the console did not start)', () => {
    const escaped = values.map(consoleEscape);
    const script = escaped.map((e) => `printf '%s|' ${e} '${e}' "${e}"; printf '\\n'\n`).join('');
    const { stdout, stderr } = run('bash', ['--norc', '-c', script], '', dir.path);
    // Unquoted, the shell drops each backslash; inside quotes a backslash before a digit stays.
    expect(stdout.split('\n').slice(0, -1), stderr).toEqual(
      escaped.map((e) => `${e.replaceAll('\\', '')}|${e}|${e}|`),
    );
  });

  it('runs nothing when the whole console line reaches a shell instead of the console', () => {
    const python = (text: string): string => conversation('python3', '>>>', text, 'exit()');
    const tcl = (text: string): string => conversation('wsadmin.sh', 'wsadmin>', text, 'exit');
    const templates = [
      python("print('[#NEW_PASSWORD#]', end='')"),
      python('print("a[#NEW_PASSWORD#]b", end="")'),
      tcl('$AdminConfig modify $ds {{value [#NEW_PASSWORD#]}}'),
    ];
    // Each line read alone (sourced in a subshell), so that one line's open quote cannot hide the
    // next. The values that try to run something, and quotes: the test above has every value.
    const tried = [...markerValues, "'", '"', '`', 'a\'b"c', '\\'];
    mkdirSync(join(dir.path, 'lines'));
    templates.forEach((template, t) =>
      tried.forEach((value, i) =>
        writeFileSync(join(dir.path, 'lines', `${t}-${i}.sh`), sendOf(template, 2, { NEW_PASSWORD: value })),
      ),
    );
    // For bash each line is a syntax error or an unknown command (puts): only its errors print.
    const loop = 'for f in lines/*.sh; do (. "./$f"); done';
    const { stdout } = run('bash', ['--norc', '-c', loop], '', dir.path);
    expect(stdout).toBe('');
  });
});
