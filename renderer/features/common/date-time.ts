/**
 * The one way the app writes a date: the system's locale and time zone, to the second (steps of one
 * run are seconds apart, and the audit log is compared to the second). Hovering shows the same
 * moment with its time zone (DateTime.tsx puts that in the title). Every table and detail uses these,
 * so a date reads the same on every screen.
 */
export interface DateTimeFormatter {
  /** "2 Dec 2026, 09:06:20"; `empty` for null or an unreadable value. */
  format(iso: string | null, empty?: string): string;
  /** The same moment with its time zone, for the hover: "2 Dec 2026, 09:06:20 UTC (Etc/UTC)". */
  withZone(iso: string): string;
}

/** locale and timeZone are the system's unless given (tests pin them). */
export function dateTimeFormatter(locale?: string, timeZone?: string): DateTimeFormatter {
  const plain = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone });
  const zoned = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'long', timeZone });
  const zoneName = zoned.resolvedOptions().timeZone;
  const parse = (iso: string): Date | undefined => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? undefined : date;
  };
  return {
    format(iso, empty = '—') {
      const date = iso === null ? undefined : parse(iso);
      return date ? plain.format(date) : empty;
    },
    withZone(iso) {
      const date = parse(iso);
      return date ? `${zoned.format(date)} (${zoneName})` : '';
    },
  };
}

const system = dateTimeFormatter();
/** A date as every screen writes it (the system's locale and time zone). */
export const formatDateTime = (iso: string | null, empty = '—'): string => system.format(iso, empty);
/** The same date with its time zone, for a hover. */
export const formatDateTimeWithZone = (iso: string): string => system.withZone(iso);
