// Test on a device as a use of a credential's password: audited (durably) before the plugin is
// asked to connect, refused when the audit cannot be written, limited to the credential's own
// device unless the administrator confirms another, and what it stores is masked or withheld.
// The inventory, audit log and operation log are the real ones over temporary files; the plugin
// is a stand-in that records what it was handed (the plugins have their own tests).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PluginId } from '../../../shared/domain/plugin';
import { defaultSettings } from '../../../shared/domain/settings';
import type { PluginRuntime, RunRequest, RunResult } from '../../../electron/plugins/plugin-runtime';
import type { AuditTrail } from '../../../electron/audit/audit-trail';
import { OperationLog } from '../../../electron/operations/operation-log';
import { TemplateExecutor } from '../../../electron/operations/template-executor';
import { TemplateRunner } from '../../../electron/operations/template-runner';
import type { PluginRegistry } from '../../../electron/plugins/registry';
import { WITHHELD } from '../../../electron/plugins/tag-engine';
import { ServiceError } from '../../../electron/services/service-error';
import { makeTempDir } from '../../support/temp-dir';
import {
  actor,
  credential,
  device,
  openServices,
  readText,
  setPassword,
  template,
} from '../services/harness';

const password = 'Sw0rdfish!Long-enough';
const otherPassword = 'An0ther#Device-pass';

/** A plugin that remembers each request and what audit.jsonl held when it was asked to run. */
class StandInPlugin implements PluginRuntime {
  readonly id = 'ssh' as const;
  readonly runs: { request: RunRequest; auditAtRun: string }[] = [];
  constructor(
    private readonly auditFile: string,
    private readonly result: (request: RunRequest) => RunResult | Promise<RunResult>,
  ) {}
  check() {
    return [];
  }
  run(request: RunRequest): Promise<RunResult> {
    this.runs.push({ request, auditAtRun: readText(this.auditFile, 'audit.jsonl') });
    return Promise.resolve(this.result(request));
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

const succeeded = (): RunResult => ({ ok: true, steps: [], failure: null, durationMs: 1 });

let dir: ReturnType<typeof makeTempDir>;
let services: ReturnType<typeof openServices>;
let operations: OperationLog;

beforeEach(() => {
  dir = makeTempDir('jit-runner-');
  services = openServices(dir.path);
  operations = OperationLog.open({ dir: dir.path, clock: services.clock, events: services.events });
});

afterEach(async () => {
  await operations.close();
  await services.audit.close();
  dir.remove();
});

/** A runner on its own executor, which the operations handlers need for cancel. */
function runnerWith(
  plugin: PluginRuntime,
  audit: AuditTrail = services.audit,
): TemplateRunner & { executor: TemplateExecutor } {
  const plugins: PluginRegistry = {
    get: (id: PluginId) => (id === 'ssh' ? plugin : undefined),
    builtInTemplates: () => [],
    help: () => '',
    closeKeptConnections: () => Promise.resolve(),
  };
  const executor = new TemplateExecutor({ operations, plugins, clock: services.clock });
  const runner = new TemplateRunner({
    inventory: services,
    executor,
    plugins,
    audit,
    settings: () => defaultSettings,
    clock: services.clock,
  });
  return Object.assign(runner, { executor });
}

async function seed() {
  const ssh = [{ protocol: 'SSH' as const, port: 22 }];
  const web = await services.devices.save(undefined, device({ connectivity: ssh }), actor);
  const db = await services.devices.save(
    undefined,
    device({ name: 'db-01', address: '10.0.0.2', connectivity: ssh }),
    actor,
  );
  const root = await services.credentials.save(
    undefined,
    credential({ username: 'root', deviceId: web.id }),
    setPassword(password),
    actor,
  );
  const dbAdmin = await services.credentials.save(
    undefined,
    credential({ username: 'dba', deviceId: db.id }),
    setPassword(otherPassword),
    actor,
  );
  const tpl = await services.templates.save(undefined, template({ name: 'Enable user' }), actor);
  return { web, db, root, dbAdmin, tpl };
}

const auditLines = (): { action: string; entityId: number | null; detail: string; actor: string }[] =>
  readText(dir.path, 'audit.jsonl')
    .split('\n')
    .filter((line) => line !== '')
    .map(
      (line) =>
        JSON.parse(line) as { action: string; entityId: number | null; detail: string; actor: string },
    );

describe('TemplateRunner: a run is a use of the password', () => {
  it('audits the use on disk before the plugin connects, naming who, credential, device, template and version', async () => {
    const { web, root, tpl } = await seed();
    const plugin = new StandInPlugin(dir.path, succeeded);
    const op = await runnerWith(plugin).test(
      { templateId: tpl.id, deviceId: web.id, login: { credentialId: root.id } },
      'bob',
    );
    expect(op.status).toBe('Successful');
    expect(plugin.runs).toHaveLength(1);
    // Written (fsync'ed) before run() was called: the plugin saw it in the file.
    expect(plugin.runs[0]?.auditAtRun).toContain('"use_password"');
    const use = auditLines().find((e) => e.action === 'use_password');
    expect(use).toMatchObject({ actor: 'bob', entityId: root.id });
    expect(use?.detail).toBe(
      `Test on a device: template "Enable user" (id ${tpl.id}) version ${tpl.version} on web-01 (10.0.0.1)`,
    );
    expect(readText(dir.path, 'audit.jsonl')).not.toContain(password);
  });

  it('does not start when the audit entry cannot be written', async () => {
    const { web, root, tpl } = await seed();
    const plugin = new StandInPlugin(dir.path, succeeded);
    const broken: AuditTrail = { record: () => Promise.reject(new Error('ENOSPC: no space left on device')) };
    const run = runnerWith(plugin, broken).test(
      { templateId: tpl.id, deviceId: web.id, login: { credentialId: root.id } },
      actor,
    );
    await expect(run).rejects.toMatchObject({
      code: 'unavailable',
      message: 'The run did not start: its use of the password could not be written to the audit log',
    });
    expect(plugin.runs).toHaveLength(0);
    expect(operations.list({}, 0, 10).total).toBe(0);
  });
});

describe('TemplateRunner: a test never acts on the account it logs in as, nor a Password change on a stored one (review 37)', () => {
  it("refuses the account it logs in as, and a stored credential's of the device, naming the credential", async () => {
    const { web, db, root, dbAdmin } = await seed();
    const change = await services.templates.save(
      undefined,
      template({ name: 'Change', executionType: 'Password change' }),
      actor,
    );
    const plugin = new StandInPlugin(dir.path, succeeded);
    const runner = runnerWith(plugin);
    await expect(
      runner.test(
        { templateId: change.id, deviceId: web.id, login: { credentialId: root.id }, username: 'ROOT ' },
        actor,
      ),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'username',
      message:
        'ROOT is the account of the stored credential root @ web-01: the test logs in as it, and would lock that credential out. Test on an account made for it, or leave Account empty.',
    });
    await expect(
      runner.test(
        {
          templateId: change.id,
          deviceId: db.id,
          login: { credentialId: root.id },
          username: 'dba',
          useOnAnotherDevice: true,
        },
        actor,
      ),
    ).rejects.toMatchObject({ field: 'username', message: expect.stringContaining('dba @ db-01') as string });
    expect(plugin.runs).toHaveLength(0);
    // Another account, or another kind of template on that account, runs.
    await runner.test(
      { templateId: change.id, deviceId: web.id, login: { credentialId: root.id }, username: 'jittest1' },
      actor,
    );
    // An Enable test on a stored account (a JIT Enable/Disable credential's) runs; on the
    // account the test logs in as, it is refused too.
    const enable = await services.templates.save(undefined, template({ name: 'Enable' }), actor);
    await runner.test(
      {
        templateId: enable.id,
        deviceId: db.id,
        login: { credentialId: root.id },
        username: 'dba',
        useOnAnotherDevice: true,
      },
      actor,
    );
    await expect(
      runner.test(
        { templateId: enable.id, deviceId: db.id, login: { credentialId: dbAdmin.id }, username: 'dba' },
        actor,
      ),
    ).rejects.toMatchObject({
      field: 'username',
      message: expect.stringContaining('the test logs in as it') as string,
    });
    expect(plugin.runs).toHaveLength(2);
  });
});

describe('TemplateRunner: a credential logs in to its own device only, unless confirmed', () => {
  it('refuses a credential of another device without the confirmation, before any audit or connection', async () => {
    const { web, dbAdmin, tpl } = await seed();
    const plugin = new StandInPlugin(dir.path, succeeded);
    const before = auditLines().length;
    const run = runnerWith(plugin).test(
      { templateId: tpl.id, deviceId: web.id, login: { credentialId: dbAdmin.id } },
      actor,
    );
    await expect(run).rejects.toBeInstanceOf(ServiceError);
    await expect(run).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'login.credentialId',
      message:
        'dba @ db-01 belongs to another device: confirm "use on another device" to log in to web-01 with it',
    });
    expect(plugin.runs).toHaveLength(0);
    expect(auditLines()).toHaveLength(before);
  });

  it('runs with the confirmation, and the audit entry says another device was chosen', async () => {
    const { web, dbAdmin, tpl } = await seed();
    const plugin = new StandInPlugin(dir.path, succeeded);
    const op = await runnerWith(plugin).test(
      { templateId: tpl.id, deviceId: web.id, login: { credentialId: dbAdmin.id }, useOnAnotherDevice: true },
      actor,
    );
    expect(op.runAs).toBe('dba @ db-01');
    expect(plugin.runs[0]?.request.target).toEqual({ host: '10.0.0.1', port: 22 });
    const use = auditLines().find((e) => e.action === 'use_password');
    expect(use?.entityId).toBe(dbAdmin.id);
    expect(use?.detail).toMatch(
      /on web-01 \(10\.0\.0\.1\), another device than the credential's \(chosen explicitly\)$/,
    );
  });
});

describe('TemplateRunner: what is stored', () => {
  it('masks transforms of the password and withholds an output that still holds it', async () => {
    const { web, root, tpl } = await seed();
    const reversed = Array.from(password).reverse().join('');
    const base64 = Buffer.from(`x${password}`).toString('base64');
    const plugin = new StandInPlugin(dir.path, () => ({
      ok: false,
      steps: [
        { line: 1, command: 'exec "rev"', output: `out ${reversed} end`, ok: true, durationMs: 1 },
        { line: 2, command: 'exec "base64"', output: base64, ok: true, durationMs: 1 },
        // Cut by a line wrap: no exact form of it is in the text.
        {
          line: 3,
          command: 'exec "cat"',
          output: `${password.slice(0, 9)}\r\n${password.slice(9)}`,
          ok: true,
          durationMs: 1,
        },
      ],
      failure: {
        kind: 'target',
        line: 3,
        message: `failed near ${password}`,
        outputTail: Buffer.from(password).toString('hex'),
      },
      durationMs: 3,
    }));
    const op = await runnerWith(plugin).test(
      { templateId: tpl.id, deviceId: web.id, login: { credentialId: root.id } },
      actor,
    );
    const steps = op.attempts[0]?.steps ?? [];
    expect(steps[0]?.output).toBe('out ****** end');
    expect(steps[1]?.output).toContain('******');
    expect(steps[2]?.output).toBe(WITHHELD);
    expect(op.attempts[0]?.error).toBe('line 3: failed near ******\n******');
    const stored = readText(dir.path, 'operations.jsonl');
    for (const form of [password, reversed, password.slice(9), Buffer.from(password).toString('hex')]) {
      expect(stored).not.toContain(form);
    }
  });
});

describe('TemplateRunner: a run in progress', () => {
  it('gives the steps so far, masked, to a screen that asks mid-run (get and list), never to the file', async () => {
    const { web, root, tpl } = await seed();
    let midRun: { got: unknown; listed: unknown } | undefined;
    const plugin = new StandInPlugin(dir.path, (request) => {
      request.onStep?.({
        line: 1,
        command: 'exec "echo"',
        output: `said ${password}`,
        ok: true,
        durationMs: 1,
      });
      const [op] = operations.list({}, 0, 1).operations;
      midRun = { got: op && operations.get(op.id)?.attempts[0]?.steps, listed: op?.attempts[0]?.steps };
      return succeeded();
    });
    await runnerWith(plugin).test(
      { templateId: tpl.id, deviceId: web.id, login: { credentialId: root.id } },
      actor,
    );
    const step = { line: 1, command: 'exec "echo"', output: 'said ******', ok: true, durationMs: 1 };
    expect(midRun).toEqual({ got: [step], listed: [step] });
    // The file has the start and the end only (the stand-in's result has no steps).
    expect(readText(dir.path, 'operations.jsonl')).not.toContain('said');
  });
});

describe('OperationLog', () => {
  const running = {
    id: 'op-1',
    kind: 'test' as const,
    status: 'Running' as const,
    pluginId: 'ssh' as const,
    templateId: 1,
    templateName: 'Enable user',
    templateVersion: 1,
    deviceId: 1,
    deviceLabel: 'web-01 (10.0.0.1)',
    account: 'alice',
    runAs: 'root @ web-01',
    requester: actor,
    sessionId: null,
    createdAt: '2026-11-29T10:00:00.000Z',
    updatedAt: '2026-11-29T10:00:00.000Z',
    attempts: [
      {
        number: 1,
        startedAt: '2026-11-29T10:00:00.000Z',
        endedAt: null,
        status: 'Running' as const,
        steps: [],
        error: null,
      },
    ],
  };

  it('ends a run a crash left Running as Error at the next start, for good', async () => {
    await operations.save(running);
    // The app stops without the run ending: the file's last word on op-1 is Running.
    await operations.close();
    operations = OperationLog.open({ dir: dir.path, clock: services.clock, events: services.events });
    expect(operations.get('op-1')?.status).toBe('Running');
    expect(await operations.closeInterrupted()).toBe(1);
    expect(operations.get('op-1')).toMatchObject({
      status: 'Error',
      attempts: [
        {
          status: 'Error',
          error: 'Interrupted: the app stopped while this ran',
          endedAt: '2026-11-29T10:00:00.000Z',
        },
      ],
    });
    await operations.close();
    operations = OperationLog.open({ dir: dir.path, clock: services.clock, events: services.events });
    expect(operations.get('op-1')?.status).toBe('Error');
    expect(await operations.closeInterrupted()).toBe(0);
  });
});

describe('operations.get and operations.cancel', () => {
  it('gets an operation, cancels a running one, refuses an unknown or finished one', async () => {
    const { operationsHandlers } = await import('../../../electron/core/handlers/operations');
    const { web, root, tpl } = await seed();
    let started: () => void = () => undefined;
    const begun = new Promise<void>((resolve) => (started = resolve));
    const plugin = new StandInPlugin(dir.path, (request) => {
      started();
      return new Promise<RunResult>((resolve) => {
        request.signal?.addEventListener('abort', () =>
          resolve({
            ok: false,
            steps: [],
            failure: { kind: 'canceled', line: null, message: 'canceled', outputTail: '' },
            durationMs: 1,
          }),
        );
      });
    });
    const runner = runnerWith(plugin);
    const handlers = operationsHandlers(operations, runner, runner.executor);
    const ctx = { transport: 'internal' as const, actor };

    expect(await handlers['operations.get']({ id: 'nope' }, ctx)).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(await handlers['operations.cancel']({ id: 'nope' }, ctx)).toMatchObject({
      ok: false,
      code: 'not_found',
    });

    const run = runner.test(
      { templateId: tpl.id, deviceId: web.id, login: { credentialId: root.id } },
      actor,
    );
    await begun;
    const id = operations.list({}, 0, 1).operations[0]?.id ?? '';
    expect(await handlers['operations.get']({ id }, ctx)).toMatchObject({
      ok: true,
      value: { id, status: 'Running' },
    });
    expect(await handlers['operations.cancel']({ id }, ctx)).toMatchObject({ ok: true });
    expect((await run).status).toBe('Canceled');
    expect(await handlers['operations.get']({ id }, ctx)).toMatchObject({
      ok: true,
      value: { status: 'Canceled' },
    });
    expect(await handlers['operations.cancel']({ id }, ctx)).toMatchObject({
      ok: false,
      code: 'conflict',
      message: 'The operation is Canceled, not running',
    });
  });
});
