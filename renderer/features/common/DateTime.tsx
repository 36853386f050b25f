import { formatDateTime, formatDateTimeWithZone } from './date-time';

/**
 * A date as every table and detail shows it: the system's locale, with the time zone on hover (the
 * title) and the exact moment in `dateTime` for assistive technology.
 */
export function DateTime({ iso, empty = '—' }: { iso: string | null; empty?: string }) {
  if (iso === null) return <>{empty}</>;
  return (
    <time dateTime={iso} title={formatDateTimeWithZone(iso)}>
      {formatDateTime(iso, empty)}
    </time>
  );
}
