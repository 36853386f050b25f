/**
 * Per-caller events over the browser host: two tabs on one core, tab A runs Test on a device
 * against the lab's PostgreSQL. Its live steps (`operations.testProgress`) reach tab A alone,
 * tagged with the run id it chose; tab B sees the run only as every window does, in the
 * Operations list's broadcast (`operations.changed`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/compose';
import { startBrowserHost, type BrowserHost } from '../../../electron/host/browser-host';
import { confBackendFactory } from '../../../electron/storage/conf-backend';
import type { Operation } from '../../../shared/domain/operation';
import { connect, wireClient } from '../../support/host-client';
import { makeTempDir } from '../../support/temp-dir';
import { callCore, seedPostgresLab } from '../support/postgres-lab-core';

let dir: ReturnType<typeof makeTempDir>;
let core: Core;
let host: BrowserHost;
let lab: Awaited<ReturnType<typeof seedPostgresLab>>;
let templateId: number;
const opened: WebSocket[] = [];

beforeAll(async () => {
  dir = makeTempDir('jit-caller-events-');
  const rendererDir = join(dir.path, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>JIT</title>');
  core = createCore({ dataDir: join(dir.path, 'data'), shell: 'browser', createBackend: confBackendFactory });
  const passphraseFile = join(dir.path, 'passphrase');
  writeFileSync(passphraseFile, 'integration passphrase\n', { mode: 0o600 });
  await core.unlockWithPassphraseFile(passphraseFile);
  await core.ready;
  lab = await seedPostgresLab(core);
  templateId = (
    (await callCore(core, 'templates.save', {
      template: {
        name: 'Caller events',
        pluginId: 'postgresql',
        executionType: 'New user',
        content: 'SELECT 1;\nSELECT 2;\n',
      },
    })) as { id: number }
  ).id;
  host = await startBrowserHost({ core, rendererDir, port: 0 });
});

afterAll(async () => {
  for (const s of opened) s.terminate();
  await host.close();
  await core.shutdown();
  dir.remove();
});

async function tab() {
  const token = new URL(host.url).hash.replace('#token=', '');
  const result = await connect(`ws://127.0.0.1:${host.port}/rpc?token=${token}`, {
    Origin: `http://127.0.0.1:${host.port}`,
  });
  if (!('socket' in result)) throw new Error(`refused with ${result.refused}`);
  opened.push(result.socket);
  return wireClient(result.socket);
}

type Progress = { runId: string; operation: Operation };

describe('per-caller events over the browser host', () => {
  it("a test run's progress goes to the tab that asked for it, not to another tab", async () => {
    const a = await tab();
    const b = await tab();
    const answer = (await a.call('operations.testTemplate', {
      templateId,
      deviceId: lab.deviceId,
      login: { credentialId: lab.adminId },
      runId: 'run-of-tab-a',
    })) as { ok: boolean; value: Operation };
    expect(answer.ok).toBe(true);
    const op = answer.value;
    expect(op.status).toBe('Successful');

    // Tab A heard its run's states, tagged with its id, up to the final one (sent before the answer).
    const progress = a.events
      .filter((e) => e.event === 'operations.testProgress')
      .map((e) => e.payload as Progress);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.every((p) => p.runId === 'run-of-tab-a' && p.operation.id === op.id)).toBe(true);
    expect(progress.at(-1)?.operation.status).toBe('Successful');
    expect(progress.some((p) => p.operation.attempts[0]?.steps.length === 1)).toBe(true);

    // Tab B sees the run as every window does (its Operations list)...
    await expect
      .poll(() =>
        b.events.some(
          (e) =>
            e.event === 'operations.changed' &&
            (e.payload as Operation).id === op.id &&
            (e.payload as Operation).status === 'Successful',
        ),
      )
      .toBe(true);
    // ...and never tab A's private progress. B's own call after that comes back after anything
    // the host sent it for A's run.
    await b.call('operations.get', { id: op.id });
    expect(b.events.filter((e) => e.event === 'operations.testProgress')).toEqual([]);
  });

  it('a test without a run id sends no progress to anyone', async () => {
    const a = await tab();
    const answer = (await a.call('operations.testTemplate', {
      templateId,
      deviceId: lab.deviceId,
      login: { credentialId: lab.adminId },
    })) as { ok: boolean };
    expect(answer.ok).toBe(true);
    expect(a.events.filter((e) => e.event === 'operations.testProgress')).toEqual([]);
  });

  it('refuses a run id that is not a short plain token, naming the field', async () => {
    const a = await tab();
    const answer = (await a.call('operations.testTemplate', {
      templateId,
      deviceId: lab.deviceId,
      login: { credentialId: lab.adminId },
      runId: 'x'.repeat(65),
    })) as { ok: boolean; field?: string };
    expect(answer).toMatchObject({ ok: false, field: 'runId' });
  });
});
