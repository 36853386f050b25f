// accountEnabledCommand's verdict, run by the real awk on getent-shadow lines: disabled is what the
// built-in disable template sets (expired), never a locked password alone (key-only accounts).

import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  accountEnabledCommand,
  parseEnabledState,
  shadowVerdictAwk,
} from '../../../../electron/plugins/ssh/account-commands';

const today = Math.floor(Date.now() / 86_400_000);
/** The verdict for these shadow lines (none: getent found no account). */
function verdict(...shadow: string[]): boolean | null {
  const input = shadow.map((line) => `${line}\n`).join('');
  return parseEnabledState(execFileSync('sh', ['-c', shadowVerdictAwk], { input, encoding: 'utf8' }));
}
const line = (password: string, expire = ''): string => `alice:${password}:20000:0:99999:7::${expire}:`;

describe('SSH accountEnabled verdict', () => {
  it('a key-only account (password locked or none, not expired) is enabled', () => {
    expect(verdict(line('!'))).toBe(true);
    expect(verdict(line('*'))).toBe(true);
    expect(verdict(line('!$6$salt$hash'))).toBe(true);
    expect(verdict(line('!', String(today + 30)))).toBe(true);
  });

  it('a password account, not expired, is enabled', () => {
    expect(verdict(line('$6$salt$hash'))).toBe(true);
  });

  it('expired (the disable template: usermod -L -e 1), or on an earlier day, is disabled whatever the password', () => {
    expect(verdict(line('!$6$salt$hash', '1'))).toBe(false);
    expect(verdict(line('$6$salt$hash', '1'))).toBe(false);
    expect(verdict(line('!!', '1'))).toBe(false);
    expect(verdict(line('$6$salt$hash', String(today - 1)))).toBe(false);
  });

  it('no such account is disabled; the command reads that account only', () => {
    expect(verdict()).toBe(false);
    expect(accountEnabledCommand('alice')).toBe(`getent shadow alice | ${shadowVerdictAwk}`);
  });
});
