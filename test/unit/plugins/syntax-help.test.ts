// The template-language help lives once, in shared/plugins/syntax/: the plugin modules reference
// it, the renderer's Syntax help tab reads it, and `plugins.list` carries it as text.
import { describe, expect, it } from 'vitest';
import { createPluginRegistry, pluginModules } from '../../../electron/plugins/registry';
import { pluginCatalogue } from '../../../shared/domain/plugin';
import { syntaxHelps } from '../../../shared/plugins/syntax';
import { syntaxHelpText } from '../../../shared/plugins/syntax-help';

describe('plugin syntax help', () => {
  it('is the same data for the core and the renderer, for every available plugin and no other', () => {
    for (const module of pluginModules) {
      expect(module.syntaxHelp, module.id).toBe(syntaxHelps[module.id]);
      expect(module.syntaxHelp.pluginId).toBe(module.id);
    }
    const withHelp = pluginCatalogue.filter((p) => syntaxHelps[p.id] !== undefined).map((p) => p.id);
    expect(withHelp).toEqual(pluginCatalogue.filter((p) => p.available).map((p) => p.id));
  });

  it('says something for each plugin, and its example passes the plugin’s own check', () => {
    const registry = createPluginRegistry();
    for (const module of pluginModules) {
      const help = module.syntaxHelp;
      expect(help.summary.join('').trim(), module.id).not.toBe('');
      expect(help.sections.flatMap((s) => s.rules).length, module.id).toBeGreaterThan(0);
      expect(help.example.trim(), module.id).not.toBe('');
      expect(registry.get(module.id)?.check(help.example), module.id).toEqual([]);
    }
  });

  it('is what plugins.list carries, as text', () => {
    const registry = createPluginRegistry();
    for (const module of pluginModules)
      expect(registry.help(module.id)).toBe(syntaxHelpText(module.syntaxHelp));
  });

  it('writes the commands as an aligned table, each section as a titled list, then the example', () => {
    const text = syntaxHelpText({
      pluginId: 'ssh',
      summary: ['One command a line.'],
      commands: [
        { syntax: 'exec "text"', meaning: 'type text and Enter' },
        { syntax: 'end', meaning: 'stop here' },
      ],
      notes: ['Strings: double quotes.'],
      sections: [{ title: 'Tags', rules: ['values are checked', 'secrets are masked'] }],
      example: 'exec "id"\nend',
    });
    expect(text).toBe(
      [
        'One command a line.',
        '',
        '  exec "text"   type text and Enter',
        '  end           stop here',
        '',
        'Strings: double quotes.',
        '',
        'Tags',
        '  - values are checked',
        '  - secrets are masked',
        '',
        'Example',
        '  exec "id"',
        '  end',
      ].join('\n'),
    );
  });

  it('leaves out what a plugin has none of', () => {
    const text = syntaxHelpText({
      pluginId: 'postgresql',
      summary: ['Statements.'],
      commands: [],
      notes: [],
      sections: [{ title: 'Tags', rules: ['quoted'] }],
      example: '',
    });
    expect(text).toBe('Statements.\n\nTags\n  - quoted');
  });
});
