// A session's views as streams of their connections (sessions.attach): the tab or window closed
// ends the session once no view is left and none came back within the grace (a reload); a view
// left in the app (Leave) ends nothing. The streams are the real multiplexer's, back to back.
import { beforeEach, describe, expect, it } from 'vitest';
import { StreamMux } from '../../../shared/contract/streams';
import { viewClosedActor, type Session } from '../../../shared/domain/session';
import { ManualClock } from '../../../electron/platform/manual-clock';
import { SessionPresence } from '../../../electron/sessions/session-presence';

let clock: ManualClock;
let state: Session['state'];
let ended: { id: string; actor: string }[];
let presence: SessionPresence;

beforeEach(() => {
  clock = new ManualClock();
  state = 'active';
  ended = [];
  presence = new SessionPresence({
    sessions: {
      get: (id) => ({ id, state }) as Session,
      end: (id, actor) => {
        ended.push({ id, actor });
        state = 'ended';
        return Promise.resolve();
      },
    },
    timers: clock,
    graceMs: 15_000,
  });
});

/** A tab's connection: the core's end of its multiplexer (the page's end is not needed here). */
const connection = () => new StreamMux(() => undefined);

/** A view of session s-1 on `tab`. */
function view(tab: StreamMux) {
  const stream = tab.open();
  if (!stream) throw new Error('no stream');
  presence.attach('s-1', stream);
  return stream;
}

describe("a session's views", () => {
  it('the tab closed: the session ends after the grace, by the system', () => {
    const tab = connection();
    view(tab);
    tab.closeAll();
    clock.advance(14_999);
    expect(ended).toEqual([]);
    clock.advance(1);
    expect(ended).toEqual([{ id: 's-1', actor: viewClosedActor }]);
  });

  it('a reload: the view comes back within the grace on a new connection, and nothing ends', () => {
    const before = connection();
    view(before);
    before.closeAll();
    clock.advance(2_000);
    view(connection());
    clock.advance(60_000);
    expect(ended).toEqual([]);
  });

  it('Leave in the app closes the view, not the connection: the session goes on', () => {
    const stream = view(connection());
    stream.close();
    clock.advance(60_000);
    expect(ended).toEqual([]);
  });

  it('another tab still shows it: one tab closed ends nothing, the last one does', () => {
    const first = connection();
    const second = connection();
    view(first);
    view(second);
    first.closeAll();
    clock.advance(60_000);
    expect(ended).toEqual([]);
    second.closeAll();
    clock.advance(15_000);
    expect(ended).toHaveLength(1);
  });

  it('still provisioning when the grace ends: it ends once Active; already ended: nothing', () => {
    state = 'provisioning';
    const tab = connection();
    view(tab);
    tab.closeAll();
    clock.advance(15_000);
    expect(ended).toEqual([]);
    state = 'active';
    clock.advance(15_000);
    expect(ended).toHaveLength(1);
    const again = connection();
    expect(() => view(again)).toThrow('The session is no longer in use');
  });

  it('disposed (the core stopping): no timer ends anything, not even for a connection closing after', () => {
    const tab = connection();
    const late = connection();
    view(tab);
    view(late);
    tab.closeAll();
    presence.dispose();
    late.closeAll();
    clock.advance(60_000);
    expect(ended).toEqual([]);
  });

  it('an unknown session: refused, and the stream opened for it is not kept (review 37)', () => {
    const tab = new StreamMux(() => undefined, { maxStreams: 8 });
    const failing = new SessionPresence({
      sessions: {
        get: () => {
          throw new Error('No session x');
        },
        end: () => Promise.resolve(),
      },
      timers: clock,
    });
    for (let i = 0; i < 10; i++) {
      const stream = tab.open();
      if (!stream) throw new Error('the connection ran out of streams');
      expect(() => failing.attach('x', stream)).toThrow('No session x');
    }
    expect(tab.stats().streams).toBe(0);
  });
});
