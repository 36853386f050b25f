import type { z } from 'zod';
import type { credentialQuerySchema } from '../../../shared/contract/credentials';
import { canonicalCredential } from './canonical-credential';
import { compareNames } from '../names';
import type { StoredCredential, StoredDevice } from '../stored-records';

export type CredentialListQuery = z.output<typeof credentialQuerySchema>;
export type CredentialSortField = CredentialListQuery['sort']['field'];
export type CredentialListSpec = Omit<CredentialListQuery, 'offset' | 'limit'>;

/**
 * A credential with its search and sort keys copied out once, when it is written: text
 * lower-cased, and every key a filter or sort reads as a direct field of one object literal.
 * Rows that come out of zod do not share one hidden class (their keys arrive in varying order),
 * which made every property read in the filter loop megamorphic: about 20 times slower measured.
 */
interface Indexed {
  readonly row: StoredCredential;
  readonly id: number;
  readonly deviceId: number;
  readonly deleted: boolean;
  readonly jit: boolean;
  readonly status: string;
  readonly type: string;
  readonly lastUsedAt: string;
  readonly username: string;
  readonly additionalInfo: string;
  readonly domain: string;
  readonly tags: readonly string[];
}

interface DeviceOrder {
  /** The rows as the device table returned them: the cache key. */
  readonly devices: readonly StoredDevice[];
  readonly rank: ReadonlyMap<number, number>;
  readonly signature: string;
}

interface SortedList {
  readonly version: number;
  readonly deviceSignature: string;
  readonly list: readonly Indexed[];
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const fieldOrder: Record<CredentialSortField, (a: Indexed, b: Indexed) => number> = {
  id: (a, b) => a.id - b.id,
  type: (a, b) => compareText(a.type, b.type),
  jit: (a, b) => Number(a.jit) - Number(b.jit),
  username: (a, b) => compareText(a.username, b.username),
  additionalInfo: (a, b) => compareText(a.additionalInfo, b.additionalInfo),
  domain: (a, b) => compareText(a.domain, b.domain),
  lastUsedAt: (a, b) => compareText(a.lastUsedAt, b.lastUsedAt),
  // Sessions arrive with the lifecycle work; until then every row is 'None'.
  sessionStatus: () => 0,
};

/**
 * Every credential in memory, for the list screens at 10,000 credentials: search keys are
 * lower-cased on write, and the fully sorted order (device groups by name, then the chosen column)
 * is cached per sort column until a credential changes or the device order does. A list call is
 * then one linear filter pass over the cached order plus building one page.
 */
export class CredentialIndex {
  readonly #entries = new Map<number, Indexed>();
  readonly #byDevice = new Map<number, Set<number>>();
  /** Credentials not deleted, by `identityKey`: a duplicate is found without a scan. */
  readonly #byIdentity = new Map<string, Set<number>>();
  readonly #sorted = new Map<string, SortedList>();
  #devices: DeviceOrder | undefined;
  #version = 0;

  constructor(rows: Iterable<StoredCredential> = []) {
    for (const row of rows) this.set(row);
  }

  get(id: number): StoredCredential | undefined {
    return this.#entries.get(id)?.row;
  }

  *rows(): Generator<StoredCredential> {
    for (const entry of this.#entries.values()) yield entry.row;
  }

  /** Every credential of a device, deleted ones included. */
  *ofDevice(deviceId: number): Generator<StoredCredential> {
    for (const id of this.#byDevice.get(deviceId) ?? []) {
      const row = this.#entries.get(id)?.row;
      if (row) yield row;
    }
  }

  /**
   * Credentials not deleted on `deviceId` with exactly this user name, this domain and this
   * Additional information (both compared case-insensitively), but `exceptId`: the duplicates a
   * save would make.
   */
  sameIdentity(fields: CredentialIdentity, exceptId: number | null): StoredCredential[] {
    const found: StoredCredential[] = [];
    for (const id of this.#byIdentity.get(identityKey(fields)) ?? []) {
      const row = id === exceptId ? undefined : this.#entries.get(id)?.row;
      if (row) found.push(row);
    }
    return found.sort((a, b) => a.id - b.id);
  }

  set(written: StoredCredential): void {
    const row = canonicalCredential(written);
    const previous = this.#entries.get(row.id)?.row;
    if (previous && previous.deviceId !== row.deviceId) this.#byDevice.get(previous.deviceId)?.delete(row.id);
    if (previous && !previous.deleted) {
      const key = identityKey(previous);
      const ids = this.#byIdentity.get(key);
      ids?.delete(row.id);
      if (ids?.size === 0) this.#byIdentity.delete(key);
    }
    if (!row.deleted) {
      const key = identityKey(row);
      const ids = this.#byIdentity.get(key);
      if (ids) ids.add(row.id);
      else this.#byIdentity.set(key, new Set([row.id]));
    }
    this.#entries.set(row.id, {
      row,
      id: row.id,
      deviceId: row.deviceId,
      deleted: row.deleted,
      jit: row.jit.enabled,
      status: row.status,
      type: row.type,
      lastUsedAt: row.lastUsedAt ?? '',
      username: row.username.toLowerCase(),
      additionalInfo: row.additionalInfo.toLowerCase(),
      domain: row.domain.toLowerCase(),
      tags: row.tags.map((t) => t.toLowerCase()),
    });
    const ids = this.#byDevice.get(row.deviceId);
    if (ids) ids.add(row.id);
    else this.#byDevice.set(row.deviceId, new Set([row.id]));
    this.#version += 1;
  }

  /** The credentials (not deleted) matching the query, in list order. */
  matching(spec: CredentialListSpec, devices: Iterable<StoredDevice>): StoredCredential[] {
    return this.#select(spec, devices, 0, Infinity).rows;
  }

  /** One page of `matching`, and how many match in all. */
  page(
    query: CredentialListQuery,
    devices: Iterable<StoredDevice>,
  ): { total: number; rows: StoredCredential[] } {
    return this.#select(query, devices, query.offset, query.limit);
  }

  #select(
    spec: CredentialListSpec,
    devices: Iterable<StoredDevice>,
    offset: number,
    limit: number,
  ): { total: number; rows: StoredCredential[] } {
    const order = this.#deviceOrder(devices);
    const criteria = criteriaOf(spec, order.devices);
    const sorted = this.#sortedList(spec.sort, order);
    const rows: StoredCredential[] = [];
    const end = offset + limit;
    let total = 0;
    // A plain loop: this runs over every credential on every list call.
    for (const entry of sorted) {
      if (criteria !== undefined && !matches(entry, criteria)) continue;
      if (total >= offset && total < end) rows.push(entry.row);
      total += 1;
    }
    return { total, rows };
  }

  /** Devices by name; recomputed only when a device row changed (rows are replaced on write). */
  #deviceOrder(devices: Iterable<StoredDevice>): DeviceOrder {
    const list = [...devices];
    const cached = this.#devices;
    if (cached?.devices.length === list.length && list.every((d, i) => d === cached.devices[i]))
      return cached;
    const sorted = [...list].sort((a, b) => compareNames(a.name, b.name) || a.id - b.id);
    const order: DeviceOrder = {
      devices: list,
      rank: new Map(sorted.map((d, i) => [d.id, i])),
      signature: sorted.map((d) => d.id).join(','),
    };
    this.#devices = order;
    return order;
  }

  #sortedList(sort: CredentialListSpec['sort'], order: DeviceOrder): readonly Indexed[] {
    const key = `${sort.field}:${sort.direction}`;
    const cached = this.#sorted.get(key);
    if (cached?.version === this.#version && cached.deviceSignature === order.signature) return cached.list;

    const byField = fieldOrder[sort.field];
    const sign = sort.direction === 'asc' ? 1 : -1;
    const last = order.rank.size;
    const decorated: { entry: Indexed; rank: number }[] = [];
    for (const entry of this.#entries.values()) {
      if (!entry.deleted) decorated.push({ entry, rank: order.rank.get(entry.deviceId) ?? last });
    }
    decorated.sort((a, b) => a.rank - b.rank || sign * byField(a.entry, b.entry) || a.entry.id - b.entry.id);
    const list = decorated.map((d) => d.entry);
    this.#sorted.set(key, { version: this.#version, deviceSignature: order.signature, list });
    return list;
  }
}

/** The fields that tell one account from another (see `identityKey`). */
export interface CredentialIdentity {
  readonly deviceId: number;
  readonly username: string;
  readonly domain: string;
  /** The database, for a database account; absent is none (''). */
  readonly additionalInfo?: string;
}

/**
 * What makes two credentials the same account: the device, the user name exactly (`Alice` and
 * `alice` are two accounts on most systems), the domain whatever its case (`CORP` is `corp`), and
 * the Additional information whatever its case: for a database account it names the database,
 * which is what tells two systems on one host apart (`admin` of PostgreSQL and `admin` of MariaDB).
 */
export function identityKey(c: CredentialIdentity): string {
  const info = (c.additionalInfo ?? '').trim().toLowerCase();
  return `${c.deviceId}\u0000${c.username}\u0000${c.domain.trim().toLowerCase()}\u0000${info}`;
}

/** A filter prepared once per call: lower-cased text, the matching device ids. */
interface Criteria {
  readonly username: string;
  readonly deviceIds: ReadonlySet<number> | undefined;
  readonly jit: boolean | undefined;
  readonly status: string | undefined;
  readonly type: string | undefined;
  readonly tags: readonly string[];
}

/** The criteria of a filter, or undefined when nothing is filtered (the common first view). */
function criteriaOf(spec: CredentialListSpec, devices: readonly StoredDevice[]): Criteria | undefined {
  const { filter } = spec;
  const deviceText = filter.device?.trim().toLowerCase() ?? '';
  const criteria: Criteria = {
    username: filter.username?.trim().toLowerCase() ?? '',
    deviceIds:
      deviceText === ''
        ? undefined
        : new Set(
            devices
              .filter(
                (d) =>
                  d.name.toLowerCase().includes(deviceText) || d.address.toLowerCase().includes(deviceText),
              )
              .map((d) => d.id),
          ),
    jit: spec.jitOnly ? true : filter.jit === undefined ? undefined : filter.jit === 'yes',
    status: filter.status,
    type: filter.type,
    tags: (filter.tags ?? []).map((t) => t.toLowerCase()),
  };
  const none =
    criteria.username === '' &&
    criteria.deviceIds === undefined &&
    criteria.jit === undefined &&
    criteria.status === undefined &&
    criteria.type === undefined &&
    criteria.tags.length === 0;
  return none ? undefined : criteria;
}

/** One plain function over Indexed only (one hidden class), so it stays optimised. */
function matches(entry: Indexed, c: Criteria): boolean {
  if (c.username !== '' && !entry.username.includes(c.username)) return false;
  if (c.deviceIds !== undefined && !c.deviceIds.has(entry.deviceId)) return false;
  if (c.jit !== undefined && entry.jit !== c.jit) return false;
  if (c.status !== undefined && entry.status !== c.status) return false;
  if (c.type !== undefined && entry.type !== c.type) return false;
  for (const tag of c.tags) if (!entry.tags.includes(tag)) return false;
  return true;
}
