import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hostKeySchema } from '../../../shared/domain/host-key';
import { EventBus } from '../../../electron/platform/event-bus';
import { fingerprintOf, HostKeyScanError, keyTypeOf } from '../../../electron/plugins/ssh';
import { HostKeyService } from '../../../electron/services/host-key-service';
import { openTable } from '../../../electron/storage/table-loader';
import { confBackendFactory } from '../../../electron/storage/conf-backend';
import { ConfigStore } from '../../../electron/storage/config-store';
import { RecordingAudit } from '../../support/recording-audit';
import { makeTempDir } from '../../support/temp-dir';
import { FixedClock, settle } from './harness';

/** An SSH key blob as servers send it: the type as an SSH string, then key bytes. */
function blob(type: string, seed: number): Buffer {
  const name = Buffer.from(type, 'latin1');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(name.length);
  return Buffer.concat([length, name, Buffer.alloc(32, seed)]);
}

const target = { host: 'Srv-01.lab', port: 2222 };
const first = blob('ssh-ed25519', 1);
const other = blob('ssh-ed25519', 2);

let dir: ReturnType<typeof makeTempDir>;
let shown: Buffer | Error;
let audit: RecordingAudit;
let emitted: unknown[];
const clock = new FixedClock();

function open() {
  const config = ConfigStore.open({
    dir: dir.path,
    name: 'config',
    createBackend: confBackendFactory,
    now: () => clock.now(),
  });
  const events = new EventBus();
  events.subscribe((event, payload) => emitted.push({ event, payload }));
  const table = openTable(config, 'hostKeys', hostKeySchema, () => clock.now()).table;
  return new HostKeyService({
    table,
    audit,
    events,
    clock,
    systemActor: 'os-user',
    scan: () =>
      shown instanceof Error
        ? Promise.reject(shown)
        : Promise.resolve({ keyType: keyTypeOf(shown), fingerprint: fingerprintOf(shown) }),
  });
}

beforeEach(() => {
  dir = makeTempDir();
  shown = first;
  audit = new RecordingAudit();
  emitted = [];
});
afterEach(() => dir.remove());

describe('HostKeyService', () => {
  it('trusts the first key it is shown, then only that key, and remembers it across a restart', async () => {
    const keys = open();
    await expect(keys.check(target, first)).resolves.toBe(true);
    expect(keys.list('srv-01.LAB')).toEqual([
      expect.objectContaining({
        host: 'Srv-01.lab',
        port: 2222,
        keyType: 'ssh-ed25519',
        fingerprint: fingerprintOf(first),
        trustedBy: 'first-use',
        actor: 'os-user',
      }),
    ]);
    expect(audit.entries).toEqual([
      expect.objectContaining({
        action: 'trust_host_key',
        entity: 'host_key',
        label: 'Srv-01.lab:2222',
        detail: `Trusted on first use: ssh-ed25519 ${fingerprintOf(first)}`,
      }),
    ]);
    expect(emitted).toEqual([{ event: 'hostKeys.changed', payload: { hosts: ['Srv-01.lab'] } }]);
    await expect(keys.check({ host: 'srv-01.lab', port: 2222 }, first)).resolves.toBe(true);
    await settle();

    const again = open();
    const refusal = await again.check(target, other);
    expect(refusal).toContain(
      `the server's host key (ssh-ed25519 ${fingerprintOf(other)}) is not the one trusted`,
    );
    expect(refusal).toContain(`(ssh-ed25519 ${fingerprintOf(first)}, since 2026-11-29)`);
    expect(refusal).toContain('Nothing was sent');
    expect(audit.entries.at(-1)).toMatchObject({ action: 'refuse_host_key', result: 'failure' });
    // Another port of the same address is another endpoint.
    await expect(again.check({ ...target, port: 22 }, other)).resolves.toBe(true);
    expect(again.list(target.host).map((k) => k.port)).toEqual([22, 2222]);
  });

  it('trusts a fetched key only if it is the one the user compared, replacing the old one', async () => {
    const keys = open();
    await keys.check(target, first);
    shown = other;
    const scan = await keys.scan(target.host, target.port);
    expect(scan).toMatchObject({ status: 'changed', fingerprint: fingerprintOf(other) });
    expect(scan.trusted?.fingerprint).toBe(fingerprintOf(first));

    await expect(keys.trust(target.host, target.port, fingerprintOf(first), 'alice')).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining(`now shows ${fingerprintOf(other)}`) as string,
    });
    const trusted = await keys.trust(target.host, target.port, fingerprintOf(other), 'alice');
    expect(trusted).toMatchObject({
      trustedBy: 'confirmed',
      actor: 'alice',
      fingerprint: fingerprintOf(other),
    });
    expect(keys.list(target.host)).toEqual([trusted]);
    expect(audit.entries.at(-1)?.detail).toBe(
      `Fetched, compared and trusted: ssh-ed25519 ${fingerprintOf(other)}; replaces ${fingerprintOf(first)}`,
    );
    await expect(keys.check(target, other)).resolves.toBe(true);
    expect(await keys.scan(target.host, target.port)).toMatchObject({ status: 'same' });
  });

  it('forgets a key (audited): the next connection trusts what it is shown', async () => {
    const keys = open();
    await keys.check(target, first);
    const [row] = keys.list(target.host);
    await keys.forget(row?.id ?? 0, 'alice');
    expect(keys.list(target.host)).toEqual([]);
    expect(audit.entries.at(-1)).toMatchObject({ action: 'forget_host_key', actor: 'alice' });
    await expect(keys.forget(row?.id ?? 0, 'alice')).rejects.toMatchObject({ code: 'not_found' });
    await expect(keys.check(target, other)).resolves.toBe(true);
  });

  it('an unreachable server is a clear refusal, not a crash', async () => {
    shown = new HostKeyScanError('srv-01.lab:2222: connect ECONNREFUSED 127.0.0.1:2222');
    await expect(open().scan(target.host, target.port)).rejects.toMatchObject({
      code: 'unavailable',
      message: 'srv-01.lab:2222: connect ECONNREFUSED 127.0.0.1:2222',
    });
  });
});
