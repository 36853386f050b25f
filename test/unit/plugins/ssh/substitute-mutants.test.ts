/**
 * substitute.ts's edges, one behaviour each (issue 15: the mutation score of the "ssh
 * substitution" module): the steps it returns for the setting lines, what a step displays, which
 * values it refuses and with which words, what it collects as secrets, and how it tracks the shell
 * line across steps. substitute.test.ts holds the main cases; second-readers-check.test.ts the
 * values escaped for sed and for a console.
 */
import { describe, expect, it } from 'vitest';
import type { WindowView } from '../../../../electron/plugins/ssh/template/output-window';
import { parseTemplate } from '../../../../electron/plugins/ssh/template/parser';
import type { PreparedStep } from '../../../../electron/plugins/ssh/template/prepared-steps';
import { substitute } from '../../../../electron/plugins/ssh/template/substitute';
import type {
  StringArgument,
  TemplateCommand,
} from '../../../../electron/plugins/ssh/template/template-syntax';

/** A template line of `kind` holding `text` (template quoting applied). */
const line = (kind: string, text: string): string =>
  `${kind} "${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const template = (...lines: string[]): string => lines.join('\n');

function prepare(text: string, tags: Record<string, string>) {
  const parsed = parseTemplate(text);
  expect(parsed.problems).toEqual([]);
  return substitute(parsed.commands, tags);
}

function steps(text: string, tags: Record<string, string> = {}): PreparedStep[] {
  const result = prepare(text, tags);
  if (!result.ok) throw new Error(`refused: ${result.refusal.message}`);
  return result.steps;
}

/** What the exec and write steps send, in order. */
const sends = (text: string, tags: Record<string, string>): string[] =>
  steps(text, tags).flatMap((s) => (s.kind === 'exec' || s.kind === 'write' ? [s.send] : []));

function refusal(
  text: string,
  tags: Record<string, string>,
): { line: number | null; column: number | null; message: string } {
  const result = prepare(text, tags);
  if (result.ok) throw new Error(`not refused: ${JSON.stringify(result.steps.map((s) => s.display))}`);
  return { line: result.refusal.line, column: result.refusal.column, message: result.refusal.message };
}

const view = (...lines: string[]): WindowView => ({
  text: lines.join('\n'),
  lines,
  cursorLine: lines[lines.length - 1] ?? '',
  atPrompt: false,
});

describe('the steps of the lines without a string', () => {
  it('are returned with the line and what the operation log shows', () => {
    expect(
      steps(
        template(
          'set-ssh-version 2',
          'set-new-line-mode windows',
          'set-connect-timeout 5',
          'set-read-timeout 7',
          'sleep 1',
          'end',
        ),
      ),
    ).toEqual([
      { kind: 'set-ssh-version', line: 1, display: 'set-ssh-version 2' },
      { kind: 'set-new-line-mode', line: 2, display: 'set-new-line-mode windows' },
      { kind: 'set-connect-timeout', line: 3, seconds: 5, display: 'set-connect-timeout 5' },
      { kind: 'set-read-timeout', line: 4, seconds: 7, display: 'set-read-timeout 7' },
      { kind: 'sleep', line: 5, seconds: 1, display: 'sleep 1' },
      { kind: 'end', line: 6, display: 'end' },
    ]);
  });

  it('set-new-line-mode changes the line ending of the execs after it', () => {
    expect(sends(template(line('exec', 'a'), 'set-new-line-mode mac', line('exec', 'b')), {})).toEqual([
      'a\n',
      'b\r',
    ]);
  });
});

describe('patterns', () => {
  it('an expect-regex shows its literal with the values, secrets masked', () => {
    const [step] = steps(line('expect-regex', '/^[#ADD_INFO#] [#NEW_PASSWORD#]/m'), {
      ADD_INFO: 'a.b',
      NEW_PASSWORD: 'pw',
    });
    expect(step?.display).toBe('expect-regex "/^a.b ******/m"');
  });

  it("an expect-regex's refusal points at the tag inside the literal", () => {
    expect(refusal(line('expect-regex', '/ab[#USERNAME#]/'), {})).toEqual({
      line: 1,
      column: 18,
      message: 'No value for [#USERNAME#]',
    });
  });

  it("a value's * in a wildcard pattern is a star, not a wildcard", () => {
    const [step] = steps(line('expect', '[#ADD_INFO#]'), { ADD_INFO: 'a*b' });
    if (step?.kind !== 'expect') throw new Error('not an expect step');
    expect(step.matcher.match(view('aXXb'))).toBeNull();
    expect(step.matcher.match(view('a*b'))).toBe('a*b');
  });
});

describe('refusals, with their exact words', () => {
  // Longer than a user-defined tag's name may be (64): not a tag any value can fill.
  const unknown = 'A'.repeat(65);

  it('an unknown tag, even with a value given for it', () => {
    expect(refusal(line('expect', `*[#${unknown}#]*`), { [unknown]: 'x' })).toEqual({
      line: 1,
      column: 10,
      message: `The value of [#${unknown}#] cannot be set: the tag is unknown`,
    });
  });

  it('a one-tag line the shell reads, with the reason the shell reads it', () => {
    expect(
      refusal(template(line('write', 'echo '), line('exec', '[#ADD_INFO#]')), { ADD_INFO: 'a b' }),
    ).toEqual({
      line: 2,
      column: 7,
      message:
        'The value of [#ADD_INFO#] cannot be typed here: the tag is typed right after a write, on the same command line: the shell reads the value unquoted',
    });
  });

  it('a value starting with ^ where it starts a shell line', () => {
    expect(
      refusal(template(line('exec', "echo 'a"), line('exec', "[#ADD_INFO#]'")), { ADD_INFO: '^x' }),
    ).toEqual({
      line: 2,
      column: 7,
      message:
        'The value of [#ADD_INFO#] starts with "^" at the start of a shell line (it continues the template\'s quotes on a new line), which an interactive bash reads as a quick substitution (^old^new) of the previous command',
    });
  });
});

describe('the length of a line with its values', () => {
  it('may be exactly the 4000 bytes a terminal line holds, Enter included', () => {
    // `echo '…'` and Enter: 8 bytes around the value.
    expect(sends(line('exec', 'echo [#ADD_INFO#]'), { ADD_INFO: 'x'.repeat(3992) })[0]).toHaveLength(4000);
    expect(refusal(line('exec', 'echo [#ADD_INFO#]'), { ADD_INFO: 'x'.repeat(3993) })).toEqual({
      line: 1,
      column: 6,
      message: 'With its values the input is longer than 4000 bytes, more than a terminal line holds',
    });
  });
});

describe("a plain argument of a wsadmin object's command (Tcl)", () => {
  const wsadmin = template(line('exec', 'wsadmin.sh'), line('expect', '>'));
  const run = (value: string) =>
    prepare(template(wsadmin, line('exec', 'set ds [$AdminConfig getid /DataSource:[#ADD_INFO#]/]')), {
      ADD_INFO: value,
    });

  it.each([' ', '/', ':', '#', '[', ']', '{', '}', '"', '\\', ';', '$'])(
    'refuses a value with %j, which wsadmin reads itself',
    (char) => {
      const result = run(`a${char}b`);
      expect(result.ok ? null : result.refusal).toMatchObject({
        line: 3,
        column: 46,
        message:
          'The value of [#ADD_INFO#] starts with - or has a blank or one of / : # [ ] { } " \\ ; $, which wsadmin reads itself in this argument (an option, a containment path, a list)',
      });
    },
  );

  it('refuses a value starting with - (an option), not one ending with it', () => {
    const refused = run('-a');
    expect(refused.ok ? null : refused.refusal.message).toContain('starts with - or has a blank');
    const sent = run('a-');
    expect(sent.ok && sent.steps[2]).toMatchObject({
      send: 'set ds [$AdminConfig getid /DataSource:a\\055/]\n',
    });
  });

  it('sends a value without those characters, escaped for the console', () => {
    const sent = run('abc');
    expect(sent.ok && sent.steps[2]).toMatchObject({
      send: 'set ds [$AdminConfig getid /DataSource:abc/]\n',
    });
  });

  it("lets an attribute pair's value hold them, and escapes even a value with its form", () => {
    const pair = (tag: string, tags: Record<string, string>) =>
      sends(template(wsadmin, line('exec', `$AdminConfig modify $rp {{value ${tag}}}`)), tags)[1];
    expect(pair('[#ADD_INFO#]', { ADD_INFO: '-a/b' })).toBe(
      '$AdminConfig modify $rp {{value \\055a\\057b}}\n',
    );
    // A user name's . is escaped too: every value a console reads is.
    expect(pair('[#USERNAME#]', { USERNAME: 'john.doe' })).toBe(
      '$AdminConfig modify $rp {{value john\\056doe}}\n',
    );
  });
});

describe('secrets collected for masking output', () => {
  it('are the secret values, given or quoted, never a plain value quoted', () => {
    const result = prepare(line('exec', 'echo [#ADD_INFO#]'), { ADD_INFO: 'a b', NEW_PASSWORD: 'pw' });
    expect(result.ok && result.secrets).toEqual(['pw']);
  });

  it('include a secret the template never uses', () => {
    const result = prepare(line('exec', 'id'), { NEW_PASSWORD: 'pw' });
    expect(result.ok && result.secrets).toEqual(['pw']);
  });
});

describe('history expansion inside a quoted value', () => {
  // Inside "…", history expansion does not see the '…' of a $(…) as quotes.
  const nested = (text: string) => line('exec', `echo "$(echo '${text}')"`);
  const expanded = (tag: string) =>
    `The value of ${tag} contains "!", which an interactive bash could expand from its history here: history expansion reads the line before the shell and may not see the quotes around the tag as the shell does (quotes nested in $(…), a \\" before the tag)`;

  it.each(['!x', 'x!'])('refuses %s, a ! at either end of the value', (value) => {
    expect(refusal(nested('[#ADD_INFO#]'), { ADD_INFO: value })).toEqual({
      line: 1,
      column: 22,
      message: expanded('[#ADD_INFO#]'),
    });
  });

  it("refuses the value when the template's own ! right after it asks for history expansion", () => {
    expect(refusal(nested('[#ADD_INFO#]!x'), { ADD_INFO: 'a' })).toMatchObject({
      message: expect.stringContaining('history expansion') as unknown,
    });
  });

  it('reads the value where it sits after a write on the same shell line', () => {
    const split = template(line('write', 'echo "$(echo '), line('exec', `'[#ADD_INFO#]')"`));
    expect(refusal(split, { ADD_INFO: '!x' })).toMatchObject({ line: 2, column: 8 });
    expect(sends(split, { ADD_INFO: 'x' })).toEqual(['echo "$(echo ', `'x')"\n`]);
  });
});

describe('the shell line a step continues', () => {
  const quick = { ADD_INFO: '^x' };

  it('starts after the last Enter sent, whatever came between', () => {
    expect(
      refusal(template(line('exec', "echo 'a"), line('expect', '$'), line('exec', "[#ADD_INFO#]'")), quick),
    ).toMatchObject({
      line: 3,
      message: expect.stringContaining('quick substitution') as unknown,
    });
    expect(
      refusal(template(line('write', "echo 'a"), line('exec', ' b'), line('exec', "[#ADD_INFO#]'")), quick),
    ).toMatchObject({ line: 3, message: expect.stringContaining('quick substitution') as unknown });
  });

  it("places the value after what a write sent, so a ^ the template wrote is not the value's", () => {
    // The value is 3 characters into the exec, after the 3 the write sent: at 6 on the shell line.
    // A ^ starting the template's own line is a quick substitution: every value is refused.
    expect(
      refusal(template(line('write', '^x '), line('exec', "ab'[#ADD_INFO#]'")), { ADD_INFO: 'v' }),
    ).toMatchObject({ line: 2, message: expect.stringContaining('history expansion') as unknown });
    expect(
      sends(template(line('write', 'x '), line('exec', "ab'[#ADD_INFO#]'")), { ADD_INFO: '^v' }),
    ).toEqual(['x ', "ab'^v'\n"]);
  });
});

describe('commands the parser could not produce: a bug, thrown rather than shown as a refusal', () => {
  const argument = (text: string): StringArgument => ({
    text,
    columns: Array.from({ length: text.length + 1 }, (_, i) => i + 2),
    column: 1,
  });

  it('an expect-regex whose literal has no closing /', () => {
    const commands: TemplateCommand[] = [
      { kind: 'expect-regex', line: 1, argument: argument('/a[#USERNAME#]') },
    ];
    expect(() => substitute(commands, { USERNAME: 'alice' })).toThrow('the parser checked the regex literal');
  });

  it('two commands on one line: the tags of the first have no placement', () => {
    const commands: TemplateCommand[] = [
      { kind: 'exec', line: 1, argument: argument('echo [#ADD_INFO#]') },
      { kind: 'exec', line: 1, argument: argument('id') },
    ];
    expect(() => substitute(commands, { ADD_INFO: 'x' })).toThrow('every tag segment has a placement');
  });
});

describe('the survivors of 4 December (here-documents and history expansion)', () => {
  // substitute.ts:186 `case 'here-document'`: a quoted delimiter's body takes the value as it is,
  // where a shell-quoted value would put its quotes in the file.
  it('a value in a quoted here-document body is typed as it is', () => {
    expect(
      sends(template(line('exec', "cat > f <<'EOF'"), line('exec', '[#ADD_INFO#] x'), line('exec', 'EOF')), {
        ADD_INFO: 'a b',
      }),
    ).toEqual(["cat > f <<'EOF'\n", 'a b x\n', 'EOF\n']);
  });

  // substitute.ts:106 `!passesStrictPattern(…)` -> true: a one-tag line the shell reads (the quote
  // the line before opened is still open) takes a value with its form as it is.
  it('a one-tag line the shell reads takes a value with its form', () => {
    expect(
      sends(template(line('exec', "echo '"), line('exec', '[#USERNAME#]')), { USERNAME: 'alice' }),
    ).toEqual(["echo '\n", 'alice\n']);
  });

  // substitute.ts:257 the bang's place within a quoted value (both bounds, the prefix subtracted):
  // a `!` history expansion reads but leaves alone (before a blank) outside the value, before or
  // after it, is not the value's.
  it("a `!` outside a quoted value is not the value's", () => {
    for (const text of ["echo a! '[#ADD_INFO#]'", "echo '[#ADD_INFO#]' b! c", 'echo "[#ADD_INFO#]! x"'])
      expect(sends(template(line('exec', text)), { ADD_INFO: 'v' })).toEqual([
        text.replace('[#ADD_INFO#]', 'v') + '\n',
      ]);
  });

  it("a `!` outside a quoted value after a write on the same line is not the value's", () => {
    expect(
      sends(template(line('write', 'echo a! '), line('exec', "b '[#ADD_INFO#]'")), { ADD_INFO: 'v' }),
    ).toEqual(['echo a! ', "b 'v'\n"]);
  });
});

// The surviving mutants of substitute.ts no test can tell apart (Stryker, "ssh substitution"):
// - substitute.ts:109 StringLiteral, 'is read by the shell' -> "": typedToShell is reached only
//   through a placement of a one-tag line that the shell or a console reads, and shell-context.ts
//   gives every such placement a refusedQuoted reason, so the fallback is never used.
// - substitute.ts:74 ConditionalExpression, `if (isSecretTag(…))` -> false: substitute() has
//   already collected the value of every secret tag the run was given (Object.entries of the
//   tags), and value() returns that same own value (tagValue), so the set is the same. Only a
//   value hidden from enumeration (a non-enumerable property) would tell it apart.
// - substitute.ts:198 StringLiteral, `values.get(index) ?? ''` -> "Stryker was here!": every tag
//   segment's value is in the map before commandWords runs (a refused value throws first).
// - substitute.ts:200 Regex, /[\s;|&()<>]+/ -> /[\s;|&()<>]/: splitting at each separator alone
//   only adds empty words between adjacent ones, which the filter after it drops.
// - substitute.ts:223 ConditionalExpression, `only?.kind === 'tag'` -> true: a one-segment line
//   with no tag has no placement (placeTemplateTags places tags only, by the command's line), so
//   readByShell is undefined there anyway. Only commands the parser cannot produce (two on one
//   line, the second with a tag) would tell it apart.
// - substitute.ts:223 and :229 OptionalChaining, `only?.kind` -> `only.kind`: after
//   `segments.length === 1`, `only` is always defined.
// - substitute.ts:235 ArrayDeclaration, `[]` -> `["Stryker was here"]`: a string in quotedValues
//   has no start or end, so it never holds a `!` (the comparisons with undefined are false) and
//   never starts a line (`text[NaN]` is not "^").
// - substitute.ts:371 StringLiteral, `linePrefix = ''` -> "Stryker was here!": the prefix has no
//   quote, backslash or `$`, so history expansion reads the line after it in the same state and
//   the prefix's own `!` is before every value; a value's `^` is checked only inside quotes the
//   template opened, so never at the very start of the first shell line, and the first Enter
//   resets the prefix as it does without the mutant.
// - substitute.ts:376 StringLiteral, `.pop() ?? ''` -> "Stryker was here!": split always returns
//   at least one string, so pop() is never undefined.
// - substitute.ts:262 ArithmeticOperator, `linePrefix.length + value.start` -> `- value.start`:
//   the two agree when the value starts its text; otherwise the mutant asks about an index at or
//   before the prefix's length, a line start there only at 0, and a `^` starting the template's
//   own line makes textExpandsHistory refuse every value of the template first.
