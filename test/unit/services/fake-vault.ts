import type { VaultStatus } from '../../../shared/domain/vault';
import { VaultLockedError, type SecretVault } from '../../../electron/vault/secret-vault';

/**
 * An in-memory SecretVault for unit tests of the services that use one (the real vault, with its
 * encryption and file, has its own tests). It records every write so a test can assert that a
 * refused save left the vault untouched.
 */
export class FakeVault implements SecretVault {
  readonly secrets = new Map<string, string>();
  readonly writes: string[] = [];
  readonly reads: string[] = [];
  state: VaultStatus['state'] = 'unlocked';

  status(): VaultStatus {
    return { state: this.state, keySource: 'passphrase' };
  }

  has(ref: string): boolean {
    return this.secrets.has(ref);
  }

  get(ref: string): string {
    this.#unlocked();
    this.reads.push(ref);
    const secret = this.secrets.get(ref);
    if (secret === undefined) throw new Error(`no secret under ${ref}`);
    return secret;
  }

  put(ref: string, secret: string): Promise<void> {
    this.#unlocked();
    this.writes.push(`put ${ref}`);
    this.secrets.set(ref, secret);
    return Promise.resolve();
  }

  remove(ref: string): Promise<void> {
    this.#unlocked();
    this.writes.push(`remove ${ref}`);
    this.secrets.delete(ref);
    return Promise.resolve();
  }

  #unlocked(): void {
    if (this.state !== 'unlocked') throw new VaultLockedError();
  }
}
