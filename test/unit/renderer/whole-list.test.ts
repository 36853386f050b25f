import { describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/result';
import { placeByName, wholeListLoad, type WholeListState } from '../../../renderer/stores/whole-list';

type Row = { id: number; name: string };
type State = WholeListState<'rows', Row>;

/** A store's state, and a list fetch whose answers the test gives, in any order. */
function harness() {
  let state: State = { rows: [], loaded: false, loading: false, loadError: undefined };
  const pending: ((result: Result<Row[]>) => void)[] = [];
  const load = wholeListLoad<'rows', Row>(
    'rows',
    () => new Promise((resolve) => pending.push(resolve)),
    (partial) => (state = { ...state, ...partial }),
  );
  return { load, pending, state: () => state };
}

const row = (id: number, name: string): Row => ({ id, name });

describe('a whole list: load', () => {
  it('puts the list under its key and marks it loaded', async () => {
    const h = harness();
    const done = h.load();
    expect(h.state().loading).toBe(true);
    h.pending[0]?.({ ok: true, value: [row(1, 'web-1')] });
    await done;
    expect(h.state()).toEqual({
      rows: [row(1, 'web-1')],
      loaded: true,
      loading: false,
      loadError: undefined,
    });
  });

  it('drops an older answer that comes after a newer one, a failure as much as a list', async () => {
    const h = harness();
    const older = h.load();
    const newer = h.load();
    h.pending[1]?.({ ok: true, value: [row(2, 'newer')] });
    await newer;
    h.pending[0]?.({ ok: false, code: 'internal', message: 'late failure' });
    await older;
    expect(h.state().rows).toEqual([row(2, 'newer')]);
    expect(h.state().loadError).toBeUndefined();
  });

  it('keeps the list it had when a load fails, and says why', async () => {
    const h = harness();
    const first = h.load();
    h.pending[0]?.({ ok: true, value: [row(1, 'web-1')] });
    await first;
    const second = h.load();
    h.pending[1]?.({ ok: false, code: 'internal', message: 'core is down' });
    await second;
    expect(h.state()).toMatchObject({ rows: [row(1, 'web-1')], loading: false, loadError: 'core is down' });
  });
});

describe('a whole list: a saved row', () => {
  it('goes where the core lists it: web-2 between web-1 and web-10', () => {
    const list = [row(1, 'web-1'), row(10, 'web-10')];
    expect(placeByName(list, row(2, 'web-2')).map((r) => r.name)).toEqual(['web-1', 'web-2', 'web-10']);
  });

  it('replaces its old self, moving when renamed', () => {
    const list = [row(1, 'alpha'), row(2, 'beta'), row(3, 'gamma')];
    expect(placeByName(list, row(1, 'zeta'))).toEqual([row(2, 'beta'), row(3, 'gamma'), row(1, 'zeta')]);
  });

  it('leaves the list it was given as it was', () => {
    const list = [row(1, 'b')];
    placeByName(list, row(2, 'a'));
    expect(list).toEqual([row(1, 'b')]);
  });
});
