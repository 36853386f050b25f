// The registry is the list of plugin modules: each available catalogue plugin has exactly one,
// with the catalogue's family, a help text, and a template library its own check accepts.
import { describe, expect, it } from 'vitest';
import type { PluginModule } from '../../../electron/plugins/plugin-module';
import { createPluginRegistry, pluginModules } from '../../../electron/plugins/registry';
import { pluginCatalogue } from '../../../shared/domain/plugin';
import { isSqlPlugin } from '../../../renderer/features/templates/test-on-device';

describe('plugin registry', () => {
  it('has exactly one module per available catalogue plugin, none for the others', () => {
    const available = pluginCatalogue.filter((p) => p.available).map((p) => p.id);
    expect(pluginModules.map((m) => m.id).sort()).toEqual([...available].sort());
  });

  it("gives each module the catalogue's family", () => {
    for (const module of pluginModules)
      expect(module.family, module.id).toBe(pluginCatalogue.find((p) => p.id === module.id)?.family);
  });

  it('serves each module’s runtime and help, and nothing for a plugin not in this build', () => {
    const registry = createPluginRegistry();
    for (const module of pluginModules) {
      expect(registry.get(module.id)?.id, module.id).toBe(module.id);
      expect(registry.help(module.id).trim(), module.id).not.toBe('');
    }
    expect(registry.get('winrm')).toBeUndefined();
    expect(registry.help('winrm')).toBe('');
  });

  it('lists every built-in template once, keyed by its plugin, and each passes its own check', () => {
    const registry = createPluginRegistry();
    const templates = registry.builtInTemplates();
    expect(new Set(templates.map((t) => t.key)).size).toBe(templates.length);
    for (const module of pluginModules) {
      const own = templates.filter((t) => t.pluginId === module.id);
      expect(own.length, module.id).toBe(module.builtInTemplates.length);
      expect(own.length, module.id).toBeGreaterThan(0);
      for (const t of own) {
        expect(t.key.startsWith(`${module.id}:`), t.key).toBe(true);
        expect(registry.get(module.id)?.check(t.content), t.key).toEqual([]);
      }
    }
  });

  it('hands every factory the options, once', () => {
    const seen: unknown[] = [];
    const check = () => true;
    const fake = (module: PluginModule): PluginModule => ({
      ...module,
      createRuntime: (options) => {
        seen.push(options.sshHostKeyCheck);
        return module.createRuntime({});
      },
    });
    createPluginRegistry({ sshHostKeyCheck: check }, pluginModules.map(fake));
    expect(seen).toEqual(pluginModules.map(() => check));
  });
});

describe('plugin families', () => {
  it('tell the SQL plugins from the others, available or not', () => {
    const sql = pluginCatalogue.filter((p) => isSqlPlugin(p.id)).map((p) => p.id);
    expect(sql).toEqual(['postgresql', 'mysql', 'mssql', 'oracle']);
  });
});
