import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/platform/manual-clock';
import { IdleLock } from '../../../electron/vault/idle-lock';

const minute = 60_000;

function setup(idleMinutes = 15) {
  const clock = new ManualClock();
  const state = { unlocked: true, locks: 0, minutes: idleMinutes, warnings: [] as (number | null)[] };
  const idle = new IdleLock({
    timers: clock,
    idleMinutes: () => state.minutes,
    isUnlocked: () => state.unlocked,
    lock: () => {
      state.locks++;
      state.unlocked = false;
      return Promise.resolve();
    },
    warn: (secondsLeft) => state.warnings.push(secondsLeft),
  });
  return { clock, state, idle };
}

describe('idle auto-lock', () => {
  it('locks the vault once the idle time has passed with no activity', () => {
    const { clock, state, idle } = setup();
    idle.activity();
    clock.advance(15 * minute - 1);
    expect(state.locks).toBe(0);
    clock.advance(1);
    expect(state.locks).toBe(1);
  });

  it('each activity starts the full idle time again', () => {
    const { clock, state, idle } = setup();
    idle.activity();
    clock.advance(14 * minute);
    idle.activity();
    clock.advance(14 * minute);
    expect(state.locks).toBe(0);
    expect(clock.pendingCount).toBe(1);
    clock.advance(minute);
    expect(state.locks).toBe(1);
  });

  it('reads the idle time at each activity (Settings can change it); 0 never locks', () => {
    const { clock, state, idle } = setup(15);
    state.minutes = 1;
    idle.activity();
    clock.advance(minute);
    expect(state.locks).toBe(1);
    state.unlocked = true;
    state.minutes = 0;
    idle.activity();
    clock.advance(24 * 60 * minute);
    expect(state.locks).toBe(1);
    expect(clock.pendingCount).toBe(0);
  });

  it('does nothing when the vault is already locked, and stop cancels the countdown', () => {
    const { clock, state, idle } = setup();
    state.unlocked = false;
    idle.activity();
    clock.advance(15 * minute);
    expect(state.locks).toBe(0);
    state.unlocked = true;
    idle.activity();
    idle.stop();
    clock.advance(15 * minute);
    expect(state.locks).toBe(0);
  });

  it('warns 60 s before the lock, and activity during the warning takes it back and starts over', () => {
    const { clock, state, idle } = setup();
    idle.activity();
    clock.advance(14 * minute - 1);
    expect(state.warnings).toEqual([]);
    clock.advance(1);
    expect(state.warnings).toEqual([60]);
    clock.advance(30_000);
    idle.activity();
    expect(state.warnings).toEqual([60, null]);
    clock.advance(14 * minute);
    expect(state.warnings).toEqual([60, null, 60]);
    clock.advance(minute);
    expect(state.locks).toBe(1);
    // The lock ends the warning by itself (the Unlock screen replaces the app): no second null.
    expect(state.warnings).toEqual([60, null, 60]);
  });

  it('activity with no warning out sends nothing', () => {
    const { clock, state, idle } = setup();
    idle.activity();
    clock.advance(10 * minute);
    idle.activity();
    expect(state.warnings).toEqual([]);
  });

  it('a one-minute idle time warns at half of it', () => {
    const { clock, state, idle } = setup(1);
    idle.activity();
    clock.advance(30_000 - 1);
    expect(state.warnings).toEqual([]);
    clock.advance(1);
    expect(state.warnings).toEqual([30]);
    clock.advance(30_000);
    expect(state.locks).toBe(1);
  });

  it('no warning and no timer when auto-lock is off', () => {
    const { clock, state, idle } = setup(0);
    idle.activity();
    expect(clock.pendingCount).toBe(0);
    clock.advance(24 * 60 * minute);
    expect(state.warnings).toEqual([]);
    expect(state.locks).toBe(0);
  });

  it('no warning when the vault was locked meanwhile, and stop takes back nothing', () => {
    const { clock, state, idle } = setup();
    idle.activity();
    state.unlocked = false;
    clock.advance(15 * minute);
    expect(state.warnings).toEqual([]);
    expect(clock.pendingCount).toBe(0);
    state.unlocked = true;
    idle.activity();
    clock.advance(14 * minute);
    idle.stop();
    clock.advance(minute);
    expect(state.warnings).toEqual([60]);
    expect(state.locks).toBe(0);
  });
});
