import { describe, expect, it } from 'vitest';
import { Dispatcher, type AllHandlers } from '../../../electron/core/dispatcher';
import type { CallContext } from '../../../electron/core/handler-types';
import { methodNames } from '../../../shared/contract';
import { defaultSettings } from '../../../shared/domain/settings';
import { fail, ok } from '../../../shared/result';

const ctx: CallContext = { transport: 'internal', actor: 'tester' };

/** Every method answers `internal` unless a test gives it a handler. */
const unstubbed = Object.fromEntries(
  methodNames.map((m) => [m, () => Promise.resolve(fail('internal', `${m} not stubbed`))]),
) as unknown as AllHandlers;

function dispatcherWith(overrides: Partial<AllHandlers> = {}, log: string[] = []) {
  const handlers: AllHandlers = {
    ...unstubbed,
    'app.info': () =>
      Promise.resolve(ok({ name: 'x', version: '1', shell: 'browser' as const, dataDir: '/d', notices: [] })),
    'settings.get': () => Promise.resolve(ok(defaultSettings)),
    'settings.set': (input) => Promise.resolve(ok(input)),
    ...overrides,
  };
  return new Dispatcher(handlers, (line) => log.push(line));
}

describe('Dispatcher', () => {
  it('routes a valid call to its handler', async () => {
    expect(await dispatcherWith().dispatch('settings.get', undefined, ctx)).toEqual(ok(defaultSettings));
  });

  it('rejects an unknown method by name', async () => {
    const result = await dispatcherWith().dispatch('settings.drop', undefined, ctx);
    expect(result).toMatchObject({ ok: false, code: 'unknown_method' });
    expect(!result.ok && result.message).toContain('"settings.drop"');
  });

  it('does not treat inherited object keys as methods', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 42]) {
      expect(await dispatcherWith().dispatch(name, undefined, ctx)).toMatchObject({ code: 'unknown_method' });
    }
  });

  it('rejects invalid input and names the field', async () => {
    const bad = { ...defaultSettings, jit: { ...defaultSettings.jit, usernamePrefix: 'Bad Prefix!' } };
    const result = await dispatcherWith().dispatch('settings.set', bad, ctx);
    expect(result).toMatchObject({ ok: false, code: 'invalid_input', field: 'jit.usernamePrefix' });
  });

  it('passes a handler failure through unchanged', async () => {
    const d = dispatcherWith({ 'settings.get': () => Promise.resolve(fail('locked', 'Vault is locked')) });
    expect(await d.dispatch('settings.get', undefined, ctx)).toEqual(fail('locked', 'Vault is locked'));
  });

  it('hides an exception text from the caller and logs it', async () => {
    const log: string[] = [];
    const d = dispatcherWith(
      { 'settings.get': () => Promise.reject(new Error('password=hunter2 leaked by a driver')) },
      log,
    );
    const result = await d.dispatch('settings.get', undefined, ctx);
    expect(result).toMatchObject({ ok: false, code: 'internal' });
    expect(JSON.stringify(result)).not.toContain('hunter2');
    expect(log.join('\n')).toContain('settings.get threw');
  });

  it('refuses a handler output that breaks the contract', async () => {
    const d = dispatcherWith({
      'settings.get': () => Promise.resolve(ok({ nope: true } as unknown as typeof defaultSettings)),
    });
    expect(await d.dispatch('settings.get', undefined, ctx)).toMatchObject({ ok: false, code: 'internal' });
  });

  it('drain refuses new calls and waits for the ones running (quitting cuts no change short)', async () => {
    let finish: () => void = () => undefined;
    const saving = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const d = dispatcherWith({ 'settings.set': (input) => saving.then(() => ok(input)) });
    const running = d.dispatch('settings.set', defaultSettings, ctx);
    let drained = false;
    const draining = d.drain(60_000).then(() => (drained = true));
    expect(await d.dispatch('settings.get', undefined, ctx)).toMatchObject({
      ok: false,
      code: 'unavailable',
    });
    await Promise.resolve();
    expect(drained).toBe(false);
    finish();
    await draining;
    expect(await running).toEqual(ok(defaultSettings));
  });

  it('drain gives up after its bound on a call that never ends', async () => {
    const d = dispatcherWith({ 'settings.get': () => new Promise(() => undefined) });
    void d.dispatch('settings.get', undefined, ctx);
    await d.drain(10);
  });
});
