import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../../../electron/plugins/ssh/template/parser';
import type { PreparedStep } from '../../../../electron/plugins/ssh/template/prepared-steps';
import { substitute } from '../../../../electron/plugins/ssh/template/substitute';
import { MASK } from '../../../../electron/plugins/tag-engine';

const base = { USERNAME: 'alice', NEW_PASSWORD: 'S3cret!', SESSION_ID: 'S-1', EXPIRATION_DATE: '2030-01-31' };

function prepare(template: string, tags: Record<string, string> = base) {
  const parsed = parseTemplate(template);
  expect(parsed.problems).toEqual([]);
  return substitute(parsed.commands, tags);
}

function sent(template: string, tags: Record<string, string> = base): string {
  const result = prepare(template, tags);
  if (!result.ok) throw new Error(`refused: ${result.refusal.message}`);
  const [step] = result.steps;
  if (step?.kind !== 'exec' && step?.kind !== 'write') throw new Error('not an input step');
  return step.send;
}

function refusal(
  template: string,
  tags: Record<string, string>,
): { line: number | null; column: number | null; message: string } {
  const result = prepare(template, tags);
  if (result.ok)
    throw new Error(`not refused: ${JSON.stringify(result.steps.map((s: PreparedStep) => s.display))}`);
  return { line: result.refusal.line, column: result.refusal.column, message: result.refusal.message };
}

describe('values typed at a prompt (a string that is exactly one tag)', () => {
  it('are sent as they are, with Enter for exec and without for write', () => {
    expect(sent('exec "[#NEW_PASSWORD#]"', { NEW_PASSWORD: `a'b"c$(d) \\ \`e\`` })).toBe(
      `a'b"c$(d) \\ \`e\`\n`,
    );
    expect(sent('write "[#NEW_PASSWORD#]"', { NEW_PASSWORD: 'Ünïcødé😀' })).toBe('Ünïcødé😀');
  });

  it.each([
    ['newline', 'a\nb'],
    ['carriage return', 'a\rb'],
    ['CR LF', 'a\r\nb'],
    ['Ctrl-C', 'a\u0003b'],
    ['escape', 'a\u001b[2Jb'],
    ['tab', 'a\tb'],
    ['C1 control', 'a\u0085b'],
  ])('refuse a %s, naming the line and column, never the value', (_name, value) => {
    const refused = refusal('# typed\nexec "[#NEW_PASSWORD#]"', { NEW_PASSWORD: value });
    expect(refused).toMatchObject({ line: 2, column: 7 });
    expect(refused.message).toContain('[#NEW_PASSWORD#]');
    expect(refused.message).toContain('control character');
    expect(refused.message).not.toContain(value);
  });

  it('refuse NUL, an empty value and one longer than a prompt reads (the shared and SSH rules)', () => {
    expect(refusal('exec "[#NEW_PASSWORD#]"', { NEW_PASSWORD: 'a\u0000b' }).message).toContain('NUL');
    expect(refusal('exec "[#NEW_PASSWORD#]"', { NEW_PASSWORD: '' }).message).toContain('empty');
    expect(refusal('exec "[#NEW_PASSWORD#]"', { NEW_PASSWORD: 'x'.repeat(512) }).message).toContain(
      '511 bytes',
    );
    expect(sent('exec "[#NEW_PASSWORD#]"', { NEW_PASSWORD: 'x'.repeat(511) })).toHaveLength(512);
  });
});

describe('values inside a command line', () => {
  it('are inserted as they are when they have their tag’s form, even inside quotes', () => {
    expect(
      sent('exec "useradd -m -c \\"managed [#SESSION_ID#]\\" -e [#EXPIRATION_DATE#] [#USERNAME#]"'),
    ).toBe('useradd -m -c "managed S-1" -e 2030-01-31 alice\n');
    expect(sent('exec "id [#USERNAME#]"', { USERNAME: 'John.Doe-2' })).toBe('id John.Doe-2\n');
  });

  it.each([
    ['an empty name in a comma list (pkill -u reads it as root)', ','],
    ['a list', 'alice,root'],
    ['a number (a uid)', '0'],
    ['a shell word', "o'brien"],
    ['a blank', 'a b'],
    ['an option', '-ou0'],
    ['a leading dot', '..'],
    ['non-ASCII', 'Ünïcødé'],
    ['too long', 'a'.repeat(33)],
  ])('refuse a USERNAME with %s, in a command, at a prompt and in a pattern', (_name, value) => {
    for (const template of [
      'exec "pkill -KILL -u [#USERNAME#]"',
      'exec "[#USERNAME#]"',
      'no-expect "*[#USERNAME#]"',
    ]) {
      const refused = refusal(template, { USERNAME: value });
      expect(refused.message).toContain('is not a user name');
    }
  });

  it('single-quote a value without a form, so the shell sees one literal word', () => {
    expect(sent('exec "echo [#ADD_INFO#]"', { ADD_INFO: "o'brien; rm -rf /" })).toBe(
      `echo 'o'\\''brien; rm -rf /'\n`,
    );
    expect(sent('exec "echo [#ADD_INFO#]"', { ADD_INFO: '$(touch /tmp/x)' })).toBe(
      `echo '$(touch /tmp/x)'\n`,
    );
    expect(sent('exec "echo x=[#ADD_INFO#]"', { ADD_INFO: '-n' })).toBe(`echo x='-n'\n`);
    expect(sent('exec "for i in $(seq 3); do echo [#ADD_INFO#]; done"', { ADD_INFO: 'a b' })).toBe(
      `for i in $(seq 3); do echo 'a b'; done\n`,
    );
  });

  it('refuse control and non-ASCII characters', () => {
    expect(refusal('exec "echo [#ADD_INFO#]"', { ADD_INFO: 'a\nb' }).message).toContain('control character');
    expect(refusal('exec "echo [#ADD_INFO#]"', { ADD_INFO: 'a\tb' }).message).toContain('control character');
    expect(refusal('exec "echo [#ADD_INFO#]"', { ADD_INFO: 'Ünïcødé' }).message).toContain('printable ASCII');
  });

  it.each([
    ['single quotes under su', 'exec "su -c \'id [#ADD_INFO#]\'"', 'goes to su'],
    ['double quotes under sh -c', 'exec "sh -c \\"id [#ADD_INFO#]\\""', 'goes to sh'],
    ['backticks', 'exec "echo `id [#ADD_INFO#]`"', 'inside backticks'],
    ['${…}', 'exec "echo ${X:-[#ADD_INFO#]}"', 'inside ${…}'],
    ['sh -c', 'exec "sh -c \'id \\"$1\\"\' _ [#ADD_INFO#]"', 'goes to sh, which is a shell'],
    ['su', 'exec "su root -c [#ADD_INFO#]"', 'parses its arguments as shell code'],
    ['ssh', 'exec "ssh other id [#ADD_INFO#]"', 'parses its arguments as shell code'],
  ])('refuse a value that needs quoting inside %s', (_name, template, message) => {
    const refused = refusal(template, { ADD_INFO: 'a;b' });
    expect(refused.line).toBe(1);
    expect(refused.message).toContain(message);
  });

  it("escape a value for the template's own quotes", () => {
    expect(sent('exec "useradd -c \\"x [#ADD_INFO#]\\" u"', { ADD_INFO: 'a"$b`\\!' })).toBe(
      `useradd -c "x a"'"'"\\$b\\\`\\\\"'!'"" u\n`,
    );
    expect(sent('exec "echo \'it [#ADD_INFO#]\' > f"', { ADD_INFO: "it's $(id)" })).toBe(
      `echo 'it it'\\''s $(id)' > f\n`,
    );
    expect(refusal('exec "echo \'[#ADD_INFO#]\'"', { ADD_INFO: 'a\nb' }).message).toContain(
      'control character',
    );
    expect(refusal('exec "rm \'[#ADD_INFO#]\'"', { ADD_INFO: '-rf' }).message).toContain('option');
  });

  it('quote again after a command separator ends the re-parsing command', () => {
    expect(sent('exec "ssh-keygen -q; echo [#ADD_INFO#]"', { ADD_INFO: 'a;b' })).toBe(
      `ssh-keygen -q; echo 'a;b'\n`,
    );
    expect(sent('exec "sh -c \'true\'; echo [#ADD_INFO#]"', { ADD_INFO: 'a;b' })).toBe(
      `sh -c 'true'; echo 'a;b'\n`,
    );
  });

  it('refuse a value that would start a word with - (an option)', () => {
    expect(refusal('exec "mycli [#ADD_INFO#]"', { ADD_INFO: '-e drop' }).message).toContain('option');
  });

  it('refuse a date or session id out of its format in any context, rather than quote it', () => {
    expect(refusal('exec "useradd -e [#EXPIRATION_DATE#] x"', { EXPIRATION_DATE: ' a ' }).message).toContain(
      'is not a YYYY-MM-DD date',
    );
    expect(refusal('exec "[#SESSION_ID#]"', { SESSION_ID: 'S 1' }).message).toContain('is not a session id');
    expect(refusal('expect "*[#EXPIRATION#]*"', { EXPIRATION: 'tomorrow' }).message).toContain('ISO 8601');
    expect(sent('exec "echo [#EXPIRATION#]"', { EXPIRATION: '2030-01-31T12:00:00Z' })).toBe(
      'echo 2030-01-31T12:00:00Z\n',
    );
  });

  it('refuse a line longer than a terminal holds', () => {
    expect(refusal('exec "echo [#ADD_INFO#]"', { ADD_INFO: 'x'.repeat(4001) }).message).toContain(
      '4000 bytes',
    );
  });

  it('never substitute a value a second time', () => {
    expect(sent('exec "echo [#ADD_INFO#]"', { ADD_INFO: '[#NEW_PASSWORD#]', NEW_PASSWORD: 'p' })).toBe(
      `echo '[#NEW_PASSWORD#]'\n`,
    );
  });
});

describe('tags in general', () => {
  it('refuse unknown tags and missing values with the tag’s position', () => {
    expect(refusal('exec "id"\nexec "id [#NOPE#]"', {})).toMatchObject({ line: 2, column: 10 });
    expect(refusal('expect "*[#USERNAME#]"', {}).message).toContain('No value for [#USERNAME#]');
  });

  it('mask secrets in what steps show, and collect their sent forms for masking output', () => {
    const result = prepare(
      'exec "[#NEW_PASSWORD#]"\nexec "echo [#NEW_PASSWORD#]"\nexpect "*[#NEW_PASSWORD#]*"',
      {
        NEW_PASSWORD: "it's",
      },
    );
    if (!result.ok) throw new Error('refused');
    expect(result.steps.map((s) => s.display)).toEqual([
      'exec "******"',
      'exec "echo ******"',
      'expect "*' + MASK + '*"',
    ]);
    expect(result.secrets).toEqual(expect.arrayContaining(["it's", `'it'\\''s'`]));
  });

  it('escape values in regexes so they match themselves', () => {
    const result = prepare('expect-regex "/^[#ADD_INFO#] P/m"', { ADD_INFO: 'a.b+(c)' });
    if (!result.ok) throw new Error('refused');
    const [step] = result.steps;
    if (step?.kind !== 'expect-regex') throw new Error('not a regex step');
    const view = (text: string) => ({ text, lines: text.split('\n'), cursorLine: '', atPrompt: false });
    expect(step.matcher.match(view('x\na.b+(c) P 2030'))).toBe('a.b+(c) P');
    expect(step.matcher.match(view('x\naxbb(c) P 2030'))).toBeNull();
  });
});

// Properties of substitute.ts that no test above pinned (found while measuring the "ssh
// substitution" mutation module).
describe('what a command line step records and reads', () => {
  it('records the words of the command, each value whole and unquoted (for the echo check)', () => {
    const result = prepare(`exec "printf '%s' \\"a b\\";echo [#ADD_INFO#]|cat"`, { ADD_INFO: 'x y' });
    if (!result.ok) throw new Error(`refused: ${result.refusal.message}`);
    const [step] = result.steps;
    if (step?.kind !== 'exec') throw new Error('not an exec step');
    expect(step.sent).toEqual({
      text: `printf '%s' "a b";echo 'x y'|cat`,
      words: ['printf', '%s', 'a', 'b', 'echo', 'x y', 'cat'],
    });
  });

  it('reads history expansion over the whole shell line, a write before the value included', () => {
    // `echo "a` then ` "'!'"x"`: the ! sits between single quotes outside the double quotes.
    const result = prepare(`write "echo \\"a"\nexec " [#ADD_INFO#]\\""`, { ADD_INFO: '!x' });
    if (!result.ok) throw new Error(`refused: ${result.refusal.message}`);
    expect(result.steps.map((s) => (s.kind === 'exec' || s.kind === 'write' ? s.send : ''))).toEqual([
      'echo "a',
      ` "'!'"x"\n`,
    ]);
  });

  it('refuses at run a one-tag line the shell reads where no value may go', () => {
    const refused = refusal('exec "echo $((1 +"\nexec "[#USERNAME#]"', base);
    expect(refused).toMatchObject({ line: 2, column: 7 });
    expect(refused.message).toContain('is refused: the tag sits in an arithmetic expression');
  });

  it('refuses every value of a template whose own text asks for history expansion (a!b brings an earlier line back)', () => {
    const result = prepare(`write "echo a!b "\nexec "\\"[#ADD_INFO#]\\" c!d"`, { ADD_INFO: 'x' });
    expect(result.ok ? null : result.refusal.message).toContain('history expansion');
    // Before a blank, = or (, bash leaves a ! alone: the template may write one there.
    const plain = prepare(`exec "[ a != b ] && ! false && echo [#ADD_INFO#]"`, { ADD_INFO: 'x' });
    expect(plain.ok).toBe(true);
  });
});
