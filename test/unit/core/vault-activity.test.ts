import { afterEach, describe, expect, it } from 'vitest';
import { Dispatcher, type AllHandlers } from '../../../electron/core/dispatcher';
import type { CallContext } from '../../../electron/core/handler-types';
import { vaultHandlers } from '../../../electron/core/handlers/vault';
import { EventBus } from '../../../electron/platform/event-bus';
import { ManualClock } from '../../../electron/platform/manual-clock';
import { VaultService } from '../../../electron/vault/vault-service';
import { methodNames, methods } from '../../../shared/contract';
import { idleWarningSchema } from '../../../shared/contract/vault';
import { fail } from '../../../shared/result';
import { RecordingAudit } from '../../support/recording-audit';
import { makeTempDir } from '../../support/temp-dir';

const ctx: CallContext = { transport: 'websocket', actor: 'tester' };

const temps: (() => void)[] = [];
afterEach(() => temps.splice(0).forEach((remove) => remove()));

/** The real vault handlers: `vault.activity` touches the idle countdown, and audits nothing. */
function setup() {
  const temp = makeTempDir();
  temps.push(temp.remove);
  const audit = new RecordingAudit();
  const events = new EventBus();
  const vault = new VaultService({ dataDir: temp.path, events, audit, clock: new ManualClock() });
  const counted = { activity: 0 };
  const log: string[] = [];
  const unstubbed = Object.fromEntries(
    methodNames.map((m) => [m, () => Promise.resolve(fail('internal', `${m} not stubbed`))]),
  ) as unknown as AllHandlers;
  const handlers: AllHandlers = {
    ...unstubbed,
    ...vaultHandlers(vault, { activity: () => counted.activity++ }),
  };
  const dispatcher = new Dispatcher(handlers, (line) => log.push(line));
  return { dispatcher, counted, log, audit };
}

describe('vault.activity', () => {
  it('restarts the idle countdown, answers {}, and neither logs nor audits', async () => {
    const { dispatcher, counted, log, audit } = setup();
    expect(await dispatcher.dispatch('vault.activity', undefined, ctx)).toEqual({ ok: true, value: {} });
    expect(counted).toEqual({ activity: 1 });
    expect(log).toEqual([]);
    expect(audit.entries).toEqual([]);
  });

  it('refuses any input', async () => {
    const { dispatcher, counted } = setup();
    for (const input of [{}, 'keydown', 1, null, { at: 5 }]) {
      expect(await dispatcher.dispatch('vault.activity', input, ctx)).toMatchObject({
        ok: false,
        code: 'invalid_input',
      });
    }
    expect(counted.activity).toBe(0);
    expect(methods['vault.activity'].input.safeParse(undefined).success).toBe(true);
  });
});

describe('vault.idleWarning', () => {
  it('carries whole seconds up to 60, or null when activity took the warning back', () => {
    for (const ok of [{ secondsLeft: 60 }, { secondsLeft: 30 }, { secondsLeft: null }]) {
      expect(idleWarningSchema.safeParse(ok).success).toBe(true);
    }
    for (const bad of [
      {},
      { secondsLeft: 0 },
      { secondsLeft: -1 },
      { secondsLeft: 61 },
      { secondsLeft: 1.5 },
      { secondsLeft: '60' },
      null,
    ]) {
      expect(idleWarningSchema.safeParse(bad).success).toBe(false);
    }
  });
});
