/** What the JIT template drop-downs may offer: the chosen plugin's active templates of the direction's type. */
import { describe, expect, it } from 'vitest';
import { templatesFor, type RuleContext } from '../../../shared/domain/rules/credential-rules';
import { jitExecutionTypes } from '../../../shared/domain/jit';

type RuleTemplate = RuleContext['templates'][number];
const template = (id: number, over: Partial<RuleTemplate> = {}): RuleTemplate => ({
  id,
  name: `t${id}`,
  active: true,
  pluginId: 'ssh',
  executionType: jitExecutionTypes.enable,
  ...over,
});

describe('templatesFor', () => {
  it('offers only active templates of the plugin and the execution type of the direction', () => {
    const templates = [
      template(1),
      template(2, { active: false }),
      template(3, { pluginId: 'postgresql' }),
      template(4, { executionType: jitExecutionTypes.disable }),
      template(5),
    ];
    expect(templatesFor(templates, 'enable', 'ssh').map((t) => t.id)).toEqual([1, 5]);
    expect(templatesFor(templates, 'disable', 'ssh').map((t) => t.id)).toEqual([4]);
  });
});
