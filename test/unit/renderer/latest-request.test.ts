import { describe, expect, it } from 'vitest';
import { latestRequest, latestRequestByKey } from '../../../renderer/stores/latest-request';

describe('latest request wins', () => {
  it('drops an older answer that arrives after a newer request was sent', () => {
    const loads = latestRequest();
    const first = loads.begin();
    const second = loads.begin();
    // The second answer comes back first, then the first one: only the second counts.
    expect(second()).toBe(true);
    expect(first()).toBe(false);
  });

  it('keeps the only request in flight', () => {
    const loads = latestRequest();
    const only = loads.begin();
    expect(only()).toBe(true);
    expect(only()).toBe(true);
  });

  it('counts each helper apart (one store does not cancel another)', () => {
    const a = latestRequest();
    const b = latestRequest();
    const fromA = a.begin();
    b.begin();
    expect(fromA()).toBe(true);
  });

  it('counts per key: a newer load of one address leaves the other address current', () => {
    const loads = latestRequestByKey<string>();
    const web1 = loads.begin('web-1');
    const web2 = loads.begin('web-2');
    const web1Again = loads.begin('web-1');
    expect(web1()).toBe(false);
    expect(web1Again()).toBe(true);
    expect(web2()).toBe(true);
  });
});
