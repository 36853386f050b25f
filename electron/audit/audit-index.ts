import type { AuditEntry, AuditFilter } from '../../shared/domain/audit';
import { describeChanges } from '../../shared/domain/audit-changes';

interface Indexed {
  readonly entry: AuditEntry;
  /** Label, detail, field names and changes, lower-cased once, for the free-text filter. */
  readonly text: string;
  readonly actor: string;
  readonly atMs: number;
}

export interface AuditPage {
  readonly total: number;
  readonly entries: AuditEntry[];
}

/**
 * Every audit entry in memory, in file order, with the per-entity positions a credential's
 * History needs. Queries scan newest first; at about a million entries a full-text scan costs
 * tens of milliseconds, which is fine for an administrator's screen (see the report on scale).
 */
export class AuditIndex {
  readonly #items: Indexed[] = [];
  readonly #byEntity = new Map<string, number[]>();

  get size(): number {
    return this.#items.length;
  }

  add(entry: AuditEntry): void {
    const position = this.#items.length;
    this.#items.push({
      entry,
      text: [entry.label, entry.detail, ...entry.fields, describeChanges(entry.changes ?? [])]
        .join('\n')
        .toLowerCase(),
      actor: entry.actor.toLowerCase(),
      atMs: Date.parse(entry.at),
    });
    if (entry.entityId !== null) {
      const key = entityKey(entry.entity, entry.entityId);
      const positions = this.#byEntity.get(key);
      if (positions) positions.push(position);
      else this.#byEntity.set(key, [position]);
    }
  }

  /** Entries with a seq above `seq`, in file order (newest last). Walks back from the end only. */
  after(seq: number): AuditEntry[] {
    const found: AuditEntry[] = [];
    for (let i = this.#items.length - 1; i >= 0; i--) {
      const item = this.#items[i];
      if (!item || item.entry.seq <= seq) break;
      found.push(item.entry);
    }
    return found.reverse();
  }

  page(filter: AuditFilter, offset: number, limit: number): AuditPage {
    if (isEmpty(filter)) {
      // The Audit screen's first view: no need to walk every entry to count them.
      const total = this.#items.length;
      const entries: AuditEntry[] = [];
      for (let i = total - 1 - offset; i >= 0 && entries.length < limit; i--) {
        const item = this.#items[i];
        if (item) entries.push(item.entry);
      }
      return { total, entries };
    }
    const entries: AuditEntry[] = [];
    let total = 0;
    for (const entry of this.matching(filter)) {
      if (total >= offset && entries.length < limit) entries.push(entry);
      total += 1;
    }
    return { total, entries };
  }

  /** Entries matching `filter`, newest first. */
  *matching(filter: AuditFilter): Generator<AuditEntry> {
    const test = matcher(filter);
    if (filter.entity !== undefined && filter.entityId !== undefined) {
      const positions = this.#byEntity.get(entityKey(filter.entity, filter.entityId)) ?? [];
      for (let i = positions.length - 1; i >= 0; i--) {
        const item = this.#items[positions[i] ?? -1];
        if (item && test(item)) yield item.entry;
      }
      return;
    }
    for (let i = this.#items.length - 1; i >= 0; i--) {
      const item = this.#items[i];
      if (item && test(item)) yield item.entry;
    }
  }
}

const isEmpty = (filter: AuditFilter): boolean =>
  Object.values(filter as Record<string, unknown>).every(
    (v) => v === undefined || (typeof v === 'string' && v.trim() === ''),
  );

const entityKey = (entity: string, id: number) => `${entity}:${id}`;

function matcher(filter: AuditFilter): (item: Indexed) => boolean {
  const text = filter.text?.trim().toLowerCase() ?? '';
  const actor = filter.actor?.trim().toLowerCase() ?? '';
  const from = filter.from === undefined ? -Infinity : Date.parse(filter.from);
  const to = filter.to === undefined ? Infinity : Date.parse(filter.to);
  return ({ entry, text: haystack, actor: itemActor, atMs }) =>
    (filter.entity === undefined || entry.entity === filter.entity) &&
    (filter.entityId === undefined || entry.entityId === filter.entityId) &&
    (filter.action === undefined || entry.action === filter.action) &&
    (actor === '' || itemActor.includes(actor)) &&
    (text === '' || haystack.includes(text)) &&
    atMs >= from &&
    atMs <= to;
}
