/**
 * An answer the host cannot serialize or send (electron/host/ws-endpoint.ts) becomes a failure for
 * that call, never an unhandled rejection that would stop the host; the connection stays usable.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/compose';
import { startBrowserHost } from '../../../electron/host/browser-host';
import { confBackendFactory } from '../../../electron/storage/conf-backend';
import { ok } from '../../../shared/result';
import { connect, wireClient } from '../../support/host-client';
import { makeTempDir } from '../../support/temp-dir';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it('answers a call whose result cannot be serialized with an internal failure, and serves the next call', async () => {
  const dir = makeTempDir();
  const rendererDir = join(dir.path, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>JIT</title>');
  const core = createCore({
    dataDir: join(dir.path, 'data'),
    shell: 'browser',
    createBackend: confBackendFactory,
  });
  const host = await startBrowserHost({ core, rendererDir, port: 0 });
  cleanups.push(
    () => dir.remove(),
    () => core.shutdown(),
    () => host.close(),
  );
  const dispatch = core.dispatcher.dispatch.bind(core.dispatcher);
  core.dispatcher.dispatch = async (method, input, context) =>
    // JSON.stringify throws on a BigInt, as it throws RangeError on a string too long to build.
    method === 'app.info' ? ok({ size: 1n }) : dispatch(method, input, context);

  const token = new URL(host.url).hash.replace('#token=', '');
  const opened = await connect(`ws://127.0.0.1:${host.port}/rpc?token=${token}`, {
    Origin: `http://127.0.0.1:${host.port}`,
  });
  if (!('socket' in opened)) throw new Error(`refused with ${opened.refused}`);
  cleanups.push(() => opened.socket.terminate());
  const client = wireClient(opened.socket);

  expect(await client.call('app.info')).toEqual({
    ok: false,
    code: 'internal',
    message: 'The answer could not be sent (too large?)',
  });
  expect(await client.call('settings.get')).toMatchObject({ ok: true });
});
