// A line that is exactly one tag is typed as it is: safe at a program's prompt, but not where the
// shell is still reading what came before (a here-document, an open quote, a `write` prefix).
// And the command-name reading walks past `time -- / time !` and `env -` (found by a review).

import { describe, expect, it } from 'vitest';
import { sshBuiltinTemplates } from '../../../../electron/plugins/ssh/builtin-templates';
import { checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';
import { parseTemplate } from '../../../../electron/plugins/ssh/template/parser';
import { substitute } from '../../../../electron/plugins/ssh/template/substitute';

const tags = { USERNAME: 'alice', ADD_INFO: '$(touch /tmp/jitpam-canary)', NEW_PASSWORD: 'Pw-1$(id)' };

const atSave = (template: string) => checkSshTemplate(template);
const atRun = (template: string) => {
  const result = substitute(parseTemplate(template).commands, tags);
  return result.ok ? null : result.refusal;
};

describe('a one-tag line the shell reads, not a prompt', () => {
  it.each([
    ['inside a here-document', 'exec "tee /tmp/motd <<EOF"\nexec "[#ADD_INFO#]"\nexec "EOF"', 2],
    ['inside an open double quote', 'exec "echo \\"Note:"\nexec "[#ADD_INFO#]"\nexec "\\""', 2],
    ['after a write on the same command line', 'write "useradd -c "\nexec "[#ADD_INFO#]"', 2],
    ['a password in a here-document', 'exec "chpasswd <<EOF"\nexec "[#NEW_PASSWORD#]"\nexec "EOF"', 2],
  ])('%s: refused at save and at run', (_why, template, line) => {
    const problems = atSave(template);
    expect(problems.map((p) => p.line)).toContain(line);
    const refusal = atRun(template);
    expect(refusal, 'the run would send the value').not.toBeNull();
    expect(refusal?.line).toBe(line);
    expect(refusal?.message).not.toContain('touch');
  });

  it('a value with a form is refused there too: the reader does not follow the here-document', () => {
    // Its lines are read as commands, where a ' in the text would hide a $((…)) from the reader
    // (attack-reader-1203.test.ts), and a value equal to EOF would end it early.
    const template = 'exec "tee /tmp/users <<EOF"\nexec "[#USERNAME#]"\nexec "EOF"';
    expect(atSave(template).map((p) => p.line)).toEqual([2]);
    expect(atRun(template)?.line).toBe(2);
  });

  it('an answer at a prompt after a finished command stays allowed', () => {
    const template =
      'exec "passwd [#USERNAME#]"\nexpect "*password:"\nexec "[#NEW_PASSWORD#]"\nexpect "*password:"\nexec "[#NEW_PASSWORD#]"';
    expect(atSave(template)).toEqual([]);
    expect(atRun(template)).toBeNull();
  });

  it('the built-in templates still pass', () => {
    for (const builtIn of sshBuiltinTemplates) expect(atSave(builtIn.content), builtIn.name).toEqual([]);
  });
});

describe('command names past time and env', () => {
  it.each([
    'time -- ssh db1 /usr/local/sbin/grant [#ADD_INFO#]',
    'time -p -- bash -c [#ADD_INFO#]',
    'time ! sh -c [#ADD_INFO#]',
    'env - PATH=/usr/bin su app -c [#ADD_INFO#]',
    'sudo env - ssh db1 grant [#ADD_INFO#]',
    'nohup - sh -c [#ADD_INFO#]',
  ])('%s is refused', (shell) => {
    const template = `exec "${shell}"`;
    expect(atSave(template), 'the check passed it').not.toEqual([]);
    expect(atRun(template), 'the run would send it').not.toBeNull();
  });

  it('plain uses still pass', () => {
    for (const shell of [
      'time -p useradd -c [#ADD_INFO#] alice',
      'env - PATH=/usr/bin useradd -c [#ADD_INFO#] bob',
    ])
      expect(atSave(`exec "${shell}"`), shell).toEqual([]);
  });
});

describe('output into a process substitution is a pipe', () => {
  it.each(['echo [#ADD_INFO#] > >(sh)', 'echo [#ADD_INFO#] | tee >(bash)', '{ echo [#ADD_INFO#]; } > >(sh)'])(
    '%s is refused',
    (shell) => {
      const template = `exec "${shell}"`;
      expect(atSave(template), 'the check passed it').not.toEqual([]);
      expect(atRun(template), 'the run would send it').not.toBeNull();
    },
  );

  it('exec 3> >(sh) refuses quoted values for the rest of the template', () => {
    const template = 'exec "exec 3> >(sh)"\nexec "echo [#ADD_INFO#] >&3"';
    expect(atSave(template).map((p) => p.line)).toContain(2);
    expect(atRun(template)).not.toBeNull();
  });

  it('reading from <(…) stays allowed', () => {
    expect(atSave('exec "diff <(id -un) - <<< [#USERNAME#]"')).toEqual([]);
    expect(atSave('exec "useradd -c [#ADD_INFO#] alice"')).toEqual([]);
  });
});
