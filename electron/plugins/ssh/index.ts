/**
 * The SSH plugin (electron/plugins/ssh): what the plugin registry and the template editor import.
 * template/ holds the template language, connection/ the SSH connection (reusable without it).
 */
import { sshSyntaxHelp } from '../../../shared/plugins/syntax/ssh';
import type { PluginModule } from '../plugin-module';
import { sshBuiltinTemplates } from './builtin-templates';
import { SshPlugin } from './ssh-plugin';

/** The SSH plugin as the registry lists it: its runtime checks host keys with the core's check. */
export const sshPluginModule: PluginModule = {
  id: 'ssh',
  family: 'shell',
  createRuntime: ({ sshHostKeyCheck }) =>
    new SshPlugin(sshHostKeyCheck ? { hostKeyCheck: sshHostKeyCheck } : {}),
  builtInTemplates: sshBuiltinTemplates,
  syntaxHelp: sshSyntaxHelp,
};

export { SshPlugin, defaultTimeouts, type SshPluginOptions } from './ssh-plugin';
export { checkSshSyntax, checkSshTemplate } from './template/check';
export type { HostKeyCheck } from './connection/ssh-connection';
export { connectSsh, SshConnectError, type SshConnection } from './connection/ssh-connection';
export { openPty, type PtyWindow } from './connection/ssh-shell';
export { fingerprintOf, keyTypeOf } from './connection/host-key-fingerprint';
export { HostKeyScanError, scanHostKey, type ScannedHostKey } from './connection/host-key-scan';
export { sshBuiltinTemplates };
