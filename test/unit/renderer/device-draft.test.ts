import { describe, expect, it } from 'vitest';
import {
  emptyDraft,
  firstErrorTab,
  fromDraft,
  nextRow,
  sameDraft,
  slotFor,
  splitTags,
  tabOf,
  toDraft,
} from '../../../renderer/features/devices/device-draft';
import { aDevice } from './fixtures';

const valid = { ...emptyDraft(), name: 'web-01', address: '10.0.0.1' };

describe('device draft', () => {
  it('round-trips a stored device, tags and ports as text', () => {
    const device = aDevice({ tags: ['prod', 'web'], connectivity: [{ protocol: 'SSH', port: 2222 }] });
    const draft = toDraft(device);
    expect(draft.tags).toBe('prod, web');
    expect(draft.connectivity.map((r) => [r.protocol, r.port])).toEqual([['SSH', '2222']]);
    expect(sameDraft(draft, toDraft(device))).toBe(true);
  });

  it('compares connectivity rows by protocol and port, not by their keys', () => {
    const a = { ...valid, connectivity: [{ key: 1, protocol: 'SSH' as const, port: '22' }] };
    expect(sameDraft(a, { ...a, connectivity: [{ key: 2, protocol: 'SSH', port: '22' }] })).toBe(true);
    expect(sameDraft(a, { ...a, connectivity: [{ key: 1, protocol: 'SSH', port: '23' }] })).toBe(false);
    expect(sameDraft(a, { ...a, site: 'Paris' })).toBe(false);
  });

  it('adds a row for the first protocol not in the table, with its usual port', () => {
    const first = nextRow([]);
    const second = nextRow([first]);
    expect(second.protocol).not.toBe(first.protocol);
    expect(second.key).not.toBe(first.key);
    expect(Number(second.port)).toBeGreaterThan(0);
  });

  it('splits tags on commas, dropping blanks', () => {
    expect(splitTags(' prod, ,web ,')).toEqual(['prod', 'web']);
  });

  it('turns a valid draft into the contract’s input', () => {
    const result = fromDraft({
      ...valid,
      tags: 'prod',
      connectivity: [{ key: 1, protocol: 'SSH', port: ' 22 ' }],
    });
    expect(result).toMatchObject({
      ok: true,
      device: {
        name: 'web-01',
        tags: ['prod'],
        connectivity: [{ protocol: 'SSH', port: 22 }],
      },
    });
  });

  it('puts each error beside its field, on its tab', () => {
    const result = fromDraft({
      ...valid,
      name: '',
      connectivity: [
        { key: 1, protocol: 'SSH', port: 'twenty-two' },
        { key: 2, protocol: 'RDP', port: '' },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.name).toBeDefined();
    expect(result.errors['connectivity.0.port']).toBe('Enter a whole number');
    expect(result.errors['connectivity.1.port']).toBe('Required');
    expect(firstErrorTab(result.errors)).toBe('information');
    expect(firstErrorTab({ 'connectivity.1.port': 'Required' })).toBe('connectivity');
  });

  it('names the tag that is wrong', () => {
    const result = fromDraft({ ...valid, tags: `ok, ${'x'.repeat(300)}` });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.tags).toMatch(/^"x+": /);
  });

  it('maps paths to slots and slots to tabs', () => {
    expect(slotFor('address')).toBe('address');
    expect(slotFor('connectivity')).toBe('connectivity');
    expect(slotFor('connectivity.2.protocol')).toBe('connectivity.2.protocol');
    expect(slotFor('connectivity.2.port')).toBe('connectivity.2.port');
    expect(slotFor('id')).toBe('form');
    expect(slotFor(undefined)).toBe('form');
    expect(tabOf('connectivity.2.port')).toBe('connectivity');
    expect(tabOf('site')).toBe('information');
    expect(tabOf('form')).toBeUndefined();
  });
});
