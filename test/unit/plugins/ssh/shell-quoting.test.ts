import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { placeTags } from '../../../../electron/plugins/ssh/shell-context';
import { shellQuote } from '../../../../electron/plugins/ssh/shell-quote';
import { splitTags } from '../../../../electron/plugins/ssh/tag-segments';
import {
  isPrintableAscii,
  hasControlCharacter,
  strictValuePatterns,
} from '../../../../electron/plugins/ssh/tag-values';
import { hostileValues } from '../../../support/hostile-values';

describe('shell quoting', () => {
  // Every value the plugin would quote (printable ASCII without control characters) comes out of
  // a real POSIX shell exactly as it went in.
  const quotable = hostileValues.filter((h) => isPrintableAscii(h.value) && !hasControlCharacter(h.value));

  it.each(quotable.map((h) => [h.name, h.value] as const))(
    '%s survives /bin/sh literally',
    (_name, value) => {
      expect(execFileSync('/bin/sh', ['-c', `printf %s ${shellQuote(value)}`], { encoding: 'utf8' })).toBe(
        value,
      );
    },
  );
});

describe('strict value patterns', () => {
  it('let through no shell metacharacter, blank or leading dash', () => {
    const samples = [...hostileValues.map((h) => h.value), '-ou0', '--help', 'a b', 'a\u00a0b'];
    for (const [tag, pattern] of Object.entries(strictValuePatterns)) {
      for (const value of samples.filter((v) => pattern.test(v))) {
        expect(value, `${tag} accepted ${JSON.stringify(value)}`).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_.:@+-]*$/);
      }
    }
  });
});

describe('tag placement in a command line', () => {
  const placements = (text: string) =>
    placeTags(splitTags(text)).map(({ context, wordStart, reparsed }) => ({ context, wordStart, reparsed }));

  it('tells quoted from unquoted, word starts and re-parsing commands', () => {
    expect(
      placements(`a [#X#] b=[#X#] "[#X#]" '[#X#]' $([#X#]) \`[#X#]\` \${V:-[#X#]} $(( [#X#] ))`),
    ).toEqual([
      { context: 'unquoted', wordStart: true, reparsed: false },
      { context: 'unquoted', wordStart: false, reparsed: false },
      { context: 'double-quotes', wordStart: false, reparsed: false },
      { context: 'single-quotes', wordStart: false, reparsed: false },
      { context: 'unquoted', wordStart: true, reparsed: false },
      { context: 'backticks', wordStart: false, reparsed: false },
      { context: 'expansion', wordStart: false, reparsed: false },
      { context: 'expansion', wordStart: false, reparsed: false },
    ]);
    expect(placements('sudo /bin/sh -c x [#X#]; id [#X#] | eval [#X#]')).toEqual([
      { context: 'unquoted', wordStart: true, reparsed: true },
      { context: 'unquoted', wordStart: true, reparsed: false },
      { context: 'unquoted', wordStart: true, reparsed: true },
    ]);
    expect(placements('echo \\"[#X#]\\" "a\\"[#X#]"')).toEqual([
      { context: 'unquoted', wordStart: false, reparsed: false },
      { context: 'double-quotes', wordStart: false, reparsed: false },
    ]);
  });
});
