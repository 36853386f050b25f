/**
 * Surviving mutants of command-rules.ts (`npm run mutation`, module "ssh command rules", 4
 * December): the dynamic loader, chrt's optional priority, and what a wrapper's shell option
 * reads from a pipe. classifyCommand is called directly, with words as the reader gives them.
 */
import { describe, expect, it } from 'vitest';
import { checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';
import { classifyCommand } from '../../../../electron/plugins/ssh/template/command-rules';
import { words } from './support/settings-rows';

describe('the dynamic loader runs the program its first argument names', () => {
  it.each(['/lib64/ld-linux-x86-64.so.2 /bin/sh', 'ld.so /bin/sh', 'ld-linux.so.2 /bin/sh'])('%s', (line) => {
    expect(classifyCommand(words(line))).toMatchObject({ kind: 'reparsed', readsCode: true });
  });

  it.each(['xld.so /bin/sh', 'ld-linux/x.so /bin/sh'])('%s is some other program', (line) => {
    expect(classifyCommand(words(line)).kind).toBe('plain');
  });
});

describe("chrt's priority, a number, is optional", () => {
  it.each([
    ['chrt -o 0 sh', 'sh'],
    ['chrt -o 10 sh', 'sh'],
    ['chrt -o sh', 'sh'],
    // Not a number: the command itself, whatever digits it holds.
    ['chrt -o x5 id', 'x5'],
    ['chrt -o 5x id', '5x'],
  ])('%s runs %s', (line, name) => {
    expect(classifyCommand(words(line)).name).toBe(name);
  });
});

describe("a wrapper's shell option runs what is piped into it", () => {
  it('printf … | sudo -s refuses a quoted value', () => {
    expect(checkSshTemplate('exec "printf %s [#ADD_INFO#] | sudo -s"')).not.toEqual([]);
  });
});
