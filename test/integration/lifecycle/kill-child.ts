/**
 * The process the kill test kills (kill-during-provisioning.test.ts): the real core on a data
 * directory starts a JIT session and kills itself with SIGKILL the moment its creation template
 * has succeeded on the target, before the lifecycle verified it and recorded the session Active.
 * On disk: the session is Provisioning; on the target: the account exists.
 *
 * Usage: node kill-child.mjs <dataDir> <passphraseFile> <credentialId>
 */
import { createCore } from '../../../electron/core/compose';
import { confBackendFactory } from '../../../electron/storage/conf-backend';

async function main(): Promise<void> {
  const [dataDir, passphraseFile, credentialId] = process.argv.slice(2);
  if (dataDir === undefined || passphraseFile === undefined || credentialId === undefined) {
    throw new Error('usage: kill-child <dataDir> <passphraseFile> <credentialId>');
  }
  const core = createCore({ dataDir, shell: 'browser', createBackend: confBackendFactory });
  await core.unlockWithPassphraseFile(passphraseFile);
  await core.ready;
  core.events.subscribe((event, payload) => {
    const op = payload as { kind?: string; status?: string; account?: string };
    if (event === 'operations.changed' && op.kind === 'jit-create' && op.status === 'Successful') {
      process.stdout.write(`created ${op.account ?? ''}\n`);
      process.kill(process.pid, 'SIGKILL');
    }
  });
  const result = await core.dispatcher.dispatch(
    'sessions.start',
    { credentialId: Number(credentialId) },
    core.context('internal'),
  );
  if (!result.ok) throw new Error(`sessions.start: ${result.message}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
