/**
 * "Long command lines defeat masking": Test on a device through the real core against the lab's
 * real sshd, logging in with a password as long as the policy allows (256) typed inside a
 * command line near the 4000-byte limit, and printed back reversed, in base64 and in hex. Neither
 * operations.jsonl nor audit.jsonl may then hold the password, any long piece of it, or any of
 * those transforms; the run itself is audited as a use of the password before it connects.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/compose';
import { generatePassword } from '../../../electron/services/credentials/password-generator';
import { confBackendFactory } from '../../../electron/storage/conf-backend';
import type { MethodName } from '../../../shared/contract';
import { makeTempDir } from '../../support/temp-dir';
import { createAccount, jitName, removeAccount, rootClient, sshClose, sshLab } from '../plugins/ssh/support';

let dir: ReturnType<typeof makeTempDir>;
let core: Core;
let root: Client;
const lab = sshLab();
const user = jitName();
const password = generatePassword({
  length: 256,
  lowercase: true,
  uppercase: true,
  digits: true,
  symbols: true,
});

async function call(method: MethodName, input: unknown): Promise<unknown> {
  const result = await core.dispatcher.dispatch(method, input, core.context('internal'));
  if (!result.ok) throw new Error(`${method}: ${result.message}`);
  return result.value;
}

/** Every string held by a JSON-lines file, decoded (a `"` in the file is `\"`). */
function storedText(file: string): string {
  const strings: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') strings.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(collect);
  };
  for (const line of readFileSync(file, 'utf8').split('\n')) if (line !== '') collect(JSON.parse(line));
  return strings.join('\n');
}

/** The pieces of `secret` a reader could put back together: every run of 24 characters. */
function pieces(secret: string, size = 24): string[] {
  const out: string[] = [];
  for (let i = 0; i + size <= secret.length; i++) out.push(secret.slice(i, i + size));
  return out;
}

function expectNoSecret(text: string, what: string): void {
  const bytes = Buffer.from(password);
  const reversed = Array.from(password).reverse().join('');
  const hex = bytes.toString('hex');
  const forms: [string, string][] = [
    ...pieces(password).map((p): [string, string] => ['a piece of the password', p]),
    ...pieces(reversed).map((p): [string, string] => ['a piece of the reversed password', p]),
    ...pieces(bytes.toString('base64'), 32).map((p): [string, string] => ['its base64', p]),
    ...pieces(hex, 32).map((p): [string, string] => ['its hex', p]),
    ...pieces(hex.toUpperCase(), 32).map((p): [string, string] => ['its HEX', p]),
  ];
  const found = forms.find(([, form]) => text.includes(form));
  expect(found?.[0], `${what} holds ${found?.[0] ?? ''}`).toBeUndefined();
}

beforeAll(async () => {
  root = await rootClient(lab);
  await createAccount(root, user, password);
  dir = makeTempDir('jit-longline-');
  core = createCore({ dataDir: join(dir.path, 'data'), shell: 'browser', createBackend: confBackendFactory });
  const passphraseFile = join(dir.path, 'passphrase');
  writeFileSync(passphraseFile, 'integration passphrase\n', { mode: 0o600 });
  await core.unlockWithPassphraseFile(passphraseFile);
  await core.ready;
});

afterAll(async () => {
  core.close();
  dir.remove();
  await removeAccount(root, user);
  await sshClose(root);
});

describe('Test on a device: a 256-character password in a command line near 4000 bytes', () => {
  it('stores neither the password nor its transforms, and audits the use first', async () => {
    const device = (await call('devices.save', {
      device: {
        name: 'ssh-lab',
        address: lab.target.host,
        type: 'Server',
        connectivity: [{ protocol: 'SSH', port: lab.target.port }],
      },
    })) as { id: number };
    const login = (await call('credentials.save', {
      credential: { username: user, type: 'Local administrator', deviceId: device.id },
      password: { action: 'set', value: password },
    })) as { id: number };
    // The long line: a no-op padded so that, with the quoted password, it is just under 4000
    // bytes; the password last, so the failure tail (the end of the transcript) quotes it.
    const padding = 'x'.repeat(4000 - 320 - 40);
    const content = [
      'set-read-timeout 30',
      'expect "*$"',
      'set-read-timeout 10',
      'exec "printf %s [#AUTH_PASSWORD#] | rev; echo; printf %s [#AUTH_PASSWORD#] | base64 -w0; echo"',
      'expect "*$"',
      'exec "printf %s [#AUTH_PASSWORD#] | od -An -v -tx1 | tr -d \'[:space:]\'; echo"',
      'expect "*$"',
      `exec ": ${padding}; printf %s [#AUTH_PASSWORD#] >/dev/null"`,
      'expect "*$"',
      // Fails on purpose: a failure stores the end of the transcript, echo included.
      'set-read-timeout 2',
      'expect "NEVER-PRINTED"',
    ].join('\n');
    const template = (await call('templates.save', {
      template: { name: 'Long line', pluginId: 'ssh', executionType: 'New user', content },
    })) as { id: number; version: number };

    const op = (await call('operations.testTemplate', {
      templateId: template.id,
      deviceId: device.id,
      login: { credentialId: login.id },
      username: 'nobody',
    })) as { status: string; attempts: { error: string | null; steps: { line: number; ok: boolean }[] }[] };

    // It got as far as the deliberate failure: the long line ran.
    expect(op.attempts[0]?.error ?? '').toMatch(/NEVER-PRINTED/);
    expect(op.attempts[0]?.steps.filter((s) => s.ok).map((s) => s.line)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    expect(op.status).toBe('Error');

    const data = join(dir.path, 'data');
    expectNoSecret(storedText(join(data, 'operations.jsonl')), 'operations.jsonl');
    const audit = storedText(join(data, 'audit.jsonl'));
    expectNoSecret(audit, 'audit.jsonl');
    const entries = readFileSync(join(data, 'audit.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as { action: string; entityId: number | null; detail: string; seq: number });
    const use = entries.find((e) => e.action === 'use_password');
    expect(use?.entityId).toBe(login.id);
    expect(use?.detail).toContain(`"Long line" (id ${template.id}) version ${template.version} on ssh-lab`);
  });
});
