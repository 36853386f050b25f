// When the plugins' kept connections are closed (electron/core/kept-connections.ts): on Lock and
// on a change of trusted host keys, and not on other events.

import { describe, expect, it } from 'vitest';
import { closeKeptConnectionsOn } from '../../../electron/core/kept-connections';
import { EventBus } from '../../../electron/platform/event-bus';

describe('closeKeptConnectionsOn', () => {
  const wired = () => {
    const events = new EventBus();
    let closed = 0;
    const stop = closeKeptConnectionsOn(events, {
      closeKeptConnections: () => {
        closed++;
        return Promise.resolve();
      },
    });
    return { events, closed: () => closed, stop };
  };

  it('closes them on Lock, not on Unlock', () => {
    const { events, closed } = wired();
    events.emit('vault.changed', { state: 'unlocked' } as never);
    expect(closed()).toBe(0);
    events.emit('vault.changed', { state: 'locked' } as never);
    expect(closed()).toBe(1);
  });

  it('closes them when a host key is trusted or forgotten', () => {
    const { events, closed } = wired();
    events.emit('hostKeys.changed', { hosts: ['10.0.0.5'] });
    expect(closed()).toBe(1);
  });

  it('leaves them on other events, and once unsubscribed', () => {
    const { events, closed, stop } = wired();
    events.emit('devices.changed', { ids: [1] });
    stop();
    events.emit('hostKeys.changed', { hosts: ['10.0.0.5'] });
    expect(closed()).toBe(0);
  });
});
