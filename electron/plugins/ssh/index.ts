/** The SSH plugin (electron/plugins/ssh): what the plugin registry and the template editor import. */
export { SshPlugin, defaultTimeouts, type SshPluginOptions } from './ssh-plugin';
export { checkSshSyntax, checkSshTemplate } from './check';
export type { HostKeyCheck } from './ssh-connection';
export { fingerprintOf, keyTypeOf } from './host-key-fingerprint';
export { HostKeyScanError, scanHostKey, type ScannedHostKey } from './host-key-scan';
export { sshBuiltinTemplates } from './builtin-templates';
export { sshSyntaxHelp } from './syntax-help';
