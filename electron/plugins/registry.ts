/**
 * The built-in plugins, in one typed list. There is no way to add one at run time: the catalogue
 * (shared/domain/plugin.ts) lists them read-only, and only those marked available have a runtime.
 */
import type { PluginId } from '../../shared/domain/plugin';
import type { PluginRuntime } from './plugin-runtime';
import type { BuiltInTemplate } from '../services/template-service';
import { ldapBuiltinTemplates, ldapPlugin, ldapSyntaxHelp } from './ldap';
import { mysqlBuiltinTemplates, mysqlPlugin, mysqlSyntaxHelp } from './mysql';
import { postgresqlBuiltinTemplates, postgresqlPlugin, postgresqlSyntaxHelp } from './postgresql';
import { SshPlugin, sshBuiltinTemplates, sshSyntaxHelp, type HostKeyCheck } from './ssh';
import type { BuiltinTemplate } from './tag-engine';

export interface PluginRegistry {
  /** The runtime of an available plugin; undefined for one not available in this build. */
  get(id: PluginId): PluginRuntime | undefined;
  /** Every plugin's read-only template library, for installing at start-up. */
  builtInTemplates(): BuiltInTemplate[];
  /** The template language's help text, shown in the template editor. */
  help(id: PluginId): string;
}

export interface PluginRegistryOptions {
  /** The trusted SSH host keys (services/host-key-service.ts); without it any key is accepted. */
  readonly sshHostKeyCheck?: HostKeyCheck;
}

export function createPluginRegistry(options: PluginRegistryOptions = {}): PluginRegistry {
  const ssh = new SshPlugin(options.sshHostKeyCheck ? { hostKeyCheck: options.sshHostKeyCheck } : {});
  const runtimes = new Map<PluginId, PluginRuntime>([
    ['ssh', ssh],
    ['postgresql', postgresqlPlugin],
    ['mysql', mysqlPlugin],
    ['ldap', ldapPlugin],
  ]);
  const libraries: [PluginId, readonly BuiltinTemplate[]][] = [
    ['ssh', sshBuiltinTemplates],
    ['postgresql', postgresqlBuiltinTemplates],
    ['mysql', mysqlBuiltinTemplates],
    ['ldap', ldapBuiltinTemplates],
  ];
  const helps = new Map<PluginId, string>([
    ['ssh', sshSyntaxHelp],
    ['postgresql', postgresqlSyntaxHelp],
    ['mysql', mysqlSyntaxHelp],
    ['ldap', ldapSyntaxHelp],
  ]);
  return {
    get: (id) => runtimes.get(id),
    help: (id) => helps.get(id) ?? '',
    builtInTemplates: () =>
      libraries.flatMap(([pluginId, templates]) =>
        templates.map((t) => ({ ...t, key: `${pluginId}:${t.key}`, pluginId })),
      ),
  };
}
