/**
 * Command strings as long as a template allows, from the attack reviews of 4 December: the check
 * stays linear and refuses them. Not timing tests (the bounds are tens of times the time they
 * take); kept out of the mutation runs' test files (stryker.config.mjs), where instrumented code
 * is tens of times slower and a mutant that made the reading quadratic times out anyway.
 */
import { describe, expect, it } from 'vitest';
import { checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';
import { thenValue } from './support/exec-lines';

describe('command strings nested deep are refused, quickly', () => {
  it('a chain of 10,000 ssh', () => {
    const start = performance.now();
    const problems = checkSshTemplate(thenValue(`${'ssh h '.repeat(10_000)}id`));
    expect(problems).not.toEqual([]);
    // Not a timing test: a quadratic reading took 45 s and then overflowed the stack.
    expect(performance.now() - start).toBeLessThan(20_000);
  });
});

describe('second review: runners within runners stay linear', () => {
  // Not timing tests: before, 100 nested -exec took 63 s and 3,300 `-exec ssh h id \;` 144 s.
  it.each([
    ['find . -exec … id \\; nested 100 deep', `${'find . -exec '.repeat(100)}id${' \\;'.repeat(100)}`],
    ['3,300 find -exec ssh', `find .${' -exec ssh h id \\;'.repeat(3300)}`],
    ['8,000 sudo -s', `${'sudo -s '.repeat(8000)}id`],
  ])('%s', (_name, line) => {
    const start = performance.now();
    checkSshTemplate(thenValue(line));
    expect(performance.now() - start).toBeLessThan(20_000);
  });
});
