import { describe, expect, it } from 'vitest';
import { sshBuiltinTemplates } from '../../../../electron/plugins/ssh/builtin-templates';
import { checkSshSyntax, checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';
import { SshPlugin } from '../../../../electron/plugins/ssh/ssh-plugin';
import { executionTypes } from '../../../../shared/domain/template';

describe('SSH template check', () => {
  it('reports malformed tags with syntax problems, in line order', () => {
    const problems = checkSshTemplate('exec "useradd [#USERNAMEs#]"\nbogus\nexec "[#username#]"');
    expect(problems.map((p) => [p.line, p.column, p.message])).toEqual([
      [1, 15, 'Malformed tag [#USERNAMEs#]: write [#NAME#] in upper case'],
      [2, 1, expect.stringContaining('Unknown command "bogus"') as unknown],
      [3, 7, expect.stringContaining('Malformed tag') as unknown],
    ]);
    expect(checkSshSyntax('exec "[#NOPE#]"')).toEqual([]);
  });

  it('does not take a regex character class for a malformed tag', () => {
    expect(checkSshTemplate('expect-regex "/[#$] ?$/"')).toEqual([]);
    expect(checkSshTemplate(`expect-regex "/[#${'X'.repeat(65)}#]/"`)).toHaveLength(1);
  });

  it('is what the plugin reports', () => {
    expect(new SshPlugin().check('nope')).toEqual(checkSshTemplate('nope'));
  });

  it('finds nothing wrong in the built-in templates, which cover every execution type', () => {
    for (const template of sshBuiltinTemplates)
      expect(checkSshTemplate(template.content), template.key).toEqual([]);
    expect(new Set(sshBuiltinTemplates.map((t) => t.executionType))).toEqual(new Set(executionTypes));
    expect(new Set(sshBuiltinTemplates.map((t) => t.key)).size).toBe(sshBuiltinTemplates.length);
  });
});

describe('comment lines', () => {
  it('are not checked for tags: a commented-out [#$>] regex or an unknown tag there is text', () => {
    const template = [
      '#expect-regex "/[#$>]/"',
      '  # exec "[#NOT_A_TAG_WE_KNOW#]"',
      'expect-regex "/[#$>]/"',
      'exec "id"',
    ].join('\n');
    expect(checkSshTemplate(template)).toEqual([]);
    // Outside a comment the same text is still a problem.
    expect(checkSshTemplate('exec "[#$>]"')).toMatchObject([{ line: 1, column: 7 }]);
  });
});
