import { describe, expect, it } from 'vitest';
import { checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';
import {
  invalidRegexMessage,
  parseRegexLiteral,
} from '../../../../electron/plugins/ssh/template/regex-literal';

describe('SSH regex literals', () => {
  it('says "Invalid regular expression" once, with the reason', () => {
    const parsed = parseRegexLiteral('/[/');
    expect(parsed).toEqual({
      ok: false,
      offset: 1,
      message: 'Invalid regular expression: Unterminated character class',
    });
  });

  it('reports it once in the template check too', () => {
    const problems = checkSshTemplate('expect-regex "/a(/i"');
    expect(problems.map((p) => p.message)).toEqual(['Invalid regular expression: Unterminated group']);
    expect(problems[0]?.message.match(/Invalid regular expression/g)).toHaveLength(1);
  });

  it('words a message without the engine prefix the same way', () => {
    expect(invalidRegexMessage(new SyntaxError('Nothing to repeat'))).toBe(
      'Invalid regular expression: Nothing to repeat',
    );
    expect(invalidRegexMessage('not an error')).toBe('Invalid regular expression: invalid');
  });

  it('accepts a valid literal with flags and tags', () => {
    expect(parseRegexLiteral('/^[#USERNAME#]:/m')).toMatchObject({
      ok: true,
      source: '^[#USERNAME#]:',
      flags: 'm',
    });
  });
});
