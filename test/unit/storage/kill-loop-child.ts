/**
 * The process the kill-loop test kills (kill-loop.test.ts): the real core on a data directory,
 * driven through its dispatcher as the UI would, as fast as it goes, until it is killed.
 *
 * Usage: node kill-loop-child.mjs <dataDir> <run> <seed>
 *
 * Prints `ready` once the core has started, then one line per acknowledged change (the
 * dispatcher answered ok), which the test holds against the files after the kill:
 *   ack device <id>              a device created
 *   ack cred <id> <n>            a credential created (n = 0) or updated to additionalInfo `v<n>`
 *   ack import <tag>             a bundle of `importDevices` devices and `importCredentials` creds
 *   ack deactivate <deviceId>    a device deactivated, with its credentials
 * Records of one run are named after it (`d<run>-<k>`, `u<run>-<k>`, `i<run>-<k>-…`).
 */
import { createCore } from '../../../electron/core/compose';
import { confBackendFactory } from '../../../electron/storage/conf-backend';

export const importDevices = 3;
export const importCredentials = 6;

/** mulberry32: small, seeded, enough to make a run reproducible. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function main(): Promise<void> {
  const [dataDir, runText, seedText] = process.argv.slice(2);
  if (dataDir === undefined || runText === undefined || seedText === undefined) {
    throw new Error('usage: kill-loop-child <dataDir> <run> <seed>');
  }
  const run = Number(runText);
  const next = random(Number(seedText));
  const core = createCore({ dataDir, shell: 'browser', createBackend: confBackendFactory });
  await core.ready;
  const ctx = core.context('internal');
  const call = async (method: string, input: unknown): Promise<Record<string, unknown>> => {
    const result = await core.dispatcher.dispatch(method, input, ctx);
    if (!result.ok) throw new Error(`${method}: ${result.code}: ${result.message}`);
    return result.value as Record<string, unknown>;
  };
  const ack = (line: string) => process.stdout.write(`ack ${line}\n`);
  process.stdout.write('ready\n');

  const devices: number[] = [];
  const credentials: { id: number; deviceId: number; version: number; body: Record<string, unknown> }[] = [];
  for (let k = 0; ; k++) {
    const pick = next();
    const active = credentials.filter((c) => devices.includes(c.deviceId));
    if (devices.length === 0 || pick < 0.15) {
      const device = await call('devices.save', {
        device: { name: `d${run}-${k}`, address: `10.0.${run % 250}.${(k % 250) + 1}`, type: 'Server' },
      });
      devices.push(device.id as number);
      ack(`device ${String(device.id)}`);
    } else if (pick < 0.45 || active.length === 0) {
      const deviceId = devices[Math.floor(next() * devices.length)] ?? 0;
      const body = { username: `u${run}-${k}`, type: 'Local user', deviceId, additionalInfo: 'v0' };
      const saved = await call('credentials.save', { credential: body, password: { action: 'keep' } });
      credentials.push({ id: saved.id as number, deviceId, version: 0, body });
      ack(`cred ${String(saved.id)} 0`);
    } else if (pick < 0.8) {
      const credential = active[Math.floor(next() * active.length)];
      if (!credential) continue;
      const version = credential.version + 1;
      credential.body = { ...credential.body, additionalInfo: `v${version}` };
      await call('credentials.save', {
        id: credential.id,
        credential: credential.body,
        password: { action: 'keep' },
      });
      credential.version = version;
      ack(`cred ${credential.id} ${version}`);
    } else if (pick < 0.93) {
      const tag = `i${run}-${k}`;
      const outcome = await call('transfer.import', { content: JSON.stringify(bundle(tag)) });
      if (outcome.applied !== true) throw new Error(`import refused: ${JSON.stringify(outcome)}`);
      ack(`import ${tag}`);
    } else {
      // Deactivate the device with the most credentials: it and they are one change.
      const deviceId = devices.reduce((best, id) =>
        count(credentials, id) > count(credentials, best) ? id : best,
      );
      const device = await call('devices.get', { id: deviceId });
      const { id: _id, createdAt: _c, updatedAt: _u, credentialCount: _n, ...fields } = device;
      await call('devices.save', { id: deviceId, device: { ...fields, active: false } });
      devices.splice(devices.indexOf(deviceId), 1);
      ack(`deactivate ${deviceId}`);
    }
  }
}

const count = (list: readonly { deviceId: number }[], deviceId: number): number =>
  list.filter((c) => c.deviceId === deviceId).length;

/** Devices and credentials named after `tag`, without passwords. */
function bundle(tag: string) {
  return {
    format: 'jit-pam-bundle',
    version: 1,
    devices: Array.from({ length: importDevices }, (_, i) => ({
      ref: `d${i}`,
      name: `${tag}-${i}`,
      address: `10.1.0.${i + 1}`,
      type: 'Server',
    })),
    templates: [],
    builtInTemplates: [],
    credentials: Array.from({ length: importCredentials }, (_, i) => ({
      ref: `c${i}`,
      username: `${tag}-u${i}`,
      type: 'Local user',
      deviceRef: `d${i % importDevices}`,
    })),
    secrets: null,
  };
}

if (process.argv[1]?.includes('kill-loop-child')) {
  main().catch((error: unknown) => {
    process.stderr.write(`kill-loop-child: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  });
}
