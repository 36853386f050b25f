import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../electron/platform/clock';
import { ManualClock } from '../../../electron/platform/manual-clock';

describe('ManualClock', () => {
  it('fires due timers in time order, each at its own instant, and none early', () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    const fired: string[] = [];
    clock.setTimer(() => fired.push(`b@${clock.now().toISOString()}`), 2000);
    clock.setTimer(() => fired.push(`a@${clock.now().toISOString()}`), 1000);
    clock.setTimer(() => fired.push('c'), 5000);
    clock.advance(1999);
    expect(fired).toEqual(['a@2026-01-01T00:00:01.000Z']);
    clock.advance(1);
    expect(fired).toEqual(['a@2026-01-01T00:00:01.000Z', 'b@2026-01-01T00:00:02.000Z']);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:02.000Z');
    expect(clock.pendingCount).toBe(1);
  });

  it('runs ties in the order they were set, and timers set while firing if they fall due', () => {
    const clock = new ManualClock();
    const fired: string[] = [];
    clock.setTimer(() => fired.push('first'), 10);
    clock.setTimer(() => {
      fired.push('second');
      clock.setTimer(() => fired.push('chained'), 5);
      clock.setTimer(() => fired.push('later'), 500);
    }, 10);
    clock.advance(20);
    expect(fired).toEqual(['first', 'second', 'chained']);
    expect(clock.pendingCount).toBe(1);
  });

  it('does not fire a cancelled timer', () => {
    const clock = new ManualClock();
    let fired = false;
    clock.setTimer(() => (fired = true), 10).cancel();
    clock.advance(100);
    expect(fired).toBe(false);
    expect(clock.pendingCount).toBe(0);
  });

  it('refuses to go back in time', () => {
    expect(() => new ManualClock().advance(-1)).toThrow(RangeError);
  });
});

describe('systemClock timers', () => {
  it('fires after its delay, and not once cancelled', async () => {
    const fired = await new Promise<boolean>((resolve) => {
      systemClock.setTimer(() => resolve(true), 5);
    });
    expect(fired).toBe(true);
    let cancelledFired = false;
    systemClock.setTimer(() => (cancelledFired = true), 1).cancel();
    await new Promise<void>((resolve) => systemClock.setTimer(resolve, 20));
    expect(cancelledFired).toBe(false);
  });

  describe('waits longer than Node allows in one setTimeout (2^31 - 1 ms)', () => {
    afterEach(() => vi.useRealTimers());
    it('chains the wait instead of firing at once', () => {
      vi.useFakeTimers();
      let fired = false;
      systemClock.setTimer(() => (fired = true), 2 ** 31 + 1000);
      vi.advanceTimersByTime(2 ** 31 - 1);
      expect(fired).toBe(false);
      vi.advanceTimersByTime(1000);
      expect(fired).toBe(false);
      vi.advanceTimersByTime(1);
      expect(fired).toBe(true);
    });
  });
});
