/** Display helpers shared by the list and the dialogs. */

// Short in the list (a column, not a sentence); to the second in the audit history.
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });
const dateTimeSeconds = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export const formatDateTime = (iso: string | null, empty = 'Never'): string =>
  iso === null ? empty : dateTime.format(new Date(iso));

/** Audit entries are compared to the second. */
export const formatAuditTime = (iso: string): string => dateTimeSeconds.format(new Date(iso));

export const yesNo = (value: boolean): string => (value ? 'Yes' : 'No');
