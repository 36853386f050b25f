import type { PluginId } from '../../shared/domain/plugin';
import type { ExecutionType } from '../../shared/domain/template';

/** A read-only template the app ships (Clone to edit), as its plugin declares it. */
export interface BuiltInTemplate {
  /** Stable across releases: an upgrade finds the installed copy by it. */
  readonly key: string;
  readonly name: string;
  readonly executionType: ExecutionType;
  readonly description: string;
  readonly content: string;
}

/**
 * A built-in template with its plugin, its key made unique across plugins (`ssh:…`): what the
 * registry hands the template service to install at start-up.
 */
export interface PluginBuiltInTemplate extends BuiltInTemplate {
  readonly pluginId: PluginId;
}

/** The ownership marker built-in templates write, and the deletion templates look for. */
export const managedMarker = 'managed by jit-pam';
