/**
 * The process the vault kill test kills (vault-kill.test.ts): the real VaultService on a data
 * directory, storing and removing secrets as fast as it goes, several changes always waiting for
 * the grouped writer (electron/vault/grouped-file-writer.ts), until it is killed.
 *
 * Usage: node vault-kill-child.mjs <dataDir> <run>
 *
 * Prints `ready` once the vault is open, then, each line written before the next step:
 *   ack put <ref>       the put of <ref> (value `value of <ref>`) resolved: it is durable
 *   issue del <ref>     a remove of <ref> is asked next (it may reach the disk unacknowledged)
 *   ack del <ref>       that remove resolved
 *   ack counter <k>     the put of `counter` = k resolved (k grows by one per batch)
 * Refs of one run are `r<run>-<batch>-<j>`; a removed ref is never stored again.
 */
import { EventBus } from '../../../electron/platform/event-bus';
import { VaultService } from '../../../electron/vault/vault-service';
import { RecordingAudit } from '../../support/recording-audit';

/** The OS keyring's stand-in (the test opens the vault with the same one). */
export const xorKeys = {
  name: 'xor-stand-in',
  encrypt: (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a)),
  decrypt: (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a)),
};
export const perBatch = 6;
export const valueOf = (ref: string) => `value of ${ref}`;

async function main(): Promise<void> {
  const [dataDir, run] = process.argv.slice(2);
  if (dataDir === undefined || run === undefined) throw new Error('usage: vault-kill-child <dataDir> <run>');
  const vault = new VaultService({
    dataDir,
    events: new EventBus(),
    audit: new RecordingAudit(),
    clock: { now: () => new Date() },
    osKeys: xorKeys,
  });
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say('ready');
  const counter = Number(vault.has('counter') ? vault.get('counter') : '0');
  const outstanding: Promise<unknown>[] = [];
  for (let batch = 0; ; batch++) {
    const refs = Array.from({ length: perBatch }, (_, j) => `r${run}-${batch}-${j}`);
    const k = counter + batch + 1;
    const changes: Promise<unknown>[] = refs.map((ref) =>
      vault.put(ref, valueOf(ref)).then(() => say(`ack put ${ref}`)),
    );
    changes.push(vault.put('counter', String(k)).then(() => say(`ack counter ${k}`)));
    // The batch before last is on disk (awaited below): its refs are removed, keeping the file small.
    if (batch >= 2) {
      for (let j = 0; j < perBatch; j++) {
        const ref = `r${run}-${batch - 2}-${j}`;
        say(`issue del ${ref}`);
        changes.push(vault.remove(ref).then(() => say(`ack del ${ref}`)));
      }
    }
    outstanding.push(Promise.all(changes));
    // A few batches in flight at once: each write groups what came in while the last one ran.
    if (outstanding.length > 2) await outstanding.shift();
    else await new Promise((resolve) => setImmediate(resolve));
  }
}

if (process.argv[1]?.includes('vault-kill-child')) {
  main().catch((error: unknown) => {
    process.stderr.write(`vault-kill-child: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  });
}
