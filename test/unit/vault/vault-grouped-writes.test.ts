/**
 * The vault's grouped, asynchronous writes (electron/vault/grouped-file-writer.ts, used by
 * vault-service.ts): puts and removes made together share one write; each resolves only once a
 * write holding it is durable; a failed write rejects its callers and leaves the last good file;
 * Lock and quit wait for writes; a synchronous flush on quit supersedes a write in flight.
 *
 * Equivalent mutant, which no test can tell apart: grouped-file-writer.ts:102 the encoding 'utf8'
 * made "" in `handle.writeFile`: Node writes a string with an empty encoding as UTF-8.
 */
import { mkdirSync, readdirSync, readFileSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { EventBus } from '../../../electron/platform/event-bus';
import { VaultService } from '../../../electron/vault/vault-service';
import { RecordingAudit } from '../../support/recording-audit';
import { makeTempDir } from '../../support/temp-dir';

const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
const osKeys = { name: 'xor-stand-in', encrypt: xor, decrypt: xor };
const testCost = { N: 2 ** 12, r: 8, p: 1 };
let dir: ReturnType<typeof makeTempDir>;
/** FileHandle.prototype.sync: the asynchronous writer's fsyncs (file, then directory). */
let syncs: MockInstance<() => Promise<void>>;
let realSync: (this: unknown) => Promise<void>;
/**
 * Holds the next fsync of the asynchronous writer until `release()`: a write in flight. With
 * `failure`, that fsync then fails with it instead.
 */
function holdNextSync(failure?: Error): () => void {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  syncs.mockImplementationOnce(async function (this: unknown) {
    await gate;
    if (failure) throw failure;
    return realSync.call(this);
  });
  return release;
}

const make = () =>
  new VaultService({
    dataDir: dir.path,
    events: new EventBus(),
    audit: new RecordingAudit(),
    clock: { now: () => new Date('2026-12-02T12:00:00.000Z') },
    osKeys,
    scryptCost: testCost,
  });
const vaultFile = () => join(dir.path, 'vault.json');
const onDisk = (): string[] =>
  Object.keys((JSON.parse(readFileSync(vaultFile(), 'utf8')) as { entries: object }).entries).sort();
const refs = (n: number) => Array.from({ length: n }, (_, k) => `session:${String(k).padStart(2, '0')}`);

beforeEach(async () => {
  dir = makeTempDir('jit-vault-group-');
  // FileHandle is not exported: its prototype is reached through a handle.
  const probe = await open(join(dir.path, 'probe'), 'w');
  const proto = Object.getPrototypeOf(probe) as { sync: (this: unknown) => Promise<void> };
  await probe.close();
  realSync = proto.sync;
  syncs = vi.spyOn(proto, 'sync');
});
afterEach(() => {
  syncs.mockRestore();
  dir.remove();
});

describe('grouped vault writes', () => {
  it('twenty puts made together: one write (one file and one directory fsync), each resolved once on disk', async () => {
    const vault = make();
    const resolved: string[] = [];
    await Promise.all(
      refs(20).map((ref) =>
        vault.put(ref, `pw ${ref}`).then(() => {
          expect(onDisk()).toContain(ref);
          resolved.push(ref);
        }),
      ),
    );
    expect(resolved).toHaveLength(20);
    expect(onDisk()).toEqual(refs(20));
    expect(syncs).toHaveBeenCalledTimes(2);
    expect(make().get('session:07')).toBe('pw session:07');
  });

  it('a put made while a write is on its way goes into the next write, and waits for it', async () => {
    const vault = make();
    const release = holdNextSync();
    const first = vault.put('session:a', 'one');
    await vi.waitFor(() => expect(syncs).toHaveBeenCalled());
    let secondDone = false;
    const second = vault.remove('session:a').then(() => (secondDone = true));
    const third = vault.put('session:b', 'two');
    // In memory at once, on disk only later.
    expect([vault.has('session:a'), vault.has('session:b')]).toEqual([false, true]);
    release();
    await first;
    await Promise.all([second, third]);
    expect(secondDone).toBe(true);
    expect(onDisk()).toEqual(['session:b']);
    // The first write (file, directory), then the remove and the put together (file, directory).
    expect(syncs).toHaveBeenCalledTimes(4);
  });

  it('a failed write rejects its callers and leaves the last good file; the next write holds the change', async () => {
    const vault = make();
    await vault.put('session:kept', 'kept');
    const before = readFileSync(vaultFile(), 'utf8');
    // The temporary file's name taken by a directory: the write fails (root or not).
    const blocker = join(dir.path, `vault.json.${process.pid}.tmp`);
    mkdirSync(blocker);
    const failed = await Promise.allSettled([vault.put('session:x', 'x'), vault.remove('session:kept')]);
    // Each caller gets the write's own error.
    expect(failed).toMatchObject([
      { status: 'rejected', reason: { code: 'EISDIR' } },
      { status: 'rejected', reason: { code: 'EISDIR' } },
    ]);
    expect(readFileSync(vaultFile(), 'utf8')).toBe(before);
    rmdirSync(blocker);
    await vault.put('session:y', 'y');
    expect(onDisk()).toEqual(['session:x', 'session:y']);
  });

  it('Lock answers only once what was stored before it is on disk', async () => {
    const vault = new VaultService({
      dataDir: dir.path,
      events: new EventBus(),
      audit: new RecordingAudit(),
      clock: { now: () => new Date('2026-12-02T12:00:00.000Z') },
      scryptCost: testCost,
    });
    await vault.setup('correct horse battery staple', 'admin');
    const stored = vault.put('session:1', 'one');
    await vault.lock('admin');
    expect(onDisk()).toEqual(['session:1']);
    await stored;
  });

  it('settled() resolves once every write asked so far is done, failed ones included', async () => {
    const vault = make();
    const stored = vault.put('session:1', 'one');
    await vault.settled();
    expect(onDisk()).toEqual(['session:1']);
    await stored;
    await expect(vault.settled()).resolves.toBeUndefined();
  });

  it('flush on quit supersedes a write in flight, which then puts nothing older over it', async () => {
    const vault = make();
    const release = holdNextSync();
    const first = vault.put('session:a', 'one');
    await vi.waitFor(() => expect(syncs).toHaveBeenCalled());
    const second = vault.put('session:b', 'two');
    vault.flush();
    expect(onDisk()).toEqual(['session:a', 'session:b']);
    // Written under its own temporary name: the one in flight still holds the older content.
    expect(readdirSync(dir.path).filter((f) => f.endsWith('.tmp'))).toEqual([
      `vault.json.${process.pid}.tmp`,
    ]);
    release();
    await Promise.all([first, second]);
    await vault.settled();
    expect(onDisk()).toEqual(['session:a', 'session:b']);
    expect(readdirSync(dir.path).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // Nothing is left to write.
    vault.flush();
    expect(syncs).toHaveBeenCalledTimes(1);
  });

  it('flush on quit with nothing new: the write in flight renames nothing over it', async () => {
    const vault = make();
    const release = holdNextSync();
    const stored = vault.put('session:a', 'one');
    await vi.waitFor(() => expect(syncs).toHaveBeenCalled());
    vault.flush();
    const written = statSync(vaultFile()).ino;
    release();
    await stored;
    expect(statSync(vaultFile()).ino).toBe(written);
    // Only the held fsync of its file: no directory fsync, as nothing was renamed.
    expect(syncs).toHaveBeenCalledTimes(1);
  });

  it('a write in flight that fails after flush wrote its changes: its callers are told they are stored', async () => {
    const vault = make();
    const release = holdNextSync(Object.assign(new Error('I/O error'), { code: 'EIO' }));
    const stored = vault.put('session:a', 'one');
    await vi.waitFor(() => expect(syncs).toHaveBeenCalled());
    vault.flush();
    release();
    await expect(stored).resolves.toBeUndefined();
    expect(onDisk()).toEqual(['session:a']);
  });

  it('after an asynchronous write, a passphrase change writes under the usual temporary name again', async () => {
    const vault = new VaultService({
      dataDir: dir.path,
      events: new EventBus(),
      audit: new RecordingAudit(),
      clock: { now: () => new Date('2026-12-02T12:00:00.000Z') },
      scryptCost: testCost,
    });
    await vault.setup('correct horse battery staple', 'admin');
    await vault.put('session:1', 'one');
    mkdirSync(join(dir.path, `vault.json.${process.pid}.tmp`));
    await expect(
      vault.changePassphrase('correct horse battery staple', 'another long passphrase here', 'admin'),
    ).rejects.toMatchObject({ code: 'EISDIR' });
  });

  it('closes every file and folder it opens for a write', async () => {
    const vault = make();
    await vault.put('session:0', 'zero');
    const open = () => readdirSync('/proc/self/fd').length;
    const before = open();
    for (let k = 1; k <= 5; k++) await vault.put(`session:${k}`, 'more');
    expect(open()).toBe(before);
  });

  it('flush writes nothing when every change is on disk', async () => {
    const vault = make();
    await vault.put('session:1', 'one');
    writeFileSync(vaultFile(), 'left alone');
    vault.flush();
    expect(readFileSync(vaultFile(), 'utf8')).toBe('left alone');
  });

  it('a leftover temporary file of another mode: the vault file is still 0600', async () => {
    const vault = make();
    writeFileSync(join(dir.path, `vault.json.${process.pid}.tmp`), 'leftover', { mode: 0o644 });
    await vault.put('session:1', 'one');
    expect(statSync(vaultFile()).mode & 0o777).toBe(0o600);
  });
});
