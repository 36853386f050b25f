// The executor is what every template run goes through (tests, password changes, the lifecycle):
// one operation per run, one attempt per try, every text masked again before it is stored.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunRequest, RunResult, PluginRuntime } from '../../../electron/plugins/plugin-runtime';
import { EventBus } from '../../../electron/platform/event-bus';
import { ManualClock } from '../../../electron/platform/manual-clock';
import { OperationLog } from '../../../electron/operations/operation-log';
import {
  TemplateExecutor,
  type AttemptPolicy,
  type Execution,
} from '../../../electron/operations/template-executor';
import { makeTempDir } from '../../support/temp-dir';

const secret = 'S3cret-Value!x';

class ScriptedPlugin implements PluginRuntime {
  readonly id = 'ssh' as const;
  readonly requests: RunRequest[] = [];
  constructor(private readonly answers: ((request: RunRequest) => Promise<RunResult>)[]) {}
  check() {
    return [];
  }
  run(request: RunRequest): Promise<RunResult> {
    this.requests.push(request);
    const answer = this.answers[this.requests.length - 1];
    if (!answer) throw new Error('no more answers');
    return answer(request);
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

const failed = (kind: 'target' | 'connect' | 'refused', message: string) => (): Promise<RunResult> =>
  Promise.resolve({
    ok: false,
    steps: [{ line: 1, command: 'x', output: message, ok: false, durationMs: 1 }],
    failure: { kind, line: 1, message, outputTail: '' },
    durationMs: 1,
  });
const succeeded = (): Promise<RunResult> =>
  Promise.resolve({ ok: true, steps: [], failure: null, durationMs: 1 });

let dir: ReturnType<typeof makeTempDir>;
let clock: ManualClock;
let operations: OperationLog;

beforeEach(() => {
  dir = makeTempDir('jit-executor-');
  clock = new ManualClock('2026-12-01T10:00:00Z');
  operations = OperationLog.open({ dir: dir.path, clock, events: new EventBus() });
});
afterEach(async () => {
  await operations.close();
  dir.remove();
});

function executorWith(plugin: PluginRuntime) {
  return new TemplateExecutor({ operations, plugins: { get: () => plugin }, clock });
}

const execution = (extra: Partial<Execution> = {}): Execution => ({
  kind: 'jit-disable',
  pluginId: 'ssh',
  template: { id: 7, name: 'Disable', version: 2, content: 'exec "usermod -L [#USERNAME#]"' },
  target: { host: '127.0.0.1', port: 22 },
  login: { username: 'root', password: secret },
  tags: { USERNAME: 'alice', AUTH_PASSWORD: secret },
  deviceId: 1,
  deviceLabel: 'web-01 (10.0.0.1)',
  account: 'alice',
  runAs: 'root @ web-01',
  requester: 'admin',
  sessionId: 's-1',
  ...extra,
});

/** Waits on the manual clock; the test advances it once the executor is waiting. */
function clockPolicy(
  maxAttempts: number,
  delays: number[],
  onWait: () => void = () => undefined,
): AttemptPolicy {
  return {
    maxAttempts,
    delayMs: (next) => delays[next - 2] ?? 0,
    wait: (ms, signal) =>
      new Promise<void>((resolve) => {
        const timer = clock.setTimer(resolve, ms);
        signal.addEventListener('abort', () => {
          timer.cancel();
          resolve();
        });
        onWait();
      }),
  };
}

describe('TemplateExecutor', () => {
  it('records one Successful operation under the id the caller chose', async () => {
    const op = await executorWith(new ScriptedPlugin([succeeded])).execute(
      execution({ operationId: 'op-1' }),
    );
    expect(op).toMatchObject({ id: 'op-1', status: 'Successful', kind: 'jit-disable', sessionId: 's-1' });
    expect(op.attempts).toHaveLength(1);
    expect(operations.get('op-1')?.status).toBe('Successful');
  });

  it('refuses an empty template without calling the plugin: it would report a change that never happened', async () => {
    const plugin = new ScriptedPlugin([succeeded]);
    const op = await executorWith(plugin).execute(
      execution({ template: { id: 7, name: 'Placeholder', version: 1, content: ' \n\t\n' } }),
    );
    expect(op.status).toBe('Error');
    expect(op.attempts[0]?.error).toContain('The template is empty');
    expect(plugin.requests).toHaveLength(0);
  });

  it("keeps a draft's text, masked: a secret of the run typed into the draft is not stored", async () => {
    const executor = executorWith(new ScriptedPlugin([succeeded]));
    const content = `exec "echo ${secret} | sudo -S true"`;
    const op = await executor.execute(
      execution({ kind: 'test', template: { id: 7, name: 'Draft', version: null, content } }),
    );
    expect(op.templateContent).toBe('exec "echo ****** | sudo -S true"');
    expect(JSON.stringify(operations.get(op.id))).not.toContain(secret);
  });

  it('retries a target failure by the policy, each attempt recorded, and masks every text', async () => {
    const plugin = new ScriptedPlugin([
      failed('connect', `refused ${secret}`),
      failed('target', 'busy'),
      succeeded,
    ]);
    const executor = executorWith(plugin);
    const waits: number[] = [];
    const policy = clockPolicy(5, [5000, 10000], () => {
      waits.push(1);
      queueMicrotask(() => clock.advance(60_000));
    });
    const op = await executor.execute(execution({ attempts: policy }));
    expect(op.status).toBe('Successful');
    expect(op.attempts.map((a) => a.status)).toEqual(['Error', 'Error', 'Successful']);
    expect(waits).toHaveLength(2);
    expect(JSON.stringify(op)).not.toContain(secret);
    expect(op.attempts[0]?.error).toContain('refused');
  });

  it('stops at maxAttempts, and never retries a refused template', async () => {
    const tooMany = await executorWith(
      new ScriptedPlugin([failed('target', 'a'), failed('target', 'b')]),
    ).execute(execution({ attempts: clockPolicy(2, [1], () => queueMicrotask(() => clock.advance(1))) }));
    expect(tooMany.attempts.map((a) => a.status)).toEqual(['Error', 'Error']);
    expect(tooMany.status).toBe('Error');

    const refused = await executorWith(new ScriptedPlugin([failed('refused', 'bad tag')])).execute(
      execution({ attempts: clockPolicy(5, [1]) }),
    );
    expect(refused.attempts).toHaveLength(1);
  });

  it('ends Canceled when canceled while waiting for the next attempt', async () => {
    const plugin = new ScriptedPlugin([failed('target', 'down'), succeeded]);
    const executor = executorWith(plugin);
    const op = await executor.execute(
      execution({
        operationId: 'op-wait',
        attempts: clockPolicy(3, [60_000], () => queueMicrotask(() => executor.cancel('op-wait'))),
      }),
    );
    expect(op.status).toBe('Canceled');
    expect(plugin.requests).toHaveLength(1);
    expect(executor.isRunning('op-wait')).toBe(false);
  });

  it('records a plugin that throws as a failed attempt naming only the error class', async () => {
    const plugin = new ScriptedPlugin([() => Promise.reject(new TypeError(`boom ${secret}`))]);
    const op = await executorWith(plugin).execute(execution());
    expect(op.status).toBe('Error');
    expect(op.attempts[0]?.error).toBe('The plugin failed (TypeError)');
  });
});
