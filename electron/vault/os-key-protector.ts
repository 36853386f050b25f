/**
 * The OS keyring, as the vault sees it: Electron's safeStorage in the Electron shell (only when a
 * real keyring backs it), absent in the browser host.
 */
export interface OsKeyProtector {
  /** A short name for messages, e.g. `gnome_libsecret`. */
  readonly name: string;
  encrypt(plain: Buffer): Buffer;
  decrypt(sealed: Buffer): Buffer;
}
