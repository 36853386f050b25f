/**
 * The Device form's model. Ports and tags are edited as text (a half-typed value stays as typed),
 * validated with the shared `deviceInputSchema` on Save, and every error, from the schema here or
 * from the core's `field`, is mapped to the slot beside which it shows.
 */
import {
  deviceInputSchema,
  protocols,
  type Device,
  type DeviceInput,
  type Protocol,
} from '../../../shared/domain/device';
import type { z } from 'zod';
import {
  inputOf,
  rowErrors,
  rowsFrom,
  sameRows,
  type CustomFieldRow,
} from '../custom-fields/custom-field-rows';

export type DeviceType = z.infer<typeof deviceInputSchema.shape.type>;

export interface ConnectivityRow {
  /** Stable React key: rows are added and removed in any order. */
  key: number;
  protocol: Protocol;
  port: string;
}

export interface DeviceDraft {
  name: string;
  address: string;
  type: DeviceType;
  vendor: string;
  product: string;
  site: string;
  /** Comma-separated, as typed. */
  tags: string;
  active: boolean;
  connectivity: ConnectivityRow[];
  /** Values for templates' user-defined tags; secret ones typed only (see CustomFieldsSection). */
  customFields: CustomFieldRow[];
}

/**
 * Slots: the information fields by name, `connectivity` for the table as a whole,
 * `connectivity.<row>.protocol|port` for a cell, and `form` for anything else.
 */
export type DeviceErrors = Record<string, string>;

export type DeviceTab = 'information' | 'connectivity';

let rowKeySeq = 0;
export const newRowKey = (): number => ++rowKeySeq;

export const protocolNames = Object.keys(protocols) as Protocol[];

export function emptyDraft(): DeviceDraft {
  return {
    name: '',
    address: '',
    type: 'Server',
    vendor: '',
    product: '',
    site: '',
    tags: '',
    active: true,
    connectivity: [],
    customFields: [],
  };
}

export function toDraft(d: Device): DeviceDraft {
  return {
    name: d.name,
    address: d.address,
    type: d.type,
    vendor: d.vendor,
    product: d.product,
    site: d.site,
    tags: d.tags.join(', '),
    active: d.active,
    connectivity: d.connectivity.map((c) => ({
      key: newRowKey(),
      protocol: c.protocol,
      port: String(c.port),
    })),
    customFields: rowsFrom(d.customFields),
  };
}

/** Whether two drafts hold the same values (connectivity rows compared by protocol and port, not key). */
export function sameDraft(a: DeviceDraft, b: DeviceDraft): boolean {
  const rows = (d: DeviceDraft) => d.connectivity.map((r) => `${r.protocol}:${r.port}`).join('\n');
  const { connectivity: _a, customFields: rowsA, ...restA } = a;
  const { connectivity: _b, customFields: rowsB, ...restB } = b;
  return (
    sameRows(rowsA, rowsB) &&
    (Object.keys(restA) as (keyof typeof restA)[]).every((k) => restA[k] === restB[k]) &&
    rows(a) === rows(b)
  );
}

/** A row for the first protocol not in the table yet, with its usual port. */
export function nextRow(rows: readonly ConnectivityRow[]): ConnectivityRow {
  const used = new Set(rows.map((r) => r.protocol));
  const protocol = protocolNames.find((p) => !used.has(p)) ?? 'SSH';
  return { key: newRowKey(), protocol, port: String(protocols[protocol]) };
}

const infoSlots = new Set(['name', 'address', 'type', 'vendor', 'product', 'site', 'tags', 'active']);

/** A schema or core path (inside the device) to its slot. */
export function slotFor(path: string | undefined): string {
  if (path === undefined || path === '') return 'form';
  const [head, index, cell] = path.split('.');
  if (head !== undefined && infoSlots.has(head)) return head;
  if (head === 'customFields') {
    if (index === undefined || !/^\d+$/.test(index)) return 'customFields';
    return `customFields.${index}.${cell === 'name' ? 'name' : 'value'}`;
  }
  if (head === 'connectivity') {
    if (index === undefined || !/^\d+$/.test(index)) return 'connectivity';
    return `connectivity.${index}.${cell === 'protocol' ? 'protocol' : 'port'}`;
  }
  return 'form';
}

export function tabOf(slot: string): DeviceTab | undefined {
  if (slot === 'form') return undefined;
  return slot.startsWith('connectivity') ? 'connectivity' : 'information';
}

/** The tab holding the first error, in the order the fields appear on screen. */
export function firstErrorTab(errors: DeviceErrors): DeviceTab | undefined {
  const slots = Object.keys(errors);
  if (slots.some((s) => tabOf(s) === 'information')) return 'information';
  if (slots.some((s) => tabOf(s) === 'connectivity')) return 'connectivity';
  return undefined;
}

export const splitTags = (text: string): string[] =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');

function portError(text: string): string | undefined {
  if (text.trim() === '') return 'Required';
  return /^\d+$/.test(text.trim()) ? undefined : 'Enter a whole number';
}

export type DraftResult = { ok: true; device: DeviceInput } | { ok: false; errors: DeviceErrors };

/** Validates with the shared schema, the same one the core checks on `devices.save`. */
export function fromDraft(d: DeviceDraft): DraftResult {
  const tags = splitTags(d.tags);
  const candidate = {
    name: d.name,
    address: d.address,
    type: d.type,
    vendor: d.vendor,
    product: d.product,
    site: d.site,
    tags,
    active: d.active,
    connectivity: d.connectivity.map((c) => ({ protocol: c.protocol, port: Number(c.port.trim()) })),
    customFields: inputOf(d.customFields),
  };
  const errors: DeviceErrors = { ...rowErrors(d.customFields) };
  d.connectivity.forEach((row, i) => {
    const message = portError(row.port);
    if (message) errors[`connectivity.${i}.port`] = message;
  });
  const parsed = deviceInputSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String);
      const slot = slotFor(path.join('.'));
      // Say which tag is wrong: the field holds them all.
      const tag = path[0] === 'tags' && path[1] !== undefined ? tags[Number(path[1])] : undefined;
      errors[slot] ??= tag === undefined ? issue.message : `"${tag}": ${issue.message}`;
    }
  }
  return parsed.success && Object.keys(errors).length === 0
    ? { ok: true, device: parsed.data }
    : { ok: false, errors };
}
