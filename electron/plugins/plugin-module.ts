/**
 * One built-in plugin, whole: what its folder (electron/plugins/<id>/index.ts) exports and the
 * registry lists. Adding a plugin is its folder plus one line in registry.ts; the catalogue entry
 * (shared/domain/plugin.ts) says what the UI shows of it.
 */
import type { PluginFamily, PluginId } from '../../shared/domain/plugin';
import type { SyntaxHelp } from '../../shared/plugins/syntax-help';
import type { BuiltInTemplate } from './builtin-template';
import type { HostKeyCheck, PluginRuntime } from './plugin-runtime';

/** What the core hands every plugin's factory; each takes what it needs. */
export interface PluginRuntimeOptions {
  /** The trusted SSH host keys (services/host-key-service.ts); without it any key is accepted. */
  readonly sshHostKeyCheck?: HostKeyCheck;
}

export interface PluginModule {
  readonly id: PluginId;
  /** The same as the catalogue's (a unit test holds the two together). */
  readonly family: PluginFamily;
  /** The runtime that checks and runs templates; made once, at start-up. */
  createRuntime(options: PluginRuntimeOptions): PluginRuntime;
  /** The read-only template library, installed at start-up (keys unique within the plugin). */
  readonly builtInTemplates: readonly BuiltInTemplate[];
  /** The template language's help (shared/plugins/syntax/), shown in the template editor. */
  readonly syntaxHelp: SyntaxHelp;
}
