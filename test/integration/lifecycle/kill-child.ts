/**
 * The process the kill test kills (kill-during-provisioning.test.ts): the real core on a data
 * directory starts a JIT session and kills itself with SIGKILL the moment its creation template
 * has succeeded on the target, before the lifecycle verified it and recorded the session Active.
 * On disk: the session is Provisioning; on the target: the account exists.
 *
 * With `cleanup` as the last argument it lets the session become Active, ends it, and kills itself
 * when the deletion's operation is recorded Running, before the template reaches the target: on
 * disk the session is Ending; on the target the account still exists.
 *
 * Usage: node kill-child.mjs <dataDir> <passphraseFile> <credentialId> [provisioning|cleanup]
 */
import { createCore } from '../../../electron/core/compose';
import { confBackendFactory } from '../../../electron/storage/conf-backend';

async function main(): Promise<void> {
  const [dataDir, passphraseFile, credentialId, mode = 'provisioning'] = process.argv.slice(2);
  if (dataDir === undefined || passphraseFile === undefined || credentialId === undefined) {
    throw new Error('usage: kill-child <dataDir> <passphraseFile> <credentialId>');
  }
  const core = createCore({ dataDir, shell: 'browser', createBackend: confBackendFactory });
  await core.unlockWithPassphraseFile(passphraseFile);
  await core.ready;
  const ctx = core.context('internal');
  core.events.subscribe((event, payload) => {
    const record = payload as {
      id?: string;
      kind?: string;
      status?: string;
      state?: string;
      account?: string;
    };
    const killAt =
      mode === 'cleanup'
        ? record.kind === 'jit-delete' && record.status === 'Running'
        : record.kind === 'jit-create' && record.status === 'Successful';
    if (event === 'operations.changed' && killAt) {
      process.stdout.write(`account ${record.account ?? ''}\n`);
      process.kill(process.pid, 'SIGKILL');
    }
    if (event === 'sessions.changed' && mode === 'cleanup' && record.state === 'active') {
      void core.dispatcher.dispatch('sessions.end', { id: record.id }, ctx);
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
