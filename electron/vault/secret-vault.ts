import type { VaultStatus } from '../../shared/domain/vault';

export class VaultLockedError extends Error {
  override name = 'VaultLockedError';
  constructor() {
    super('The vault is locked: unlock it to use passwords');
  }
}

/**
 * Where passwords live, encrypted at rest (AES-256-GCM). Services store a secret under a reference
 * (e.g. `credential:42`) and never keep plaintext anywhere else.
 */
export interface SecretVault {
  status(): VaultStatus;
  /** Whether a secret is stored under `ref` (answers even while locked). */
  has(ref: string): boolean;
  /** Throws VaultLockedError while locked. */
  get(ref: string): string;
  /** Throws VaultLockedError while locked; the vault file is written before the promise resolves. */
  put(ref: string, secret: string): Promise<void>;
  remove(ref: string): Promise<void>;
}
