/**
 * The SSH plugin (electron/plugins/ssh): what the plugin registry and the template editor import.
 * template/ holds the template language, connection/ the SSH connection (reusable without it).
 */
export { SshPlugin, defaultTimeouts, type SshPluginOptions } from './ssh-plugin';
export { checkSshSyntax, checkSshTemplate } from './template/check';
export type { HostKeyCheck } from './connection/ssh-connection';
export { fingerprintOf, keyTypeOf } from './connection/host-key-fingerprint';
export { HostKeyScanError, scanHostKey, type ScannedHostKey } from './connection/host-key-scan';
export { sshBuiltinTemplates } from './builtin-templates';
export { sshSyntaxHelp } from './syntax-help';
