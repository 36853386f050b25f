import type { pluginsMethods } from '../../../shared/contract/plugins';
import { pluginCatalogue } from '../../../shared/domain/plugin';
import { ok } from '../../../shared/result';
import type { PluginRegistry } from '../../plugins/registry';
import type { DomainHandlers } from '../handler-types';

/** The built-in plugins, read-only: there is no way to add one. */
export const pluginsHandlers = (
  registry: Pick<PluginRegistry, 'help'>,
): DomainHandlers<typeof pluginsMethods> => ({
  'plugins.list': () =>
    Promise.resolve(ok(pluginCatalogue.map((plugin) => ({ ...plugin, help: registry.help(plugin.id) })))),
});
