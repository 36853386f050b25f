import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/domain/settings';
import type { RunRequest, RunResult, PluginRuntime } from '../../../electron/plugins/plugin-runtime';
import { OperationLog } from '../../../electron/operations/operation-log';
import { PasswordChangeService } from '../../../electron/operations/password-change';
import { TemplateExecutor } from '../../../electron/operations/template-executor';
import { vaultRef } from '../../../electron/services/credentials/credential-service';
import { makeTempDir } from '../../support/temp-dir';
import {
  actor,
  credential,
  enableDisableJit,
  openServices,
  readText,
  seedJit,
  setPassword,
  settle,
  template,
  type Seed,
  type Services,
} from './harness';

/**
 * The plugin is not under test here (the integration test runs the built-in against a real
 * PostgreSQL): this one records what it was asked and answers as told.
 */
class RecordingRuntime implements PluginRuntime {
  readonly id = 'ssh' as const;
  readonly requests: RunRequest[] = [];
  answer: RunResult = { ok: true, steps: [], failure: null, durationMs: 1 };
  check() {
    return [];
  }
  run(request: RunRequest): Promise<RunResult> {
    this.requests.push(request);
    return Promise.resolve(this.answer);
  }
  accountExists() {
    return Promise.resolve(true);
  }
  endSessions() {
    return Promise.resolve(0);
  }
  readonly accountNames = { maxLength: 63, caseInsensitive: false };
  accountLogsIn() {
    return Promise.resolve(false);
  }
  accountEnabled() {
    return Promise.resolve(false);
  }
}

const oldPassword = 'Old-pw-0001!';
const newPassword = 'New-pw-0002!';

let dir: ReturnType<typeof makeTempDir>;
let s: Services;
let operations: OperationLog;
let runtime: RecordingRuntime;
let service: PasswordChangeService;
let seed: Seed;
let changeTemplateId: number;

beforeEach(async () => {
  dir = makeTempDir();
  s = openServices(dir.path);
  operations = OperationLog.open({ dir: dir.path, clock: s.clock, events: s.events });
  runtime = new RecordingRuntime();
  service = new PasswordChangeService({
    inventory: s,
    vault: s.vault,
    executor: new TemplateExecutor({
      operations,
      plugins: { get: (id) => (id === 'ssh' ? runtime : undefined) },
      clock: s.clock,
    }),
    plugins: { get: (id) => (id === 'ssh' ? runtime : undefined) },
    audit: s.audit,
    settings: () => defaultSettings,
    clock: s.clock,
  });
  seed = await seedJit(s);
  changeTemplateId = (
    await s.templates.save(
      undefined,
      template({ name: 'Change', executionType: 'Password change', content: 'exec "passwd [#USERNAME#]"\n' }),
      actor,
    )
  ).id;
});
afterEach(async () => {
  await operations.close();
  await s.audit.close();
  dir.remove();
});

/** bob @ web-01 with a password, authenticating a JIT credential (jit-user) through admin. */
async function seedBob() {
  const bob = await s.credentials.save(
    undefined,
    credential({ username: 'bob', deviceId: seed.web.id, additionalInfo: 'appdb' }),
    setPassword(oldPassword),
    actor,
  );
  const jitUser = await s.credentials.save(
    undefined,
    credential({ username: 'jit-user', deviceId: seed.web.id, jit: enableDisableJit(seed, bob.id) }),
    { action: 'keep' },
    actor,
  );
  return { bob, jitUser };
}

describe('password change on the device, then stored', () => {
  it('plans: the JIT credentials it authenticates, the templates, who can run them', async () => {
    const { bob, jitUser } = await seedBob();
    const plan = service.plan(bob.id);
    expect(plan).toMatchObject({
      deviceName: 'web-01',
      deviceAddress: '10.0.0.1',
      authenticates: [{ id: jitUser.id, label: 'jit-user @ web-01' }],
      templates: [{ id: changeTemplateId, name: 'Change', pluginId: 'ssh', builtIn: false }],
      templateId: changeTemplateId,
    });
    // This credential itself first (it has a password), then the others of its device that can log in.
    expect(plan.runAs).toEqual([
      { id: bob.id, label: 'bob @ web-01', self: true },
      { id: seed.admin.id, label: 'admin @ web-01', self: false },
    ]);
    expect(plan.runAsCredentialId).toBe(bob.id);
    // A JIT credential with an authentication credential suggests that one.
    expect(service.plan(jitUser.id).runAsCredentialId).toBe(bob.id);
  });

  it('runs the template with the template tags as the README defines them, then stores the new password, audited before and after', async () => {
    const { bob } = await seedBob();
    const outcome = await service.change(
      {
        id: bob.id,
        password: { action: 'set', value: newPassword },
        templateId: changeTemplateId,
        runAsCredentialId: seed.admin.id,
        expectedUpdatedAt: bob.updatedAt,
      },
      actor,
    );
    expect(outcome).toMatchObject({ changed: true, credential: { id: bob.id, hasPassword: true } });
    const [request] = runtime.requests;
    expect(request?.login).toEqual({ username: 'admin', password: 'S3cret!pw' });
    expect(request?.target).toEqual({ host: '10.0.0.1', port: 22 });
    expect(request?.tags).toMatchObject({
      USERNAME: 'bob',
      NEW_PASSWORD: newPassword,
      CURRENT_PASSWORD: oldPassword,
      AUTH_USER: 'admin',
      AUTH_PASSWORD: 'S3cret!pw',
      ADD_INFO: 'appdb',
    });
    expect(s.vault.get(vaultRef(bob.id))).toBe(newPassword);

    const op = operations.get(outcome.operationId ?? '');
    expect(op).toMatchObject({
      kind: 'password-change',
      status: 'Successful',
      templateName: 'Change',
      account: 'bob',
      runAs: 'admin @ web-01',
    });
    const history = s.credentials.history(bob.id).map((e) => [e.action, e.result, e.fields]);
    // Newest first: the result, the store (an update of the password), the request.
    expect(history.slice(0, 3)).toEqual([
      ['change_password', 'success', ['password']],
      ['update', 'success', ['password']],
      ['change_password', 'success', ['password']],
    ]);
    expect(s.credentials.history(bob.id)[2]?.detail).toBe(
      'Requested on web-01 (10.0.0.1): template Change v1, run as admin @ web-01',
    );
    await settle();
    for (const file of ['audit.jsonl', 'operations.jsonl']) {
      const text = readText(dir.path, file);
      expect(text).not.toContain(newPassword);
      expect(text).not.toContain(oldPassword);
    }
  });

  it('stores the run as the template runner does: transforms of either password are masked or withheld', async () => {
    const { bob } = await seedBob();
    const reversed = Array.from(newPassword).reverse().join('');
    const base64 = Buffer.from(oldPassword).toString('base64');
    const hex = Buffer.from(newPassword).toString('hex');
    runtime.answer = {
      ok: false,
      steps: [
        {
          line: 1,
          command: `exec "echo ${reversed}"`,
          output: `${base64}\n${hex}`,
          ok: false,
          durationMs: 1,
        },
      ],
      failure: { kind: 'target', line: 1, message: `saw ${reversed}`, outputTail: hex.toUpperCase() },
      durationMs: 1,
    };
    const outcome = await service.change(
      {
        id: bob.id,
        password: { action: 'set', value: newPassword },
        templateId: changeTemplateId,
        runAsCredentialId: bob.id,
      },
      actor,
    );
    await settle();
    const stored =
      JSON.stringify(operations.get(outcome.operationId ?? '')) + readText(dir.path, 'operations.jsonl');
    for (const form of [reversed, base64, hex, hex.toUpperCase()]) expect(stored).not.toContain(form);
  });

  it('a failed run stores nothing: the vault keeps the old password, the operation has the log', async () => {
    const { bob } = await seedBob();
    runtime.answer = {
      ok: false,
      steps: [
        {
          line: 1,
          command: 'exec "passwd bob"',
          output: 'passwd: Authentication token manipulation error',
          ok: false,
          durationMs: 3,
        },
      ],
      failure: { kind: 'target', line: 1, message: 'expect did not match', outputTail: '' },
      durationMs: 3,
    };
    const outcome = await service.change(
      {
        id: bob.id,
        password: { action: 'generate' },
        templateId: changeTemplateId,
        runAsCredentialId: bob.id,
      },
      actor,
    );
    expect(outcome).toEqual({
      changed: false,
      operationId: expect.any(String) as string,
      message:
        'The password was not changed on web-01: the run ended Error. The vault keeps the current password.',
    });
    expect(s.vault.get(vaultRef(bob.id))).toBe(oldPassword);
    expect(s.credentials.get(bob.id).updatedAt).toBe(bob.updatedAt);
    expect(operations.get(outcome.operationId ?? '')).toMatchObject({
      status: 'Error',
      attempts: [
        {
          error: 'line 1: expect did not match',
          steps: [{ output: 'passwd: Authentication token manipulation error' }],
        },
      ],
    });
    // Run as bob himself: his current password logs in.
    expect(runtime.requests[0]?.login).toEqual({ username: 'bob', password: oldPassword, database: 'appdb' });
    expect(s.credentials.history(bob.id)[0]).toMatchObject({ action: 'change_password', result: 'failure' });
  });

  it('a generated password is the one sent to the device and the one stored', async () => {
    const { bob } = await seedBob();
    await service.change(
      {
        id: bob.id,
        password: { action: 'generate' },
        templateId: changeTemplateId,
        runAsCredentialId: seed.admin.id,
      },
      actor,
    );
    const sent = runtime.requests[0]?.tags.NEW_PASSWORD;
    expect(sent).toMatch(/.{16,}/);
    expect(s.vault.get(vaultRef(bob.id))).toBe(sent);
  });

  it('the device has the new password even if the record was deleted meanwhile: the vault gets it too', async () => {
    const carol = await s.credentials.save(
      undefined,
      credential({ username: 'carol', deviceId: seed.web.id }),
      setPassword(oldPassword),
      actor,
    );
    // Deleted while the template runs (another window).
    runtime.run = async (request) => {
      runtime.requests.push(request);
      await s.credentials.delete(carol.id, actor);
      return runtime.answer;
    };
    const outcome = await service.change(
      {
        id: carol.id,
        password: { action: 'set', value: newPassword },
        templateId: changeTemplateId,
        runAsCredentialId: seed.admin.id,
      },
      actor,
    );
    expect(outcome).toMatchObject({ changed: true, credential: { id: carol.id, deleted: true } });
    expect(s.vault.get(vaultRef(carol.id))).toBe(newPassword);
    expect(s.credentials.history(carol.id)[1]).toMatchObject({
      action: 'update',
      fields: ['password'],
      detail:
        "Password stored in the vault only (the record's save was refused: carol @ web-01 was deleted; it is kept for audit only)",
    });
  });

  it('the record deleted meanwhile: the audit entry is written before the vault, so a failed entry stores nothing', async () => {
    const carol = await s.credentials.save(
      undefined,
      credential({ username: 'carol', deviceId: seed.web.id }),
      setPassword(oldPassword),
      actor,
    );
    runtime.run = async (request) => {
      runtime.requests.push(request);
      await s.credentials.delete(carol.id, actor);
      // From here on the audit log cannot be written (a full disk).
      s.audit.record = () => Promise.reject(new Error('audit write failed (test)'));
      return runtime.answer;
    };
    const change = service.change(
      {
        id: carol.id,
        password: { action: 'set', value: newPassword },
        templateId: changeTemplateId,
        runAsCredentialId: seed.admin.id,
      },
      actor,
    );
    await expect(change).rejects.toThrow('audit write failed (test)');
    // No password in the vault without the entry that accounts for it.
    expect(s.vault.get(vaultRef(carol.id))).toBe(oldPassword);
  });

  it('refuses before connecting: a stale form, a template of another type, a locked vault', async () => {
    const { bob } = await seedBob();
    const base = {
      id: bob.id,
      password: { action: 'set' as const, value: newPassword },
      templateId: changeTemplateId,
      runAsCredentialId: seed.admin.id,
    };
    s.clock.tick();
    await s.credentials.save(
      bob.id,
      { ...credential({ username: 'bob', deviceId: seed.web.id }), tags: ['x'] },
      { action: 'keep' },
      actor,
    );
    await expect(service.change({ ...base, expectedUpdatedAt: bob.updatedAt }, actor)).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(service.change({ ...base, templateId: seed.enable.id }, actor)).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'templateId',
      message: 'Enable is not an active "Password change" template',
    });
    s.vault.state = 'locked';
    await expect(service.change(base, actor)).rejects.toMatchObject({ code: 'locked' });
    s.vault.state = 'unlocked';
    expect(runtime.requests).toEqual([]);
    expect(s.vault.get(vaultRef(bob.id))).toBe(oldPassword);
  });
});
