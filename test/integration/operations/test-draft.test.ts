/**
 * Test on a device of the editor's draft, through the real core against the lab's PostgreSQL: the
 * draft is checked as Save checks it before anything is sent, it runs without a version being
 * saved, and its operation keeps the exact text it ran.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/compose';
import { confBackendFactory } from '../../../electron/storage/conf-backend';
import type { MethodName } from '../../../shared/contract';
import type { Operation } from '../../../shared/domain/operation';
import { makeTempDir } from '../../support/temp-dir';
import { callCore, seedPostgresLab } from '../support/postgres-lab-core';

let dir: ReturnType<typeof makeTempDir>;
let core: Core;
let lab: Awaited<ReturnType<typeof seedPostgresLab>>;

const call = (method: MethodName, input: unknown) => callCore(core, method, input);

beforeAll(async () => {
  dir = makeTempDir('jit-draft-');
  core = createCore({ dataDir: join(dir.path, 'data'), shell: 'browser', createBackend: confBackendFactory });
  const passphraseFile = join(dir.path, 'passphrase');
  writeFileSync(passphraseFile, 'integration passphrase\n', { mode: 0o600 });
  await core.unlockWithPassphraseFile(passphraseFile);
  await core.ready;
  lab = await seedPostgresLab(core);
});

afterAll(() => {
  core.close();
  dir.remove();
});

describe('Test on a device of a draft (operations.testTemplate with draft)', () => {
  it('runs the unsaved text, saves no version, and the operation keeps the text it ran', async () => {
    const saved = (await call('templates.save', {
      template: {
        name: 'Draft check',
        pluginId: 'postgresql',
        executionType: 'New user',
        content: 'SELECT 1;\n',
      },
    })) as { id: number };
    const draftText = "SELECT 'draft ran' AS note;\nSELECT current_user;\n";
    const op = (await call('operations.testTemplate', {
      templateId: saved.id,
      draft: { name: 'Draft check', pluginId: 'postgresql', executionType: 'New user', content: draftText },
      deviceId: lab.deviceId,
      login: { credentialId: lab.adminId },
    })) as Operation;

    expect(op).toMatchObject({
      status: 'Successful',
      templateId: saved.id,
      templateVersion: null,
      templateContent: draftText,
    });
    expect(op.attempts[0]?.steps.map((s) => s.command)).toEqual([
      "SELECT 'draft ran' AS note",
      'SELECT current_user',
    ]);
    expect(((await call('templates.versions', { id: saved.id })) as unknown[]).length).toBe(1);
    expect(((await call('templates.get', { id: saved.id })) as { content: string }).content).toBe(
      'SELECT 1;\n',
    );
    // Kept on disk, and by operations.get, as it ran.
    expect(((await call('operations.get', { id: op.id })) as Operation).templateContent).toBe(draftText);
    expect(readFileSync(join(dir.path, 'data', 'operations.jsonl'), 'utf8')).toContain('draft ran');
  });

  it('refuses a draft that Save would refuse, before any connection or record', async () => {
    const before = ((await call('operations.list', {})) as { total: number }).total;
    const result = await core.dispatcher.dispatch(
      'operations.testTemplate',
      {
        draft: {
          name: 'Never saved',
          pluginId: 'postgresql',
          executionType: 'New user',
          content: "SELECT 1;\nSELECT '[#username#]';\n",
        },
        deviceId: lab.deviceId,
        login: { credentialId: lab.adminId },
      },
      core.context('internal'),
    );
    expect(result).toMatchObject({ ok: false, code: 'invalid_input', field: 'draft.content' });
    expect(result.ok ? '' : result.message).toMatch(/^Line 2: Malformed tag \[#username#\]/);
    expect(((await call('operations.list', {})) as { total: number }).total).toBe(before);
  });
});
