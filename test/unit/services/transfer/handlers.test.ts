import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { methodNames } from '../../../../shared/contract';
import { bundleTooLargeMessage, maxBundleChars } from '../../../../shared/contract/transfer';
import { fail } from '../../../../shared/result';
import { Dispatcher, type AllHandlers } from '../../../../electron/core/dispatcher';
import type { CallContext } from '../../../../electron/core/handler-types';
import { transferHandlers } from '../../../../electron/core/handlers/transfer';
import { locateJsonError } from '../../../../electron/services/transfer/json-error-place';
import { makeTempDir } from '../../../support/temp-dir';
import { builtIns, bundlePassphrase, FailingWrites, openEnv, seedRich, settle, type Env } from './fixtures';

const ctx: CallContext = { transport: 'internal', actor: 'carol' };
const dirs: ReturnType<typeof makeTempDir>[] = [];
const envs: Env[] = [];
let log: string[];

async function withDispatcher(options: Parameters<typeof openEnv>[1] = { vault: 'real' }) {
  const dir = makeTempDir();
  dirs.push(dir);
  const env = await openEnv(dir.path, options);
  envs.push(env);
  await env.templates.installBuiltIns(builtIns);
  // The other domains' handlers are not under test here.
  const others = Object.fromEntries(
    methodNames.map((m) => [m, () => Promise.resolve(fail('unavailable', 'not wired in this test'))]),
  ) as unknown as AllHandlers;
  const dispatcher = new Dispatcher({ ...others, ...transferHandlers(env.transfer) }, (line) =>
    log.push(line),
  );
  return { env, call: (method: string, input: unknown) => dispatcher.dispatch(method, input, ctx) };
}

beforeEach(() => {
  log = [];
});
afterEach(async () => {
  for (const env of envs.splice(0)) await env.close();
  for (const dir of dirs.splice(0)) dir.remove();
});

describe('transfer handlers through the dispatcher (contract-checked input and output)', () => {
  it('export, then import elsewhere: the applied counts; again: the problems', async () => {
    const source = await withDispatcher();
    await seedRich(source.env);
    const exported = await source.call('transfer.export', {
      includePasswords: true,
      passphrase: bundlePassphrase,
    });
    if (!exported.ok) throw new Error(exported.message);
    const { content } = exported.value as { content: string };

    const target = await withDispatcher();
    expect(await target.call('transfer.import', { content, passphrase: bundlePassphrase })).toEqual({
      ok: true,
      value: {
        applied: true,
        devices: 3,
        templates: 6,
        credentials: 7,
        passwords: 3,
        keys: 0,
        keysLeftOut: [],
        secretFields: 0,
        secretFieldsLeftOut: [],
        skipped: [],
        renamed: [],
      },
    });
    const again = await target.call('transfer.import', { content, passphrase: bundlePassphrase });
    expect(again).toMatchObject({ ok: true, value: { applied: false } });
    expect(log).toEqual([]);
  });

  it('a short passphrase is refused by the contract; a locked vault is a `locked` failure', async () => {
    const { env, call } = await withDispatcher();
    expect(await call('transfer.export', { includePasswords: true, passphrase: 'short' })).toMatchObject({
      ok: false,
      code: 'invalid_input',
      field: 'passphrase',
    });
    expect(await call('transfer.export', { includePasswords: true })).toMatchObject({
      ok: false,
      code: 'invalid_input',
      field: 'passphrase',
    });
    await env.realVault?.lock(ctx.actor);
    expect(
      await call('transfer.export', { includePasswords: true, passphrase: bundlePassphrase }),
    ).toMatchObject({
      ok: false,
      code: 'locked',
    });
  });

  it('an export passphrase follows the passphrase rule: 10 characters that are not spaces', async () => {
    const { call } = await withDispatcher();
    expect(
      await call('transfer.export', { includePasswords: true, passphrase: 'a b c d e f g h' }),
    ).toMatchObject({
      ok: false,
      code: 'invalid_input',
      field: 'passphrase',
      message: 'passphrase: At least 10 characters that are not spaces',
    });
  });

  it('a file over 64 MiB is refused with a message that says so, not a generic error', async () => {
    const { call } = await withDispatcher();
    const content = ' '.repeat(maxBundleChars + 1);
    expect(await call('transfer.import', { content })).toEqual({
      ok: false,
      code: 'invalid_input',
      field: 'content',
      message: `content: ${bundleTooLargeMessage}`,
    });
  });

  it('a huge file that is not JSON fails with its line and column, not a generic error', async () => {
    const { call } = await withDispatcher();
    // One string of 20 million characters (a regular expression over it overflows V8's stack),
    // then a missing comma on the next line.
    const content = `{\n  "format": "jit-pam-bundle",\n  "exportedAt": "${'x'.repeat(20_000_000)}",\n  "version": 1\n  "devices": []\n}\n`;
    expect(await call('transfer.import', { content })).toEqual({
      ok: true,
      value: {
        applied: false,
        problems: [{ path: '', message: "Not valid JSON at line 5, column 3: Expected ',' or '}'" }],
      },
    });
    expect(log).toEqual([]);
  });

  it('an imported label with a bidirectional override or an address of colons is a problem at its place', async () => {
    const { call } = await withDispatcher();
    const content = JSON.stringify({
      format: 'jit-pam-bundle',
      version: 1,
      devices: [{ ref: 'd1', name: 'db\u202E-01', address: ':::::::', type: 'Server', site: 'a\u0007' }],
    });
    expect(await call('transfer.import', { content })).toEqual({
      ok: true,
      value: {
        applied: false,
        problems: [
          {
            path: 'devices[0].name',
            message:
              'Device name contains a bidirectional control character (U+202E), which makes text display differently from what it is',
          },
          {
            path: 'devices[0].address',
            message:
              'Not a valid IPv6 address: eight groups of 1 to 4 hex digits separated by colons, one "::" at most',
          },
          {
            path: 'devices[0].site',
            message: 'Site contains a control character (U+0007); only printable text is allowed',
          },
        ],
      },
    });
  });

  it('a write that fails is an internal failure whose message names no secret', async () => {
    const source = await withDispatcher();
    await seedRich(source.env);
    const exported = await source.call('transfer.export', {
      includePasswords: true,
      passphrase: bundlePassphrase,
    });
    if (!exported.ok) throw new Error(exported.message);
    const writes = new FailingWrites();
    const target = await withDispatcher({ vault: 'real', writes });
    await settle();
    writes.failing.add('config');
    const result = await target.call('transfer.import', {
      content: (exported.value as { content: string }).content,
      passphrase: bundlePassphrase,
    });
    expect(result).toEqual({
      ok: false,
      code: 'internal',
      message: "transfer.import failed inside the core; see the core's log",
    });
    expect(log.join('\n')).not.toContain(bundlePassphrase);
    expect(target.env.devices.list()).toEqual([]);
  });
});

describe('locateJsonError', () => {
  it.each([
    ['{"a": 1,}', 1, 9, 'Expected a property name in double quotes'],
    ['{"a": [1 2]}', 1, 10, "Expected ',' or ']'"],
    ['{\n  "a": "x\ty"\n}', 2, 8, 'Invalid string (unescaped control character or bad escape)'],
    ['{"a": tru}', 1, 7, 'Unexpected character "t"'],
    ['{"a": 1} x', 1, 10, 'Unexpected text after the end of the JSON value'],
    ['{"a": [', 1, 8, 'Unexpected end of file'],
    ['', 1, 1, 'Unexpected end of file'],
    ['{"a": "x\\q"}', 1, 7, 'Invalid string (unescaped control character or bad escape)'],
    ['{"a": "\\u12G4"}', 1, 7, 'Invalid string (unescaped control character or bad escape)'],
    ['{"a": "\\u1234\\n\\"", "b": 1,}', 1, 28, 'Expected a property name in double quotes'],
    ['{"a": "unterminated', 1, 20, 'Unexpected end of file'],
  ])('%j → line %i, column %i', (text, line, column, message) => {
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect(locateJsonError(text)).toEqual({ line, column, message });
  });
});
