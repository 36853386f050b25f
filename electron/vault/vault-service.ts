import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { passphraseSchema, unlockWaitMessage, type VaultStatus } from '../../shared/domain/vault';
import type { AuditTrail } from '../audit/audit-trail';
import type { EventBus } from '../platform/event-bus';
import { createFileExclusive, isAlreadyExists } from '../platform/atomic-file';
import type { Clock } from '../platform/clock';
import { deriveKey, keyBytes, newScryptParams, open, seal, type ScryptParams } from './crypto';
import { GroupedFileWriter } from './grouped-file-writer';
import type { OsKeyProtector } from './os-key-protector';
import { UnlockThrottle } from './unlock-throttle';
import { VaultLockedError, type SecretVault } from './secret-vault';
import { entryAad, vaultFileSchema, wrappedKeyAad, type VaultFile } from './vault-file';

export class VaultStateError extends Error {
  override name = 'VaultStateError';
}
/** A new passphrase that breaks the rules the set-up screen enforces (shared/domain/vault.ts). */
export class PassphraseRuleError extends Error {
  override name = 'PassphraseRuleError';
}
/**
 * vault.json exists but could not be read (an I/O error, permissions): it is left alone and the app
 * does not start, rather than treating it as corrupt and losing every stored password.
 */
export class VaultReadError extends Error {
  override name = 'VaultReadError';
}
export class WrongPassphraseError extends Error {
  override name = 'WrongPassphraseError';
  constructor() {
    super('Wrong passphrase');
  }
}
/** Too many wrong passphrases in a row: the next attempt is not tried before `waitSeconds`. */
export class UnlockThrottledError extends Error {
  override name = 'UnlockThrottledError';
  constructor(readonly waitSeconds: number) {
    super(unlockWaitMessage(waitSeconds));
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
  /** Reads vault.json (tests inject failures); `fs.readFileSync` by default. */
  readonly readFile?: (path: string) => string;
}

/**
 * The secrets vault (AES-256-GCM at rest). The data key lives in memory only while unlocked;
 * `lock` drops it. A put or remove changes the entries in memory at once; its promise resolves
 * once a write holding it is durable. Writes are atomic, grouped (every change pending when one
 * starts goes into it) and off the event loop's synchronous path (grouped-file-writer.ts).
 */
export class VaultService implements SecretVault {
  readonly #path: string;
  #file: VaultFile | undefined;
  #key: Buffer | undefined;
  readonly #writer: GroupedFileWriter;
  /** A set-up is deriving its key: another one (a second tab) is refused, not run after it. */
  #settingUp = false;
  /** A passphrase change is deriving its key: another one is refused, not run after it. */
  #changing = false;
  /** Wrong passphrases, at Unlock and at Change passphrase alike. */
  readonly #throttle = new UnlockThrottle();
  /** The end of the passphrase attempt running now (see #oneAtATime). */
  #attemptTurn: Promise<void> = Promise.resolve();

  constructor(private readonly options: VaultOptions) {
    this.#path = join(options.dataDir, 'vault.json');
    this.#writer = new GroupedFileWriter(this.#path, () => JSON.stringify(this.#file));
    this.#file = this.#load();
    if (this.#file?.keySource === 'safe-storage' && options.osKeys && this.#file.osWrappedKey) {
      this.#key = options.osKeys.decrypt(Buffer.from(this.#file.osWrappedKey, 'base64'));
    } else if (!this.#file && options.osKeys) {
      // With a real keyring there is nothing to ask the user: create the key and protect it there.
      const key = randomBytes(keyBytes);
      const file: VaultFile = {
        format: 1,
        keySource: 'safe-storage',
        osWrappedKey: options.osKeys.encrypt(key).toString('base64'),
        entries: {},
      };
      createFileExclusive(this.#path, JSON.stringify(file));
      this.#file = file;
      this.#key = key;
    }
  }

  status(): VaultStatus {
    const keySource = this.#file?.keySource ?? (this.options.osKeys ? 'safe-storage' : 'passphrase');
    const state = !this.#file ? 'uninitialized' : this.#key ? 'unlocked' : 'locked';
    return { state, keySource };
  }

  /**
   * One-shot: the first set-up wins and every later or concurrent one is refused, so a second tab
   * cannot replace the key under which the first has already stored passwords. vault.json is
   * created exclusively, never written over, so this holds even against another process.
   */
  async setup(passphrase: string, actor: string): Promise<VaultStatus> {
    const checked = passphraseSchema.safeParse(passphrase);
    if (!checked.success) {
      throw new PassphraseRuleError(checked.error.issues[0]?.message ?? 'Not a valid passphrase');
    }
    if (this.#file) throw new VaultStateError('The vault is already set up: unlock it instead');
    if (this.#settingUp) {
      throw new VaultStateError(
        'The vault is being set up from another window already; this passphrase was not used',
      );
    }
    this.#settingUp = true;
    let key: Buffer;
    try {
      const kdf = newScryptParams(this.options.scryptCost);
      const kek = await deriveKey(passphrase, kdf);
      key = randomBytes(keyBytes);
      const file: VaultFile = {
        format: 1,
        keySource: 'passphrase',
        kdf: { name: 'scrypt', ...kdf },
        wrappedKey: seal(kek, key, wrappedKeyAad),
        entries: {},
      };
      try {
        createFileExclusive(this.#path, JSON.stringify(file));
      } catch (error) {
        if (isAlreadyExists(error)) {
          throw new VaultStateError('The vault was set up meanwhile by another process: unlock it instead');
        }
        throw error;
      }
      this.#file = file;
    } finally {
      this.#settingUp = false;
    }
    this.#key = key;
    await this.#audit('vault_setup', actor);
    return this.#changed();
  }

  async unlock(passphrase: string, actor: string): Promise<VaultStatus> {
    const file = this.#file;
    if (!file) throw new VaultStateError('The vault is not set up yet');
    return this.#oneAtATime(async () => {
      // A window that unlocked while this attempt waited its turn: nothing to try.
      if (this.#key) return this.status();
      this.#key = await this.#openDataKey(file, passphrase, actor);
      await this.#audit('vault_unlock', actor);
      return this.#changed();
    });
  }

  /**
   * A new master passphrase: the data key is wrapped again under it (new salt, the current scrypt
   * cost); no secret is re-encrypted. The current passphrase is asked even while unlocked, so an
   * unattended unlocked window cannot change it, and wrong ones count as at Unlock.
   */
  async changePassphrase(current: string, next: string, actor: string): Promise<VaultStatus> {
    const checked = passphraseSchema.safeParse(next);
    if (!checked.success) {
      throw new PassphraseRuleError(checked.error.issues[0]?.message ?? 'Not a valid passphrase');
    }
    const file = this.#file;
    if (!file) throw new VaultStateError('The vault is not set up yet');
    if (this.#changing)
      throw new VaultStateError('The passphrase is being changed from another window already');
    this.#changing = true;
    // As asked: a Lock pressed after this (while the key is derived) is not undone by the change.
    const wasUnlocked = this.#key !== undefined;
    try {
      await this.#oneAtATime(async () => {
        const key = await this.#openDataKey(file, current, actor);
        const kdf = newScryptParams(this.options.scryptCost);
        const kek = await deriveKey(next, kdf);
        const old = { kdf: file.kdf, wrappedKey: file.wrappedKey };
        file.kdf = { name: 'scrypt', ...kdf };
        file.wrappedKey = seal(kek, key, wrappedKeyAad);
        try {
          // Now, with whatever entries are pending: the old wrapping must not outlive this answer.
          this.#writer.writeSync();
        } catch (error) {
          // Not written: the old wrapping stays, else the next put() would write the new one
          // after the user was told the change failed, and the passphrase they kept would not open it.
          file.kdf = old.kdf;
          file.wrappedKey = old.wrappedKey;
          key.fill(0);
          throw error;
        }
        if (this.#key !== undefined || wasUnlocked) key.fill(0);
        else this.#key = key;
      });
    } finally {
      this.#changing = false;
    }
    await this.#audit('vault_passphrase_changed', actor);
    return this.#changed();
  }

  /**
   * Passphrase attempts (Unlock, Change passphrase) run one after the other: each checks the wait
   * only after the one before it has counted its failure. Run side by side (two tabs, a script),
   * every attempt would start before scrypt's half second told any of them it was wrong, and the
   * wait would not slow down guessing at all.
   */
  #oneAtATime<T>(attempt: () => Promise<T>): Promise<T> {
    const result = this.#attemptTurn.then(attempt);
    this.#attemptTurn = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** The data key under `passphrase`, or WrongPassphraseError (audited, and slowing the next try). */
  async #openDataKey(file: VaultFile, passphrase: string, actor: string): Promise<Buffer> {
    if (file.keySource !== 'passphrase' || !file.kdf || !file.wrappedKey) {
      throw new VaultStateError('This vault is protected by the OS keyring, which is not available here');
    }
    const wait = this.#throttle.waitMs(this.options.clock.now().getTime());
    if (wait > 0) throw new UnlockThrottledError(Math.ceil(wait / 1000));
    const kek = await deriveKey(passphrase, file.kdf);
    try {
      const key = open(kek, file.wrappedKey, wrappedKeyAad);
      this.#throttle.succeeded();
      return key;
    } catch {
      const delay = this.#throttle.failed(this.options.clock.now().getTime());
      await this.#audit(
        'vault_unlock_failed',
        actor,
        'failure',
        delay > 0
          ? `Wrong passphrase; the next attempt waits ${Math.ceil(delay / 1000)} s`
          : 'Wrong passphrase',
      );
      throw new WrongPassphraseError();
    }
  }

  async lock(actor: string): Promise<VaultStatus> {
    if (this.#file?.keySource === 'safe-storage') {
      throw new VaultStateError('The OS keyring protects this vault; lock your session to lock it');
    }
    if (this.#key) {
      this.#key.fill(0);
      this.#key = undefined;
      // What was stored before Lock is on disk (or known failed) when Lock answers.
      await this.#writer.settled();
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
    return this.#writer.changed();
  }

  remove(ref: string): Promise<void> {
    const file = this.#file;
    if (!file || !Object.hasOwn(file.entries, ref)) return Promise.resolve();
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- entries is a record keyed by ref
    delete file.entries[ref];
    return this.#writer.changed();
  }

  /** Resolves once every put and remove asked so far was written or failed (quit waits for it). */
  settled(): Promise<void> {
    return this.#writer.settled();
  }

  /** Writes anything not yet durable now, synchronously (on quit). */
  flush(): void {
    this.#writer.flushSync();
  }

  #requireKey(): Buffer {
    if (!this.#key || !this.#file) throw new VaultLockedError();
    return this.#key;
  }

  #load(): VaultFile | undefined {
    let text: string;
    try {
      text = (this.options.readFile ?? ((path: string) => readFileSync(path, 'utf8')))(this.#path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new VaultReadError(
        `The vault file ${this.#path} could not be read (${error instanceof Error ? error.message : 'error'}). ` +
          'It was left as it is and nothing was written over it; fix the cause and start again.',
      );
    }
    try {
      // Only content that is not a vault sends the file aside.
      return vaultFileSchema.parse(JSON.parse(text));
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

  #changed(): VaultStatus {
    const status = this.status();
    this.options.events.emit('vault.changed', status);
    return status;
  }

  async #audit(
    action:
      'vault_setup' | 'vault_unlock' | 'vault_unlock_failed' | 'vault_lock' | 'vault_passphrase_changed',
    actor: string,
    result: 'success' | 'failure' = 'success',
    detail?: string,
  ) {
    await this.options.audit.record({
      action,
      actor,
      entity: 'vault',
      entityId: null,
      label: 'Vault',
      result,
      ...(detail === undefined ? {} : { detail }),
    });
  }
}
