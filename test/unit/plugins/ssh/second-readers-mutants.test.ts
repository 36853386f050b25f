/**
 * The second readers' edges, one behaviour each (issue 15: the mutation score of the "ssh second
 * readers" module): which sed options and scripts the check follows, which exec lines open a
 * console, and where a value in a Python or Tcl console line is followed or refused, with the
 * exact reason. second-readers-check.test.ts holds the main cases.
 */
import { describe, expect, it } from 'vitest';
import type { CommandWord } from '../../../../electron/plugins/ssh/template/command-rules';
import { consoleEscape, consoleOpenedBy } from '../../../../electron/plugins/ssh/template/console-session';
import { pythonReasons } from '../../../../electron/plugins/ssh/template/python-reader';
import { readSedCommand, sedEscape } from '../../../../electron/plugins/ssh/template/sed-script';
import { tclReasons } from '../../../../electron/plugins/ssh/template/tcl-reader';
import { exec, lines, problems, refusal, sedRefusal, sendsWith } from './support/second-reader-rows';

/** What each step sends with this file's value of ADD_INFO, or null when the run refuses it. */
const sends = (template: string): string[] | null => sendsWith(template, 'a+?(){}|.');

describe('sed: the options that make the pattern extended', () => {
  it.each(['-E', '-r', '--regexp-extended', '-nE', '-nr', '-Ez'])(
    '%s escapes + ? ( ) { } | too',
    (option) => {
      expect(sends(exec(`sed ${option} 's/[#ADD_INFO#]/y/' f`))).toEqual([
        `sed ${option} 's/a\\+\\?\\(\\)\\{\\}\\|\\./y/' f\n`,
      ]);
    },
  );

  it.each(['-n', '-s', '-u', '-z', '--quiet', '--posix', '--in-place=.bak', '-i.bakE', '-ni'])(
    '%s leaves a basic expression, where those characters are literal',
    (option) => {
      expect(sends(exec(`sed ${option} 's/[#ADD_INFO#]/y/' f`))).toEqual([
        `sed ${option} 's/a+?(){}|\\./y/' f\n`,
      ]);
    },
  );

  it.each([
    ['-E', '-E or -r comes after its script, where sed may read it as a file name'],
    ['-nE', '-E or -r comes after its script, where sed may read it as a file name'],
    ['-rn', '-E or -r comes after its script, where sed may read it as a file name'],
    ['--regexp-extended', '-E or -r comes after its script, where sed may read it as a file name'],
    ['-E1', 'its option -1 is one this check does not follow'],
    ['--E', 'its option --E is one this check does not follow'],
    ['--wild', 'its option --wild is one this check does not follow'],
    ['-x', 'its option -x is one this check does not follow'],
  ])('after the script, %s is refused', (option, why) => {
    expect(problems(exec(`sed 's/[#ADD_INFO#]/y/' ${option} f`))).toEqual([sedRefusal(why)]);
  });

  it('reads words after -- as operands: a later -E is a file name, not an option', () => {
    expect(sends(exec(`sed -n -- 's/[#ADD_INFO#]/y/' -E`))).toEqual([`sed -n -- 's/a+?(){}|\\./y/' -E\n`]);
  });

  it('reads a lone - as an operand (standard input), so it is the script there', () => {
    expect(problems(exec(`sed - 's/a/[#ADD_INFO#]/'`))).toEqual([
      sedRefusal('its script is not one s command with a / # , : @ % ; = _ or ~ delimiter'),
    ]);
    expect(problems(exec(`sed 's/a/[#ADD_INFO#]/' -`))).toEqual([]);
  });
});

/** A word of a sed command as the shell reader gives it; `\0` stands for a tag's value. */
const word = (marked: string, expanded = false): CommandWord => {
  const known = !expanded && !marked.includes('\0');
  return { text: known ? marked : '', known, expanded, redirect: false, assignment: false, marked };
};

describe('readSedCommand', () => {
  const layer = { kind: 'sed', part: 'pattern', extended: false, delimiter: '/' } as const;

  it('finds the script among the operands, and a value in each part', () => {
    const script = word('s/\0/\0/g');
    expect(readSedCommand([word('-n'), script, word('f'), word('-\0', true)])).toEqual({
      ok: true,
      script,
      layers: [layer, { ...layer, part: 'replacement' }],
    });
    // After --, a word starting with - is an operand even when a value is in it.
    expect(readSedCommand([word('--'), script, word('-\0')]).ok).toBe(true);
    expect(readSedCommand([script, word('\0-')]).ok).toBe(true);
  });

  it.each([
    ['a value in an option', [word('-\0'), word('s/a/b/')], 'a value sits in one of its options'],
    ['no script', [word('-n')], 'its script is not in the command'],
    ['an expanded script', [word('s/$a/\0/', true)], 'its script holds an expansion'],
    ['an unclosed s', [word('s/a/\0')], 'its s command is not closed'],
    [
      'a backslash ending the script',
      [word('s/\0/a\\')],
      'a value follows a backslash, which would escape it',
    ],
    [
      'a backslash before a value',
      [word('s/a\\\0/b/')],
      'a value follows a backslash, which would escape it',
    ],
    [
      '\\x before a value',
      [word('s/\\x\0/b/')],
      'a value follows \\x, which would take its first characters',
    ],
    [
      '\\c before a value',
      [word('s/a/\\c\0/')],
      'a value follows \\c, which would take its first characters',
    ],
  ])('refuses %s', (_name, args, why) => {
    expect(readSedCommand(args)).toEqual({
      ok: false,
      reason: `goes to sed, which runs its script as code, and ${why} (quoting does not hold there)`,
    });
  });

  it('takes \\x, \\o, \\d or \\c when the value is not right after them', () => {
    expect(readSedCommand([word('s/\\x41\0/b/')]).ok).toBe(true);
    expect(readSedCommand([word('s/\\n\0/b/')]).ok).toBe(true);
  });

  it('reads only an s command: another with the same shape is not one', () => {
    expect(readSedCommand([word('y/a/\0/')])).toEqual({
      ok: false,
      reason:
        'goes to sed, which runs its script as code, and its script is not one s command with a / # , : @ % ; = _ or ~ delimiter (quoting does not hold there)',
    });
  });

  it('trims the script as sed does before reading it', () => {
    expect(readSedCommand([word(' s/\0/b/ ')]).ok).toBe(true);
  });

  const interval = 'a value sits inside an interval {…}, where escaping does not make it literal';
  const bracket = 'its pattern has a bracket expression […], which this check does not follow';
  it.each([
    ['a basic interval', ['s/a\\{\0\\}/b/'], interval],
    ['an extended interval', ['-E', 's/a{\0}/b/'], interval],
    ['a basic interval after an escaped character', ['s/a\\{\\.\0\\}/b/'], interval],
    ['an extended interval after a count', ['-E', 's/a{2\0}/b/'], interval],
    ['a bracket expression', ['s/[a]\0/b/'], bracket],
    ['a script with a bracket expression', ['s/[a]/\0/'], bracket],
  ])('refuses a value in %s', (_name, texts, why) => {
    expect(readSedCommand(texts.map((t) => word(t)))).toEqual({
      ok: false,
      reason: `goes to sed, which runs its script as code, and ${why} (quoting does not hold there)`,
    });
  });

  it.each([
    ['after a basic interval closes', ['s/a\\{2\\}\0/b/']],
    ['after an extended interval closes', ['-E', 's/a{2}\0/b/']],
    ['in braces a basic expression reads as characters', ['s/a{\0}/b/']],
    ['after escaped braces of an extended expression', ['-E', 's/a\\{\0\\}/b/']],
    ['in the replacement after braces', ['-E', 's/a/{\0}/']],
    ['in the replacement after escaped braces', ['s/a/\\{\0\\}/']],
    ['with a bracket in the replacement', ['s/a/[\0]/']],
  ])('follows a value %s', (_name, texts) => {
    expect(readSedCommand(texts.map((t) => word(t))).ok).toBe(true);
  });

  it('a bracket expression with no value anywhere leaves nothing to refuse', () => {
    expect(readSedCommand([word('s/[a]/b/')])).toEqual({ ok: true, script: word('s/[a]/b/'), layers: [] });
  });
});

describe('sedEscape', () => {
  const layer = { kind: 'sed', part: 'pattern', extended: false, delimiter: '#' } as const;
  it('escapes the delimiter and what the part gives a meaning to', () => {
    expect(sedEscape('a#/.+&\\', layer)).toBe('a\\#/\\.+&\\\\');
    expect(sedEscape('a#/.+&\\', { ...layer, extended: true })).toBe('a\\#/\\.\\+&\\\\');
    expect(sedEscape('a#/.+&\\', { ...layer, part: 'replacement' })).toBe('a\\#/.+\\&\\\\');
  });
});

describe('consoleOpenedBy', () => {
  const python = { kind: 'python', exits: new Set(['exit()', 'quit()']) };
  const tclsh = { kind: 'tcl', exits: new Set(['exit']), wsadmin: false };
  const wsadmin = { kind: 'tcl', exits: new Set(['exit', 'quit']), wsadmin: true };
  const unknown = (name: string) => ({ kind: 'unknown', name });

  it.each([
    ['python3', python],
    ['  /usr/bin/python3  -q   -u  ', python],
    ['python3 -i # a comment', python],
    ['pypy3 -q', python],
    ['jython', python],
    ['wlst.sh', python],
    ['jython -q', unknown('jython')],
    ['wlst.sh -i', python],
    ['python3 -q -d', unknown('python3')],
    ['python3 -X dev', unknown('python3')],
    ['python3 -Wall', unknown('python3')],
    ['python3 $X', unknown('python3')],
    ["'python3'", unknown('python3')],
    ['\\python3', unknown('python3')],
    ['python3 a-X', null],
    ['python3 a#', null],
    ['python3 -c pass', null],
    // A module may itself be a console (code, asyncio, pdb): not followed.
    ['python3 -m pdb', unknown('python3')],
    ['python3 --version', null],
    ['tclsh', tclsh],
    ['tclsh # comment', tclsh],
    ['wish8.6', tclsh],
    ['tclsh -encoding utf-8', unknown('tclsh')],
    ['tclsh script.tcl', null],
    ['wsadmin.sh', wsadmin],
    ['wsadmin.sh -lang jacl -conntype SOAP', wsadmin],
    ['wsadmin -lang jython', python],
    ['wsadmin.sh -lang perl', unknown('wsadmin.sh')],
    ['wsadmin.sh -user', unknown('wsadmin.sh')],
    ['wsadmin.sh -verbose x', unknown('wsadmin.sh')],
    ['wsadmin.sh -lang jython -f a.py', null],
    ['wsadmin.sh -c x', null],
    ['sudo -u was /opt/"wsadmin.sh"', unknown('wsadmin.sh')],
    ['env X=1 python3', unknown('python3')],
    ['sudo ls', null],
    // Named anywhere, a launcher starts a console this check does not follow (ls is harmless, but
    // `eval python3`, `FOO=1 python3` are not).
    ['ls python3', unknown('python3')],
    ['ls', null],
    ['', null],
  ])('%j', (line, start) => {
    expect(consoleOpenedBy(line)).toEqual(start);
  });
});

describe('consoleOpenedBy: a console named anywhere, however written', () => {
  const unknown = (name: string) => ({ kind: 'unknown', name });
  const notPlain = unknown('a command whose name is not plain text');
  it.each([
    // A launcher anywhere in the line, quotes, escapes, braces and $ removed from each word.
    ['FOO=1 tclsh', unknown('tclsh')],
    ['tc\\lsh', unknown('tclsh')],
    ["$'tclsh'", unknown('tclsh')],
    ['{tclsh,}', unknown('tclsh')],
    ['eval tclsh', unknown('tclsh')],
    ['true;tclsh', unknown('tclsh')],
    ['a|tclsh', unknown('tclsh')],
    ['a&&tclsh', unknown('tclsh')],
    ['(tclsh)', unknown('tclsh')],
    ['x<tclsh', unknown('tclsh')],
    ['X=tclsh', unknown('tclsh')],
    ['`tclsh`', unknown('tclsh')],
    ['/usr/bin/"tclsh"', unknown('tclsh')],
    // Another reader of its own: an SQL shell, a REPL, java.
    ['psql -U app', unknown('psql')],
    ['sudo -u postgres psql', unknown('psql')],
    ['X=1 mysql', unknown('mysql')],
    ["'node'", unknown('node')],
    ['java weblogic.WLST', unknown('java')],
    ['ipython3', unknown('ipython3')],
    ['python3-dbg', unknown('python3-dbg')],
    // A command whose name is not plain text: an expansion or a glob (not the test commands).
    ['$SHELL', notPlain],
    ['X=1 $CMD -x', notPlain],
    ['`which x`', notPlain],
    ['/usr/bin/pyth?n3', notPlain],
    ['/usr/bin/pyth*', notPlain],
    ['/usr/bin/[p]ython3', notPlain],
    ['[ -e x ] && echo y', null],
    ['[[ -e x ]]', null],
    ['echo $X', null],
    ['X=$Y echo', null],
    // python3: - and -m are consoles not followed; -i alone is one; -S has no exit().
    ['python3 -', unknown('python3')],
    ['python3 -m code', unknown('python3')],
    ['python3 -i', { kind: 'python', exits: new Set(['exit()', 'quit()']) }],
    ['python3 -qi', unknown('python3')],
    ['python3 -i -c pass', unknown('python3')],
    ['python3 -S', unknown('python3')],
  ])('%j', (line, start) => {
    expect(consoleOpenedBy(line)).toEqual(start);
  });
});

describe('a console session that redefines or builds names is followed to its end', () => {
  const wsadmin = [exec('wsadmin.sh'), 'expect "wsadmin>"'];
  const pair = exec('$AdminConfig modify $rp {{value [#ADD_INFO#]}}');
  const back = [exec('exit'), 'expect "#"', exec('echo [#ADD_INFO#]')];
  const session = (why: string): string =>
    refusal(
      `is in a Tcl console session that uses ${why}, which can run a string as code or as a command (escaping does not hold there)`,
    );
  it.each([
    ['set n ex; proc ${n}it args {}', 'proc'],
    ['set $n if', 'a name built at run time (${…})'],
    ['set x ${y}', 'a name built at run time (${…})'],
    ['set AdminConfig if', 'set Admin…'],
    ['puts \\145', 'a numeric escape (\\145)'],
  ])('%s', (line, why) => {
    const found = problems(lines(...wsadmin, exec(line), pair, ...back));
    // Its exit is not believed: the console goes on, and the line after it is the console's.
    expect(found[0]).toBe(session(why));
    expect(found).toHaveLength(2);
  });
  it('believes the exit of a session that names nothing of the kind', () => {
    expect(problems(lines(...wsadmin, exec('set x 1'), pair, ...back))).toEqual([]);
  });
  it('keeps the Python evaluator rule for the exit: globals() redefines it', () => {
    const python = [exec('python3'), 'expect ">>>"'];
    const found = problems(
      lines(
        ...python,
        exec("globals()['ex' + 'it'] = print"),
        exec('exit()'),
        'expect "#"',
        exec('echo [#ADD_INFO#]'),
      ),
    );
    // Were the exit believed, the shell would read the last line, where the value is allowed.
    expect(found).toEqual([
      refusal('comes after a line that may leave the console (an exit this check does not follow)'),
    ]);
  });
});

describe('consoleEscape', () => {
  it('keeps letters and digits, and writes every other character as three octal digits', () => {
    expect(consoleEscape('aZ9 \n~')).toBe('aZ9\\040\\012\\176');
  });
});

const python = [exec('python3'), 'expect ">>>"'];
const tcl = [exec('wsadmin.sh'), 'expect "wsadmin>"'];

describe('a Python console line', () => {
  const line = (...texts: string[]): string[] => problems(lines(...python, ...texts.map(exec)));
  const py = (why: string): string => refusal(why);

  it.each([
    [`f('a\\'', '[#ADD_INFO#]')`],
    [`f("a\\"", '[#ADD_INFO#]')`],
    [`f('''a'b''', '[#ADD_INFO#]')`],
    [`f("""a""", '[#ADD_INFO#]')`],
    [`f('[#ADD_INFO#]', [1], {2: 3}, (4))`],
    [`f(g(1), '[#ADD_INFO#]')`],
    [`f(u'[#ADD_INFO#]')`],
    [`x[0]('[#ADD_INFO#]')`],
    [`f ('[#ADD_INFO#]' )`],
    [`f("[#ADD_INFO#]")`],
    [`f([1], {2: 3}, '[#ADD_INFO#]')`],
    [`f('', '[#ADD_INFO#]')`],
    [`f(''''a''', '[#ADD_INFO#]')`],
  ])('follows a value in a whole string argument: %s', (text) => {
    expect(line(text)).toEqual([]);
  });

  it.each([
    [`f(['[#ADD_INFO#]'])`, pythonReasons.notArgument],
    [`f([1, '[#ADD_INFO#]'])`, pythonReasons.notArgument],
    [`f({1, '[#ADD_INFO#]'})`, pythonReasons.notArgument],
    [`f([1, '[#ADD_INFO#]', 2])`, pythonReasons.notArgument],
    [`f({1, '[#ADD_INFO#]', 2})`, pythonReasons.notArgument],
    [`x = (1, '[#ADD_INFO#]')`, pythonReasons.notArgument],
    [`f({'[#ADD_INFO#]'})`, pythonReasons.notArgument],
    [`f([1], '[#ADD_INFO#]' + x)`, pythonReasons.notArgument],
    [`f(x)('[#ADD_INFO#]' 'a')`, pythonReasons.notArgument],
    [`f((1), '[#ADD_INFO#]'.x)`, pythonReasons.notArgument],
    [`(1, '[#ADD_INFO#]')`, pythonReasons.notArgument],
    [`f(x + '[#ADD_INFO#]')`, pythonReasons.notArgument],
    [`f(b'[#ADD_INFO#]')`, pythonReasons.prefixed],
    [`f(rb'[#ADD_INFO#]')`, pythonReasons.prefixed],
    [`f('\\[#ADD_INFO#]')`, pythonReasons.backslash],
    [`f('''[#ADD_INFO#]''' x)`, pythonReasons.notArgument],
    [`f('a' # '[#ADD_INFO#]'`, pythonReasons.comment],
  ])('refuses %s', (text, why) => {
    expect(line(text)).toEqual([py(why)]);
  });

  it('reads a triple-quoted string across lines, and its quotes only when three close it', () => {
    expect(line(`f('''a`, `b' '' [#ADD_INFO#]''')`)).toEqual([]);
    expect(line(`f('''a`, `b''', [#ADD_INFO#])`)).toEqual([py(pythonReasons.outsideString)]);
  });

  it('follows a call over several lines, and closes a line only outside brackets and strings', () => {
    expect(line('f(1,', `'[#ADD_INFO#]')`)).toEqual([]);
    expect(line('f(1)', `'[#ADD_INFO#]'`)).toEqual([py(pythonReasons.notArgument)]);
  });

  it('joins a line ending in a backslash to the next one', () => {
    expect(line('x = 1 + \\', `f('[#ADD_INFO#]')`)).toEqual([]);
    expect(line('x = 1 + \\', `'[#ADD_INFO#]'`)).toEqual([py(pythonReasons.notArgument)]);
  });

  it('refuses every value after a string left open at the end of its line', () => {
    expect(line(`x = 'a`, `f('[#ADD_INFO#]')`)).toEqual([
      py('comes after a string left open at the end of its line, which this check does not follow'),
    ]);
  });

  it('refuses every value after a line that may leave the console', () => {
    expect(line('quit(1)', `f('[#ADD_INFO#]')`)).toEqual([
      py('comes after a line that may leave the console (an exit this check does not follow)'),
    ]);
  });

  it('a comment ends at its line: the next line is code again', () => {
    expect(line('# a comment', `f('[#ADD_INFO#]')`)).toEqual([]);
    // A quote in a comment opens no string.
    expect(line("x = 1 # it's", `f('[#ADD_INFO#]')`)).toEqual([]);
  });

  it('closes on exit() alone at the top level, with trailing blanks', () => {
    const after = (...texts: string[]) =>
      problems(lines(...python, ...texts.map(exec), 'expect "$"', exec('echo [#ADD_INFO#] | sh')));
    const piped = refusal(
      'is piped into sh, which can run what it reads as code (quoting does not hold there)',
    );
    expect(after('exit()  ')).toEqual([piped]);
    expect(after('quit()')).toEqual([piped]);
    // Inside a block, a call or a string the exit is not at the top level: the console stays.
    for (const texts of [
      ['if x:', 'exit()'],
      ['f(', 'exit()'],
      ["'''", 'exit()'],
      ['x = 1 \\', 'exit()'],
    ])
      expect(after(...texts), texts[0]).not.toEqual([piped]);
    expect(after('if x: ', 'exit()')).not.toEqual([piped]);
    expect(after('quit(1)', 'exit()')).not.toEqual([piped]);
    // An empty line ends the block: the exit after it closes. Blanks alone, or a comment, do not
    // (the prompt keeps reading the block), so the exit is in the block.
    expect(after('if x:', '  y()', '', 'exit()')).toEqual([piped]);
    expect(after('if x:', '  y()', '   ', 'exit()')).not.toEqual([piped]);
    expect(after('if x:', '  y()', '# c', 'exit()')).not.toEqual([piped]);
    // A line that opens no block leaves the next line at the top level.
    expect(after('f(1)', 'exit()')).toEqual([piped]);
  });

  it('the session rule names the evaluator it found, and tells Python from Tcl', () => {
    expect(line(`f('[#ADD_INFO#]')`, 'eval(y)')).toEqual([
      py(
        'is in a Python console session that uses eval, which can run a string as code or as a command (escaping does not hold there)',
      ),
    ]);
    // A name inside a string is not code; a word that only contains an evaluator's name is not it.
    expect(line(`f('[#ADD_INFO#]', 'eval')`, 'evaluate(y)')).toEqual([]);
    // Tokens on different lines, or joined by a backslash or a bracket's newline, stay apart:
    // `in` and `put` are not `input`, `o` and `s` not `os`.
    expect(line('x = o', 's = 1', `f('[#ADD_INFO#]')`)).toEqual([]);
    expect(line('y = x in\\', `put`, `f('[#ADD_INFO#]')`)).toEqual([]);
    expect(line('f(x in', `put, '[#ADD_INFO#]')`)).toEqual([]);
  });
});

describe('a Tcl console line', () => {
  const line = (...texts: string[]): string[] => problems(lines(...tcl, ...texts.map(exec)));
  const notPair = refusal(tclReasons.notPair);
  const lost = refusal(tclReasons.lost);
  const modify = '$AdminConfig modify $rp {{value [#ADD_INFO#]}}';

  it.each([
    [modify],
    [`set a 1; ${modify}`],
    [`if {1} {${modify}}`],
    [`puts \\{; ${modify}`],
    [`puts "a;b"; ${modify}`],
    [`puts [list a]; ${modify}`],
    [`puts a#b; ${modify}`],
    [`if {1} {puts ]; ${modify}}`],
    [`puts "a {"; ${modify}`],
    [`set a__b 1; ${modify}`],
    ['$AdminConfig getid /a:[#ADD_INFO#]/[#NEW_PASSWORD#]'],
    ['$AdminConfig getid /ev[#ADD_INFO#]al/'],
    ['$AdminConfig getid /DataSource:[#ADD_INFO#]/'],
    ['$AdminConfig modify $rp {{a b} {value [#ADD_INFO#]}}'],
  ])('follows %s', (text) => {
    expect(line(text)).toEqual([]);
  });

  it('follows a pair after a command ended by a newline or a semicolon', () => {
    expect(line('puts a', modify)).toEqual([]);
    expect(line('puts }', modify)).toEqual([]);
    expect(line('puts ]', modify)).toEqual([]);
    // A comment after a semicolon: a brace in it opens nothing.
    expect(line('puts a; # {', modify)).toEqual([]);
    expect(line(`set x [list a\\]b]`, modify)).toEqual([]);
  });

  it.each([
    [`puts "${modify}"`, notPair],
    [`puts "[${modify}]"`, notPair],
    [`puts "[$AdminConfig getid /a:[#ADD_INFO#]/]"`, notPair],
    ['$AdminConfig modify $rp {{value \\[#ADD_INFO#]}}', refusal(tclReasons.backslash)],
    [`x${modify}`, notPair],
    ['$AdminConfig modify $rp "{value [#ADD_INFO#]}"', notPair],
    // A mid-word brace inside braces: Tcl counts it, this reading does not follow it.
    ['$AdminConfig modify $rp {x{value [#ADD_INFO#]}}', lost],
    ['$AdminConfig modify $rp {{value [#ADD_INFO#]} {b "{"}}', lost],
    ['$AdminConfig modify $rp {{value [#ADD_INFO#]} {b [list }]}}', lost],
    ['$AdminConfig modify $rp {{value [#ADD_INFO#]}', notPair],
    ['a\\ $AdminConfig modify $rp {{value [#ADD_INFO#]}}', notPair],
    // \ue is a character, not the name's letters; a brace after \x is not a nested list.
    ['$AdminConfig modify $rp {{val\\ue [#ADD_INFO#]}}', notPair],
    ['$AdminConfig modify $rp {\\x{value [#ADD_INFO#]}}', lost],
  ])('refuses %s', (text, why) => {
    expect(line(text)).toEqual([why]);
  });

  it('a comment line is not code, and ends at its line', () => {
    expect(line(`# ${modify}`)).toEqual([notPair]);
    expect(line('# x', modify)).toEqual([]);
    expect(line(`puts a # ${modify}`)).toEqual([notPair]);
  });

  it('a comment inside braces, or a brace in a string within braces, loses the reading', () => {
    expect(line('if {1} {', '# x', '}', modify)).toEqual([lost]);
    expect(line('if {1} {puts "{"}', modify)).toEqual([lost]);
  });

  it('refuses every value after a line that may leave the console', () => {
    expect(line('kill 1', modify)).toEqual([lost]);
  });

  it('closes on exit alone with trailing blanks, not on a line that only holds it', () => {
    const after = (text: string) =>
      problems(lines(...tcl, exec(text), 'expect "$"', exec('echo [#ADD_INFO#] | sh')));
    const piped = refusal(
      'is piped into sh, which can run what it reads as code (quoting does not hold there)',
    );
    expect(after('exit  ')).toEqual([piped]);
    expect(after('ex it')).toEqual([notPair]);
    // wsadmin also leaves by quit (tclsh has no quit: there it would lose the reading).
    expect(after('quit')).toEqual([piped]);
    // A command continued on the next line: its exit there is an argument, not the console's end.
    expect(
      problems(lines(...tcl, exec('puts a \\'), exec('exit'), 'expect "$"', exec('echo [#ADD_INFO#]'))),
    ).toEqual([lost]);
    // An exit inside a body does not close the console (the body may not run), but may leave it.
    expect(problems(lines(...tcl, exec('if {$x} {'), exec('exit'), exec('}'), exec(modify)))).toEqual([lost]);
  });

  it('the session rule tells Tcl and names the command, read with backslashes resolved', () => {
    expect(line(modify, '\\subst x')).toEqual([
      refusal(
        'is in a Tcl console session that uses subst, which can run a string as code or as a command (escaping does not hold there)',
      ),
    ]);
  });

  it('escapes the value as octal digits in the pair', () => {
    expect(sends(lines(...tcl, exec(modify)))).toEqual([
      'wsadmin.sh\n',
      '$AdminConfig modify $rp {{value a\\053\\077\\050\\051\\173\\175\\174\\056}}\n',
    ]);
  });
});

// Equivalent mutants of the "ssh second readers" mutation module (npm run mutation -- --module
// "ssh second readers"): no template tells them from the code, so no test kills them.
// console-session.ts
// - `const arg = args[i] ?? ''`, "Stryker was here!": i < args.length, so args[i] is defined.
// - `args[0]?.startsWith('-')`, OptionalChaining: reached only when args is not empty.
// - `let kind: ConsoleKind = 'tcl'`, "": only `kind === 'python'` is read, false for both.
// - consoleEscape's /^[A-Za-z0-9]$/ without ^ or $: it tests one character at a time.
// - closesOn `start.kind === 'unknown' ||`, false or "", and `clean`'s `?? false` or `#tcl.clean`:
//   an unknown console has no reader, so either test alone keeps it from closing or reading one.
// - `reader.code.split(/[^A-Za-z0-9_]/)` without +: it adds empty names, and no evaluator is ''.
// - `item.context = 'console'` (here and in both readers), "": a refused tag is never substituted,
//   and a console tag is escaped by its inner kind before its context is read (substitute.ts).
// python-reader.ts and tcl-reader.ts
// - `code = ''`, "Stryker was here!": neither word is an evaluator's name.
// - the feed loops' `at <= items.length` and `if (item === undefined) continue`, false: an item
//   past the end is undefined, and the array has no holes.
// - `#brackets.length === 0`, true, in clean: #line is only kept over a newline while a bracket
//   or a string is open, so an open bracket leaves #line non-empty.
// (`first === undefined`, `next === undefined` and the trimmed #line, once explained here, were
// not equivalent: second-readers-survivors-c.test.ts.)
// - `if (this.#lost !== null)`, true: refuseAll(null) refuses nothing (tag-placement.ts).
// sed-script.ts
// - `text === '-E' || text === '-r'` (false, &&, ""): the letter loop below sets extended for -E
//   and -r too; only --regexp-extended needs the whole-word test.
// tcl-reader.ts
// - `frame(kind, before = '')`, "Stryker was here!": every group is given its before.
// - the top frame's kind '' instead of 'bracket': every test of a frame's kind asks for 'group' or
//   'string', or for 'bracket' with more than one frame open, so '' reads as 'bracket'.
// - finish()'s reset of the frames ([] or ''): the reader is dropped when its console ends
//   (shell-context.ts), and #top falls back to a bracket frame.
// - `if (group.tags.length === 0) return`, false: with no tags, nothing is refused or pending.
// - #closeGroup's `list.kind === 'group'`, true: the top frame's before is '', which no wsadmin
//   command matches; its `!frames.some(string)`: a tag in a string is refused when it is read.
