/**
 * The process the kill test kills (kill-during-session.test.ts): the real core on a data directory
 * starts a JIT session and kills itself with SIGKILL at one step of it, found through the core's
 * own events (each is emitted once the step's record is on disk), never through timing:
 *
 * - `before-provision`: the session is recorded Provisioning; its template has not run.
 * - `after-provision`: the creation (enable) template succeeded on the target; not yet Active.
 * - `active`: the session is recorded Active.
 * - `before-cleanup`: the session is Ending and its deletion (disable) operation is recorded
 *   Running, before the template reaches the target.
 * - `after-cleanup`: the deletion (disable) template succeeded; Ended is not recorded yet.
 * - `between-retries`: the first cleanup attempt failed and the next one is planned.
 *
 * For the last three, once the session is Active the child prints `active <account>` and waits
 * for a line on stdin before it ends the session: the test may first put an obstacle on the
 * target (what makes the first cleanup attempt fail). Before it dies it prints `killed <account>`.
 *
 * Usage: node kill-child.mjs <dataDir> <passphraseFile> <credentialId> <point>
 */
import { createInterface } from 'node:readline';
import { createCore } from '../../../electron/core/compose';
import { confBackendFactory } from '../../../electron/storage/conf-backend';
import { isKillPoint, killPoints, type KillEvent } from './kill-points';

async function main(): Promise<void> {
  const [dataDir, passphraseFile, credentialId, pointArg] = process.argv.slice(2);
  const point = killPoints.find((p) => p === pointArg);
  if (dataDir === undefined || passphraseFile === undefined || credentialId === undefined || !point) {
    throw new Error(`usage: kill-child <dataDir> <passphraseFile> <credentialId> <${killPoints.join('|')}>`);
  }
  const core = createCore({ dataDir, shell: 'browser', createBackend: confBackendFactory });
  await core.unlockWithPassphraseFile(passphraseFile);
  await core.ready;
  const ctx = core.context('internal');
  const endsSession = point === 'before-cleanup' || point === 'after-cleanup' || point === 'between-retries';
  const stdin = createInterface({ input: process.stdin });
  core.events.subscribe((event, payload) => {
    const record = payload as KillEvent;
    if (isKillPoint(point, event, record)) {
      // A pipe is written synchronously on Linux: the line is out before the process dies.
      process.stdout.write(`killed ${record.account ?? ''}\n`);
      process.kill(process.pid, 'SIGKILL');
    }
    if (event === 'sessions.changed' && endsSession && record.state === 'active') {
      process.stdout.write(`active ${record.account ?? ''}\n`);
      stdin.once('line', () => {
        void core.dispatcher.dispatch('sessions.end', { id: record.id }, ctx);
      });
    }
    // Over without reaching its kill point (a provisioning that failed): the test is told why.
    if (event === 'sessions.changed' && ['ended', 'failed', 'needs_attention'].includes(record.state ?? '')) {
      console.error(`the session ended ${record.state ?? ''} before ${point}: ${record.error ?? ''}`);
      process.exit(1);
    }
  });
  const result = await core.dispatcher.dispatch(
    'sessions.start',
    { credentialId: Number(credentialId) },
    ctx,
  );
  if (!result.ok) throw new Error(`sessions.start: ${result.message}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
