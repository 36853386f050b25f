import { describe, expect, it } from 'vitest';
import {
  regexMatcher,
  wildcardMatcher,
  type PatternPart,
} from '../../../../electron/plugins/ssh/template/output-matchers';
import type { WindowView } from '../../../../electron/plugins/ssh/template/output-window';

function view(text: string): WindowView {
  const lines = text.split('\n');
  return { text, lines, cursorLine: lines[lines.length - 1] ?? '', atPrompt: false };
}

const pattern = (text: string, ...values: string[]): PatternPart[] =>
  values.length === 0
    ? [{ text, literal: false }]
    : [{ text, literal: false }, ...values.map((v) => ({ text: v, literal: true }))];

const matches = (patternText: string, output: string): string | null =>
  wildcardMatcher(pattern(patternText)).match(view(output));

describe('wildcard patterns', () => {
  it('a leading * matches anything before, within the line', () => {
    expect(matches('*password:', 'New password: ')).toBe('New password:');
    expect(matches('*updated successfully*', '\npasswd: password updated successfully\nroot@vm:~# ')).toBe(
      'passwd: password updated successfully',
    );
  });

  it('without a leading * the pattern must start a line', () => {
    expect(matches('Password:', 'Old Password: ')).toBeNull();
    expect(matches('Password:', 'x\nPassword: ')).toBe('Password:');
    expect(matches('JIT-FAILED', 'echo JIT-FAILED')).toBeNull();
  });

  it('the end is open, and * never crosses a line', () => {
    expect(matches('*(alice)', 'uid=1001(alice) gid=1001(alice)')).not.toBeNull();
    expect(matches('*uid*gid', 'uid=1\ngid=2')).toBeNull();
  });

  it('a trailing prompt sign waits for a prompt on the cursor line; $ # % stand for each other', () => {
    expect(matches('*$', 'motd\nroot@vm:~# ')).toBe('root@vm:~#');
    expect(matches('*#', 'user@vm:~$ ')).toBe('user@vm:~$');
    expect(matches('*%', 'host% ')).toBe('host%');
    expect(matches('*$ ', 'root@vm:~# ')).toBe('root@vm:~#');
    expect(matches('$', 'root@vm:~# ')).toBe('root@vm:~#');
    // A sign on an earlier line, or not at the end of the cursor line, is no prompt.
    expect(matches('*$', 'costs $5\n')).toBeNull();
    expect(matches('*$', 'root@vm:~# id')).toBeNull();
    expect(matches('*>', 'router# ')).toBeNull();
    expect(matches('*>', 'router> ')).toBe('router>');
  });

  it('escaped stars and signs are literal', () => {
    expect(matches('a\\*b', 'a*b')).toBe('a*b');
    expect(matches('a\\*b', 'axxb')).toBeNull();
    expect(matches('*costs \\$', 'it costs $\nnext')).toBe('it costs $');
    expect(matches('*costs \\$', 'it costs #')).toBeNull();
  });

  it('tag values are literal: a * or a $ in a value is itself', () => {
    const star = wildcardMatcher(pattern('*', 'a*b'));
    expect(star.match(view('xa*b'))).toBe('xa*b');
    expect(star.match(view('axxb'))).toBeNull();
    const dollar = wildcardMatcher(pattern('*', 'price$'));
    expect(dollar.match(view('price$ tag\n'))).toBe('price$ tag');
    expect(wildcardMatcher(pattern('*', '.+')).match(view('abc'))).toBeNull();
  });

  it('is case-sensitive and ignores trailing blanks', () => {
    expect(matches('*Password:', 'password: ')).toBeNull();
    expect(matches('*done   ', 'all done\t ')).toBe('all done');
  });
});

describe('regex patterns', () => {
  it('match the window as a whole; $ is the end of the output', () => {
    const prompt = regexMatcher(/[$#>] ?$/);
    expect(prompt.match(view('useradd ok\nroot@vm:~# '))).toBe('# ');
    expect(prompt.match(view('root@vm:~# \nmore'))).toBeNull();
    expect(regexMatcher(/^uid=\d+\(bob\)/m).match(view('x\nuid=7(bob) gid=7'))).toBe('uid=7(bob)');
  });
});
