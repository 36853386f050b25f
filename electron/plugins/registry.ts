/**
 * The built-in plugins, in one typed list. There is no way to add one at run time: the catalogue
 * (shared/domain/plugin.ts) lists them read-only, and only those marked available have a module
 * here. Adding a plugin is its folder (exporting its PluginModule) plus one line of the list.
 */
import type { PluginId } from '../../shared/domain/plugin';
import { syntaxHelpText } from '../../shared/plugins/syntax-help';
import type { PluginBuiltInTemplate } from './builtin-template';
import { ldapPluginModule } from './ldap';
import { mysqlPluginModule } from './mysql';
import type { PluginModule, PluginRuntimeOptions } from './plugin-module';
import type { PluginRuntime } from './plugin-runtime';
import { postgresqlPluginModule } from './postgresql';
import { sshPluginModule } from './ssh';

export const pluginModules: readonly PluginModule[] = [
  sshPluginModule,
  postgresqlPluginModule,
  mysqlPluginModule,
  ldapPluginModule,
];

export interface PluginRegistry {
  /** The runtime of an available plugin; undefined for one not available in this build. */
  get(id: PluginId): PluginRuntime | undefined;
  /** Every plugin's read-only template library, for installing at start-up. */
  builtInTemplates(): PluginBuiltInTemplate[];
  /** The template language's help as text, for `plugins.list` ('' for a plugin not in this build). */
  help(id: PluginId): string;
  /** Closes what every plugin keeps logged in on targets (vault Lock, quit). Never rejects. */
  closeKeptConnections(): Promise<void>;
}

export type PluginRegistryOptions = PluginRuntimeOptions;

export function createPluginRegistry(
  options: PluginRegistryOptions = {},
  modules: readonly PluginModule[] = pluginModules,
): PluginRegistry {
  const byId = new Map(modules.map((module) => [module.id, module]));
  const runtimes = new Map(modules.map((module) => [module.id, module.createRuntime(options)]));
  return {
    get: (id) => runtimes.get(id),
    closeKeptConnections: async () => {
      const closing = [...runtimes.values()].flatMap((runtime) =>
        runtime.closeKeptConnections ? [runtime.closeKeptConnections().catch(() => undefined)] : [],
      );
      await Promise.all(closing);
    },
    help: (id) => {
      const module = byId.get(id);
      return module ? syntaxHelpText(module.syntaxHelp) : '';
    },
    builtInTemplates: () =>
      modules.flatMap((module) =>
        module.builtInTemplates.map((t) => ({ ...t, key: `${module.id}:${t.key}`, pluginId: module.id })),
      ),
  };
}
