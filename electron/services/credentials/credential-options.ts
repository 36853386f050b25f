/**
 * The helpers of `CredentialService.options`: the device order (cached until a device row
 * changes) and a bounded pick of the first `limit` matches, so a keystroke in a drop-down never
 * sorts all 10,000 credentials.
 */
import { compareNames } from '../names';
import type { StoredCredential, StoredDevice } from '../stored-records';

/** Devices by name (then id), and their names lower-cased for searching. */
export interface DeviceOrder {
  readonly rank: ReadonlyMap<number, number>;
  /** Device id to lower-cased name. */
  readonly names: ReadonlyMap<number, string>;
}

/**
 * Recomputes the order only when a device row changed: rows are replaced on write, so the same
 * objects in the same order mean the same devices (as CredentialIndex assumes too).
 */
export class DeviceOrderCache {
  #devices: readonly StoredDevice[] = [];
  #order: DeviceOrder | undefined;

  get(devices: Iterable<StoredDevice>): DeviceOrder {
    const list = [...devices];
    const cached = this.#order;
    if (cached && list.length === this.#devices.length && list.every((d, i) => d === this.#devices[i])) {
      return cached;
    }
    const sorted = [...list].sort((a, b) => compareNames(a.name, b.name) || a.id - b.id);
    const order: DeviceOrder = {
      rank: new Map(sorted.map((d, i) => [d.id, i])),
      names: new Map(list.map((d) => [d.id, d.name.toLowerCase()])),
    };
    this.#devices = list;
    this.#order = order;
    return order;
  }
}

/** A credential with its sort keys: device rank, lower-cased user name, id. */
interface Keyed {
  readonly row: StoredCredential;
  readonly rank: number;
  readonly username: string;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const compareKeyed = (a: Keyed, b: Keyed): number =>
  a.rank - b.rank || compareText(a.username, b.username) || a.row.id - b.row.id;

/**
 * The first `limit` rows offered, in option order (device name, user name, id), without sorting
 * them all: a sorted array of at most `limit` entries; a row that cannot beat the last one is
 * refused on its device rank alone, before its user name is even lower-cased.
 */
export class FirstRows {
  readonly #best: Keyed[] = [];

  constructor(
    private readonly limit: number,
    private readonly order: DeviceOrder,
  ) {}

  offer(row: StoredCredential): void {
    const best = this.#best;
    const full = best.length >= this.limit;
    const rank = this.#rank(row);
    const worst = best[best.length - 1];
    if (full && worst !== undefined && rank > worst.rank) return;
    const keyed: Keyed = { row, rank, username: row.username.toLowerCase() };
    if (full && worst !== undefined && compareKeyed(keyed, worst) >= 0) return;
    // Binary search for the first entry that sorts after this one.
    let low = 0;
    let high = best.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const entry = best[mid];
      if (entry !== undefined && compareKeyed(entry, keyed) < 0) low = mid + 1;
      else high = mid;
    }
    best.splice(low, 0, keyed);
    if (best.length > this.limit) best.pop();
  }

  rows(): StoredCredential[] {
    return this.#best.map((k) => k.row);
  }

  #rank(row: StoredCredential): number {
    return this.order.rank.get(row.deviceId) ?? this.order.rank.size;
  }
}

/** A few rows (the `ids` of a call) in option order. */
export function inOptionOrder(rows: readonly StoredCredential[], order: DeviceOrder): StoredCredential[] {
  const picker = new FirstRows(Math.max(rows.length, 1), order);
  for (const row of rows) picker.offer(row);
  return picker.rows();
}
