import { sameHost, type HostKey, type HostKeyScan } from '../../shared/domain/host-key';
import type { TargetEndpoint } from '../plugins/plugin-runtime';
import type { AuditTrail } from '../audit/audit-trail';
import type { EventBus } from '../platform/event-bus';
import type { Clock } from '../platform/clock';
import {
  fingerprintOf,
  HostKeyScanError,
  keyTypeOf,
  type ScannedHostKey,
} from '../plugins/ssh/connection/host-key-fingerprint';
import type { EntityTable } from '../storage/entity-table';
import { notFound, ServiceError } from './service-error';

export interface HostKeyServiceDeps {
  readonly table: EntityTable<HostKey>;
  readonly audit: AuditTrail;
  readonly events: Pick<EventBus, 'emit'>;
  readonly clock: Clock;
  /** The OS user of the app: the actor of a trust on first use, which happens inside a run. */
  readonly systemActor: string;
  /** Asks a server for its key without logging in (plugins/ssh/connection/host-key-scan.ts). */
  readonly scan: (target: TargetEndpoint, timeoutMs: number) => Promise<ScannedHostKey>;
}

const scanTimeoutMs = 10_000;

/** One endpoint, one key. */
const endpointKey = (host: string, port: number): string => `${sameHost(host)}:${port}`;

/**
 * The SSH host keys the app trusts, one per address and port (kept in config.json). Every SSH
 * connection asks `check` before it authenticates: the first connection to an endpoint trusts the
 * key it is shown (trust on first use, audited), later ones go on only with that same key. A
 * different key is refused, audited, and stays refused until an administrator forgets the old key
 * or fetches, compares and trusts the new one (Devices > Connectivity).
 */
export class HostKeyService {
  constructor(private readonly deps: HostKeyServiceDeps) {}

  /** The keys trusted for an address, by port. */
  list(host: string): HostKey[] {
    const wanted = sameHost(host);
    return [...this.deps.table.all()]
      .filter((k) => sameHost(k.host) === wanted)
      .sort((a, b) => a.port - b.port);
  }

  /** The plugin's HostKeyCheck: `true`, or why the server is refused. */
  async check(target: TargetEndpoint, key: Buffer): Promise<true | string> {
    const fingerprint = fingerprintOf(key);
    const keyType = keyTypeOf(key);
    const trusted = this.#find(target.host, target.port);
    if (trusted?.fingerprint === fingerprint) return true;
    if (trusted) {
      await this.deps.audit.record({
        actor: this.deps.systemActor,
        action: 'refuse_host_key',
        entity: 'host_key',
        entityId: trusted.id,
        label: `${target.host}:${target.port}`,
        result: 'failure',
        detail: `Shown ${keyType} ${fingerprint}; trusted ${trusted.keyType} ${trusted.fingerprint}`,
      });
      return (
        `the server's host key (${keyType} ${fingerprint}) is not the one trusted for ` +
        `${target.host}:${target.port} (${trusted.keyType} ${trusted.fingerprint}, since ` +
        `${trusted.trustedAt.slice(0, 10)}). Nothing was sent. If the server was reinstalled, ` +
        `fetch and trust its new key under Devices > Connectivity; if not, someone may be in between.`
      );
    }
    // First use: recorded before anything else can run (the insert is synchronous), so two
    // connections at once cannot trust two different keys.
    await this.#trust(target.host, target.port, { keyType, fingerprint }, 'first-use', this.deps.systemActor);
    return true;
  }

  async scan(host: string, port: number): Promise<HostKeyScan> {
    const shown = await this.#scan(host, port);
    const trusted = this.#find(host, port) ?? null;
    const status = trusted === null ? 'new' : trusted.fingerprint === shown.fingerprint ? 'same' : 'changed';
    return { host, port, ...shown, status, trusted };
  }

  /**
   * Trusts the key the server shows now, only if it is the one the user compared (`fingerprint`):
   * the key could have changed between the fetch and the click.
   */
  async trust(host: string, port: number, fingerprint: string, actor: string): Promise<HostKey> {
    const shown = await this.#scan(host, port);
    if (shown.fingerprint !== fingerprint) {
      throw new ServiceError(
        'conflict',
        `${host}:${port} now shows ${shown.fingerprint}, not the ${fingerprint} you compared. ` +
          `Fetch the key again and compare it before trusting it.`,
        'fingerprint',
      );
    }
    const trusted = this.#find(host, port);
    if (trusted?.fingerprint === fingerprint) return trusted;
    return this.#trust(host, port, shown, 'confirmed', actor);
  }

  async forget(id: number, actor: string): Promise<{ id: number }> {
    const row = this.deps.table.get(id);
    if (!row) throw notFound('Host key', id);
    await this.deps.table.remove(id);
    await this.deps.audit.record({
      actor,
      action: 'forget_host_key',
      entity: 'host_key',
      entityId: id,
      label: `${row.host}:${row.port}`,
      detail: `Forgot ${row.keyType} ${row.fingerprint}`,
    });
    this.deps.events.emit('hostKeys.changed', { hosts: [row.host] });
    return { id };
  }

  #find(host: string, port: number): HostKey | undefined {
    const wanted = endpointKey(host, port);
    for (const row of this.deps.table.all()) if (endpointKey(row.host, row.port) === wanted) return row;
    return undefined;
  }

  async #scan(host: string, port: number): Promise<ScannedHostKey> {
    try {
      return await this.deps.scan({ host, port }, scanTimeoutMs);
    } catch (error) {
      if (error instanceof HostKeyScanError) throw new ServiceError('unavailable', error.message);
      throw error;
    }
  }

  async #trust(
    host: string,
    port: number,
    shown: ScannedHostKey,
    trustedBy: HostKey['trustedBy'],
    actor: string,
  ): Promise<HostKey> {
    const replaced = this.#find(host, port);
    const row: HostKey = {
      id: this.deps.table.allocateId(),
      host,
      port,
      keyType: shown.keyType,
      fingerprint: shown.fingerprint,
      trustedBy,
      trustedAt: this.deps.clock.now().toISOString(),
      actor,
    };
    const written = this.deps.table.put(row);
    if (replaced) await this.deps.table.remove(replaced.id);
    await written;
    await this.deps.audit.record({
      actor,
      action: 'trust_host_key',
      entity: 'host_key',
      entityId: row.id,
      label: `${host}:${port}`,
      detail:
        (trustedBy === 'first-use' ? 'Trusted on first use: ' : 'Fetched, compared and trusted: ') +
        `${row.keyType} ${row.fingerprint}` +
        (replaced ? `; replaces ${replaced.fingerprint}` : ''),
    });
    this.deps.events.emit('hostKeys.changed', { hosts: [host] });
    return row;
  }
}
