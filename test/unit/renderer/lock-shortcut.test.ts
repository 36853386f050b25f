import { describe, expect, it } from 'vitest';
import { activityReportMs, activityThrottle } from '../../../renderer/features/vault/activity-throttle';
import { isLockShortcut, type KeyPress } from '../../../renderer/features/vault/lock-shortcut';

const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: true,
  metaKey: false,
  shiftKey: true,
  altKey: false,
  ...more,
});

describe('the lock shortcut', () => {
  it('is Ctrl+Shift+L, or Cmd+Shift+L', () => {
    expect(isLockShortcut(press('L'))).toBe(true);
    expect(isLockShortcut(press('l'))).toBe(true);
    expect(isLockShortcut(press('L', { ctrlKey: false, metaKey: true }))).toBe(true);
  });

  it('is not L alone, Ctrl+L, Shift+L, Ctrl+Alt+Shift+L, a held key or another letter', () => {
    expect(isLockShortcut(press('l', { ctrlKey: false, shiftKey: false }))).toBe(false);
    expect(isLockShortcut(press('l', { shiftKey: false }))).toBe(false);
    expect(isLockShortcut(press('L', { ctrlKey: false }))).toBe(false);
    expect(isLockShortcut(press('L', { altKey: true }))).toBe(false);
    expect(isLockShortcut(press('L', { repeat: true }))).toBe(false);
    expect(isLockShortcut(press('K'))).toBe(false);
  });
});

describe('activity reports', () => {
  function setup() {
    let now = 0;
    const reports: number[] = [];
    const throttle = activityThrottle(
      () => reports.push(now),
      () => now,
    );
    return { throttle, reports, at: (ms: number) => (now = ms) };
  }

  it('reports the first input at once, then at most once per 30 s', () => {
    const { throttle, reports, at } = setup();
    at(1_000);
    throttle.input();
    at(2_000);
    throttle.input();
    at(1_000 + activityReportMs - 1);
    throttle.input();
    expect(reports).toEqual([1_000]);
    at(1_000 + activityReportMs);
    throttle.input();
    expect(reports).toEqual([1_000, 1_000 + activityReportMs]);
  });

  it('after a warning, the next input reports at once', () => {
    const { throttle, reports, at } = setup();
    at(1_000);
    throttle.input();
    throttle.rearm();
    at(1_500);
    throttle.input();
    at(1_600);
    throttle.input();
    expect(reports).toEqual([1_000, 1_500]);
  });
});
