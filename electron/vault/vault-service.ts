import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { VaultStatus } from '../../shared/domain/vault';
import type { AuditTrail } from '../audit/audit-trail';
import type { EventBus } from '../core/event-bus';
import { writeFileAtomic } from '../platform/atomic-file';
import type { Clock } from '../platform/clock';
import { deriveKey, keyBytes, newScryptParams, open, seal, type ScryptParams } from './crypto';
import type { OsKeyProtector } from './os-key-protector';
import { VaultLockedError, type SecretVault } from './secret-vault';
import { entryAad, vaultFileSchema, wrappedKeyAad, type VaultFile } from './vault-file';

export class VaultStateError extends Error {
  override name = 'VaultStateError';
}
export class WrongPassphraseError extends Error {
  override name = 'WrongPassphraseError';
  constructor() {
    super('Wrong passphrase');
  }
}

export interface VaultOptions {
  readonly dataDir: string;
  readonly events: EventBus;
  readonly audit: AuditTrail;
  readonly clock: Clock;
  /** Present only in the Electron shell, and only when a real OS keyring backs safeStorage. */
  readonly osKeys?: OsKeyProtector;
  /** Lower scrypt cost for tests; production uses the default. */
  readonly scryptCost?: Omit<ScryptParams, 'salt'>;
  /** Reported on screen when vault.json was unreadable and set aside. */
  readonly onProblem?: (message: string) => void;
}

/**
 * The secrets vault (AES-256-GCM at rest). The data key lives in memory only while unlocked;
 * `lock` drops it. File writes are coalesced per event-loop turn and atomic.
 */
export class VaultService implements SecretVault {
  readonly #path: string;
  #file: VaultFile | undefined;
  #key: Buffer | undefined;
  #pendingWrite: Promise<void> | undefined;

  constructor(private readonly options: VaultOptions) {
    this.#path = join(options.dataDir, 'vault.json');
    this.#file = this.#load();
    if (this.#file?.keySource === 'safe-storage' && options.osKeys && this.#file.osWrappedKey) {
      this.#key = options.osKeys.decrypt(Buffer.from(this.#file.osWrappedKey, 'base64'));
    } else if (!this.#file && options.osKeys) {
      // With a real keyring there is nothing to ask the user: create the key and protect it there.
      const key = randomBytes(keyBytes);
      this.#file = {
        format: 1,
        keySource: 'safe-storage',
        osWrappedKey: options.osKeys.encrypt(key).toString('base64'),
        entries: {},
      };
      this.#writeNow();
      this.#key = key;
    }
  }

  status(): VaultStatus {
    const keySource = this.#file?.keySource ?? (this.options.osKeys ? 'safe-storage' : 'passphrase');
    const state = !this.#file ? 'uninitialized' : this.#key ? 'unlocked' : 'locked';
    return { state, keySource };
  }

  async setup(passphrase: string, actor: string): Promise<VaultStatus> {
    if (this.#file) throw new VaultStateError('The vault is already set up: unlock it instead');
    const kdf = newScryptParams(this.options.scryptCost);
    const kek = await deriveKey(passphrase, kdf);
    const key = randomBytes(keyBytes);
    this.#file = {
      format: 1,
      keySource: 'passphrase',
      kdf: { name: 'scrypt', ...kdf },
      wrappedKey: seal(kek, key, wrappedKeyAad),
      entries: {},
    };
    this.#writeNow();
    this.#key = key;
    await this.#audit('vault_setup', actor);
    return this.#changed();
  }

  async unlock(passphrase: string, actor: string): Promise<VaultStatus> {
    const file = this.#file;
    if (!file) throw new VaultStateError('The vault is not set up yet');
    if (this.#key) return this.status();
    if (file.keySource !== 'passphrase' || !file.kdf || !file.wrappedKey) {
      throw new VaultStateError('This vault is protected by the OS keyring, which is not available here');
    }
    const kek = await deriveKey(passphrase, file.kdf);
    try {
      this.#key = open(kek, file.wrappedKey, wrappedKeyAad);
    } catch {
      await this.#audit('vault_unlock_failed', actor, 'failure');
      throw new WrongPassphraseError();
    }
    await this.#audit('vault_unlock', actor);
    return this.#changed();
  }

  async lock(actor: string): Promise<VaultStatus> {
    if (this.#file?.keySource === 'safe-storage') {
      throw new VaultStateError('The OS keyring protects this vault; lock your session to lock it');
    }
    if (this.#key) {
      this.#key.fill(0);
      this.#key = undefined;
      await this.#audit('vault_lock', actor);
    }
    return this.#changed();
  }

  has(ref: string): boolean {
    return this.#file !== undefined && Object.hasOwn(this.#file.entries, ref);
  }

  get(ref: string): string {
    const key = this.#requireKey();
    const sealed = this.#file?.entries[ref];
    if (!sealed) throw new Error(`No secret stored for ${ref}`);
    return open(key, sealed, entryAad(ref)).toString('utf8');
  }

  put(ref: string, secret: string): Promise<void> {
    const key = this.#requireKey();
    const file = this.#file;
    if (!file) throw new VaultLockedError();
    // In place: an import stores thousands of secrets, and copying the map per secret is n².
    file.entries[ref] = seal(key, Buffer.from(secret, 'utf8'), entryAad(ref));
    return this.#scheduleWrite();
  }

  remove(ref: string): Promise<void> {
    const file = this.#file;
    if (!file || !Object.hasOwn(file.entries, ref)) return Promise.resolve();
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- entries is a record keyed by ref
    delete file.entries[ref];
    return this.#scheduleWrite();
  }

  /** Writes anything pending now (on quit). */
  flush(): void {
    if (this.#pendingWrite) this.#writeNow();
  }

  #requireKey(): Buffer {
    if (!this.#key || !this.#file) throw new VaultLockedError();
    return this.#key;
  }

  #load(): VaultFile | undefined {
    if (!existsSync(this.#path)) return undefined;
    try {
      return vaultFileSchema.parse(JSON.parse(readFileSync(this.#path, 'utf8')));
    } catch {
      const aside = `${this.#path.replace(/\.json$/, '')}.corrupt-${this.options.clock.now().toISOString().replace(/[:.]/g, '-')}.json`;
      renameSync(this.#path, aside);
      this.options.onProblem?.(
        `The vault file ${this.#path} could not be read. It was kept as ${aside}; the stored passwords ` +
          'in it are not available. Restore it from a backup, or set a new master passphrase.',
      );
      return undefined;
    }
  }

  #scheduleWrite(): Promise<void> {
    this.#pendingWrite ??= new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        try {
          this.#writeNow();
          resolve();
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
    return this.#pendingWrite;
  }

  #writeNow(): void {
    this.#pendingWrite = undefined;
    if (this.#file) writeFileAtomic(this.#path, JSON.stringify(this.#file));
  }

  #changed(): VaultStatus {
    const status = this.status();
    this.options.events.emit('vault.changed', status);
    return status;
  }

  async #audit(
    action: 'vault_setup' | 'vault_unlock' | 'vault_unlock_failed' | 'vault_lock',
    actor: string,
    result: 'success' | 'failure' = 'success',
  ) {
    await this.options.audit.record({
      action,
      actor,
      entity: 'vault',
      entityId: null,
      label: 'Vault',
      result,
    });
  }
}
