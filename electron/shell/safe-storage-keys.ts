import { safeStorage } from 'electron';
import type { OsKeyProtector } from '../vault/os-key-protector';

/**
 * safeStorage backs the vault key only when a real OS keyring is behind it. On Linux without a
 * keyring Electron falls back to `basic_text` (a hard-coded key): that is obfuscation, so the
 * vault then asks for a master passphrase instead. Call after app `ready`.
 */
export function osKeyProtector(): OsKeyProtector | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  if (backend === 'basic_text' || backend === 'unknown') return undefined;
  return {
    name: backend,
    encrypt: (plain) => safeStorage.encryptString(plain.toString('base64')),
    decrypt: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
  };
}
