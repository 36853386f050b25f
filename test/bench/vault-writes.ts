// `npx tsx test/bench/vault-writes.ts [--rounds N]` (or `npm run bench -- vault`): the vault's
// share of 20 concurrent JIT sessions, alone: each round puts 20 session passwords at once, then
// removes them at once (as the lifecycle does at provisioning and at cleanup), on a data directory
// on the real disk. Prints the p50/p95 of a put's and a remove's latency (asked to resolved, i.e.
// durable) and how long the event loop was held (monitorEventLoopDelay), which a synchronous write
// drives up for every other session in the process.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { EventBus } from '../../electron/platform/event-bus';
import { VaultService } from '../../electron/vault/vault-service';
import { RecordingAudit } from '../support/recording-audit';
import { makeTempDir } from '../support/temp-dir';
import { median, ms, p95 } from './stats';

const at = process.argv.indexOf('--rounds');
const rounds = at >= 0 ? Number(process.argv[at + 1]) : 30;
const concurrent = 20;
const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));

const dir = makeTempDir('jit-bench-vault-');
try {
  const vault = new VaultService({
    dataDir: dir.path,
    events: new EventBus(),
    audit: new RecordingAudit(),
    clock: { now: () => new Date() },
    osKeys: { name: 'xor-stand-in', encrypt: xor, decrypt: xor },
  });
  // A vault that holds some credentials' passwords already: each write rewrites the whole file.
  await Promise.all(Array.from({ length: 200 }, (_, k) => vault.put(`credential:${k}`, `password ${k}`)));
  const puts: number[] = [];
  const removes: number[] = [];
  const timed = async (into: number[], change: () => Promise<void>) => {
    const start = performance.now();
    await change();
    into.push(performance.now() - start);
  };
  const lag = monitorEventLoopDelay({ resolution: 1 });
  lag.enable();
  const started = performance.now();
  for (let round = 0; round < rounds; round++) {
    const refs = Array.from({ length: concurrent }, (_, k) => `session:${round}-${k}`);
    await Promise.all(refs.map((ref) => timed(puts, () => vault.put(ref, `generated ${ref}`))));
    await Promise.all(refs.map((ref) => timed(removes, () => vault.remove(ref))));
  }
  const total = performance.now() - started;
  lag.disable();
  console.log(`vault, ${rounds} rounds of ${concurrent} puts then ${concurrent} removes at once`);
  console.log(`  put (asked to durable): p50 ${ms(median(puts))}, p95 ${ms(p95(puts))}`);
  console.log(`  remove (asked to durable): p50 ${ms(median(removes))}, p95 ${ms(p95(removes))}`);
  console.log(
    `  event loop delay: max ${ms(lag.max / 1e6)}, mean ${ms(lag.mean / 1e6)}; ` +
      `${((rounds * concurrent * 2) / (total / 1000)).toFixed(0)} changes/s`,
  );
} finally {
  dir.remove();
}
