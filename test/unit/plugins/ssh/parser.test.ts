import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../../../electron/plugins/ssh/template/parser';

const productExample = `set-read-timeout 5
expect-regex "/[$#>] ?$/"
exec "useradd -m [#USERNAME#]"
expect-regex "/[$#>] ?$/"
exec "passwd [#USERNAME#]"
expect "*password:"
exec "[#NEW_PASSWORD#]"
expect "*password:"
exec "[#NEW_PASSWORD#]"
expect "*updated successfully*"
exec "exit"
end
`;

describe('SSH template parser', () => {
  it('parses the product example into one command a line, with line numbers', () => {
    const { commands, problems } = parseTemplate(productExample);
    expect(problems).toEqual([]);
    expect(commands.map((c) => [c.line, c.kind])).toEqual([
      [1, 'set-read-timeout'],
      [2, 'expect-regex'],
      [3, 'exec'],
      [4, 'expect-regex'],
      [5, 'exec'],
      [6, 'expect'],
      [7, 'exec'],
      [8, 'expect'],
      [9, 'exec'],
      [10, 'expect'],
      [11, 'exec'],
      [12, 'end'],
    ]);
  });

  it('skips comments and blank lines but keeps the numbering of the file', () => {
    const { commands, problems } = parseTemplate('# a comment\n\n   # indented comment\n\texec "id"\r\n');
    expect(problems).toEqual([]);
    expect(commands).toEqual([
      { kind: 'exec', line: 4, argument: { text: 'id', columns: [8, 9, 10], column: 7 } },
    ]);
  });

  it('resolves \\" and \\\\ and keeps any other backslash as written', () => {
    const { commands } = parseTemplate('exec "say \\"hi\\" \\\\ a\\tb \\*"');
    const [command] = commands;
    expect(command?.kind === 'exec' && command.argument.text).toBe('say "hi" \\ a\\tb \\*');
  });

  it('reads seconds, decimals and quoted numbers; commands are case-insensitive', () => {
    const { commands, problems, connectTimeoutSeconds } = parseTemplate(
      'set-connect-timeout 3\nSET-READ-TIMEOUT 2.5\nsleep "0.1"\nEXEC "x"',
    );
    expect(problems).toEqual([]);
    expect(connectTimeoutSeconds).toBe(3);
    expect(commands.map((c) => ('seconds' in c ? c.seconds : c.kind))).toEqual([3, 2.5, 0.1, 'exec']);
  });

  it.each([
    ['frobnicate "x"', 1, 1, 'Unknown command "frobnicate"'],
    ['exec', 1, 5, 'exec needs a quoted string'],
    ['expect-regex /a/', 1, 14, 'expect-regex needs a quoted string'],
    ['expect-regex "/a/', 1, 14, 'Unterminated string'],
    ['expect-regex "/a/" b', 1, 20, 'Unexpected text after the string'],
    ['sleep x', 1, 7, 'is not a number of seconds'],
    ['set-read-timeout 0', 1, 18, 'must be more than 0 seconds'],
    ['set-read-timeout 99999', 1, 18, 'at most 3600 seconds'],
    ['sleep', 1, 6, 'sleep needs a number of seconds'],
    ['end now', 1, 5, 'end takes no argument'],
    ['exec"x"', 1, 5, 'Expected a space after exec'],
    ['"x"', 1, 1, 'Expected a command'],
    ['expect-regex "/a(/"', 1, 16, 'Invalid regular expression'],
    ['expect-regex "/abc/g"', 1, 20, 'Unsupported regex flags "g"'],
    ['expect-regex "/abc"', 1, 15, 'no closing /'],
  ])('reports %j at line %i, column %i', (template, line, column, message) => {
    const { problems } = parseTemplate(template);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line, column });
    expect(problems[0]?.message).toContain(message);
  });

  it('reports every bad line with its own line number', () => {
    const { problems } = parseTemplate('exec "ok"\nfoo\n# fine\nexpect-regex "/open\nend');
    expect(problems.map((p) => [p.line, p.column])).toEqual([
      [2, 1],
      [4, 14],
    ]);
  });

  // senhasegura's own library has each of these forms (vendor-reading.ts): they run, with a warning.
  it.each([
    ['expect "*]', 'expect', '*]', 8, 'No closing "'],
    ['expect "*]   ', 'expect', '*]', 8, 'No closing "'],
    ['exec clish', 'exec', 'clish', 6, 'not in quotes'],
    ['exec set-connect-timeout 1', 'exec', 'set-connect-timeout 1', 6, 'not in quotes'],
    // Less one closing quote, which the warning says: bash is sent an open quote here.
    ['exec psql -c "SELECT 1"', 'exec', 'psql -c "SELECT 1', 6, 'less a " at its end'],
    ['exec "edit "[#USERNAME#]""', 'exec', 'edit "[#USERNAME#]"', 6, 'Text after the closing "'],
    ['write "a" b', 'write', 'a" b', 7, 'Text after the closing "'],
    ['exec "a\\"b', 'exec', 'a\\"b', 6, 'No closing "'],
  ])('reads %j as senhasegura does, and warns', (template, kind, text, column, warning) => {
    const { commands, problems, warnings } = parseTemplate(template);
    expect(problems).toEqual([]);
    expect(commands).toHaveLength(1);
    const [command] = commands;
    expect(command).toMatchObject({ kind, line: 1 });
    if (command === undefined || !('argument' in command)) throw new Error('no text command');
    expect(command.argument.text).toBe(text);
    // Every character of the text points at its own column of the line, for messages about it.
    const pointed = command.argument.columns.map((column) => template.charAt(column - 1)).join('');
    expect(pointed).toBe(text);
    expect(warnings).toEqual([{ line: 1, column, message: expect.stringContaining(warning) as string }]);
  });

  it('refuses a carriage return inside an exec or write line, quoted or not (a terminal reads it as Enter)', () => {
    for (const template of ['exec "echo a # \r[#CUSTOM#]"', 'exec echo a # \r[#CUSTOM#]', 'write "a\rb"']) {
      const parsed = parseTemplate(template);
      expect(parsed.commands, JSON.stringify(template)).toEqual([]);
      expect(parsed.problems[0]?.message).toMatch(/carriage return inside the line is an Enter/);
    }
    // A CRLF line end is not one, and output to expect may hold one.
    expect(parseTemplate('exec "echo a"\r\nexpect "a\rb"\r\n').problems).toEqual([]);
  });

  it('refuses every key a terminal or readline acts on inside an exec or write line, naming it and its column', () => {
    // Each of these let a value the check saw in a comment run on the lab's bash (terminal-keys.test.ts).
    const keys = [
      '\u0015',
      '\u0017',
      '\u000f',
      '\u001b',
      '\u0001',
      '\u007f',
      '\u0008',
      '\u0004',
      '\u001a',
      '\t',
      '\u0000',
      '\u0016',
      '\u0012',
      '\u0003',
      '\u0085',
    ];
    for (const key of keys) {
      for (const template of [
        `exec "echo a # ${key}[#CUSTOM#]"`,
        `exec echo a # ${key}[#CUSTOM#]`,
        `write "a${key}b"`,
      ]) {
        const parsed = parseTemplate(template);
        const shown = JSON.stringify(template);
        expect(parsed.commands, shown).toEqual([]);
        expect(parsed.problems, shown).toEqual([
          {
            line: 1,
            column: template.indexOf(key) + 1,
            message: expect.stringMatching(
              /^(exec|write): .*U\+00[0-9A-F]{2}.* inside the line is a key to the terminal/,
            ) as string,
          },
        ]);
      }
    }
    expect(parseTemplate('exec "echo a\u0015"').problems[0]?.message).toContain('(U+0015, Ctrl-U)');
    expect(parseTemplate('exec "echo\ta"').problems[0]?.message).toContain('a tab (U+0009)');
    // Not sent, so not refused: blanks around the command and after its string, and what is expected.
    expect(parseTemplate('\texec\t"echo a"\t\nexpect "a\u001b[0mb"\nexpect-regex "/a\tb/"').problems).toEqual(
      [],
    );
  });

  it('gives no warning for a well-formed string', () => {
    expect(parseTemplate('exec "a \\"b\\" c"\nexpect "*$"').warnings).toEqual([]);
  });

  it('refuses set-connect-timeout once the conversation has started', () => {
    const { problems } = parseTemplate(
      'set-read-timeout 2\nset-connect-timeout 3\nexec "x"\nset-connect-timeout 4',
    );
    expect(problems).toEqual([
      {
        line: 4,
        column: 1,
        message: 'set-connect-timeout must come before the first exec, write, expect or sleep',
      },
    ]);
  });

  it('accepts a regex without slashes and tags inside a regex', () => {
    expect(parseTemplate('expect-regex "\\\\$ $"\nexpect-regex "/^[#USERNAME#]:/m"').problems).toEqual([]);
  });
});
