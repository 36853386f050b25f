import { describe, expect, it } from 'vitest';
import { dateTimeFormatter, formatDateTime } from '../../../renderer/features/common/date-time';

const at = '2026-12-02T09:06:20.000Z';

describe('the shared date formatter', () => {
  it('writes a moment in the given locale and time zone, to the second', () => {
    expect(dateTimeFormatter('en-GB', 'Europe/Berlin').format(at)).toBe('2 Dec 2026, 10:06:20');
    expect(dateTimeFormatter('de-DE', 'Europe/Berlin').format(at)).toBe('02.12.2026, 10:06:20');
    expect(dateTimeFormatter('en-US', 'America/New_York').format(at)).toBe('Dec 2, 2026, 4:06:20 AM');
  });

  it('names the time zone for the hover, abbreviation and IANA name', () => {
    expect(dateTimeFormatter('en-GB', 'Europe/Berlin').withZone(at)).toBe(
      '2 Dec 2026, 10:06:20 CET (Europe/Berlin)',
    );
    expect(dateTimeFormatter('en-GB', 'UTC').withZone(at)).toBe('2 Dec 2026, 09:06:20 UTC (UTC)');
  });

  it('writes the empty text for no date and for an unreadable one, never "Invalid Date"', () => {
    const f = dateTimeFormatter('en-GB', 'UTC');
    expect(f.format(null)).toBe('—');
    expect(f.format(null, 'Never')).toBe('Never');
    expect(f.format('not a date', 'Never')).toBe('Never');
    expect(f.withZone('not a date')).toBe('');
  });

  it('uses the system locale and time zone by default', () => {
    const system = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
    expect(formatDateTime(at)).toBe(system.format(new Date(at)));
  });
});
