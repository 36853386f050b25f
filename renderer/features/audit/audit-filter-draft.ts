/**
 * The audit filter bar's model: what the user types, turned into the contract's filter on Filter.
 * Times are typed in local time (datetime-local) and sent as ISO instants.
 */
import {
  auditActions,
  auditEntities,
  auditFilterSchema,
  type AuditFilter,
} from '../../../shared/domain/audit';

export interface AuditFilterDraft {
  /** '' is "any". */
  entity: string;
  action: string;
  actor: string;
  text: string;
  /** `YYYY-MM-DDTHH:mm`, local time, or ''. */
  from: string;
  to: string;
}

export type AuditFilterErrors = Partial<Record<keyof AuditFilterDraft, string>>;

export const emptyAuditFilter: AuditFilterDraft = {
  entity: '',
  action: '',
  actor: '',
  text: '',
  from: '',
  to: '',
};

/** `reveal_password` reads better as "reveal password". */
export const humanize = (code: string): string => code.replaceAll('_', ' ');

export { auditActions, auditEntities };

function localToIso(local: string): string | undefined {
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export type AuditFilterResult = { ok: true; filter: AuditFilter } | { ok: false; errors: AuditFilterErrors };

export function toAuditFilter(d: AuditFilterDraft): AuditFilterResult {
  const errors: AuditFilterErrors = {};
  const from = d.from === '' ? undefined : localToIso(d.from);
  const to = d.to === '' ? undefined : localToIso(d.to);
  if (d.from !== '' && from === undefined) errors.from = 'Enter a date and time';
  if (d.to !== '' && to === undefined) errors.to = 'Enter a date and time';
  if (from !== undefined && to !== undefined && from > to) errors.to = 'Must be after From';
  const candidate = {
    entity: d.entity || undefined,
    action: d.action || undefined,
    actor: d.actor.trim() || undefined,
    text: d.text.trim() || undefined,
    from,
    to,
  };
  const parsed = auditFilterSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      if (typeof key === 'string' && key in emptyAuditFilter)
        errors[key as keyof AuditFilterDraft] ??= issue.message;
    }
  }
  return parsed.success && Object.keys(errors).length === 0
    ? { ok: true, filter: parsed.data }
    : { ok: false, errors };
}
