import { describe, expect, it } from 'vitest';
import type { AuditFilter } from '../../../shared/domain/audit';
import {
  emptyAuditFilter,
  toAuditFilter,
  type AuditFilterDraft,
  type AuditFilterErrors,
} from '../../../renderer/features/audit/audit-filter-draft';
import { filterActions } from '../../../renderer/features/common/filter-actions';

/** The audit bar's Filter and Clear, with the draft and errors a bar would show. */
function auditBar() {
  const shown = {
    draft: emptyAuditFilter,
    errors: {} as AuditFilterErrors,
    sent: [] as AuditFilter[],
  };
  const actions = filterActions<AuditFilterDraft, AuditFilterErrors, AuditFilter>(
    { check: toAuditFilter, empty: emptyAuditFilter, onApply: (filter) => shown.sent.push(filter) },
    (draft) => (shown.draft = draft),
    (errors) => (shown.errors = errors),
  );
  return { shown, ...actions };
}

describe('filter bar: Filter and Clear', () => {
  it('sends nothing while the draft has an error, and shows it beside its field', () => {
    const bar = auditBar();
    bar.apply({ ...emptyAuditFilter, from: '2026-02-01T10:00', to: '2026-01-01T10:00' });
    expect(bar.shown.sent).toEqual([]);
    expect(bar.shown.errors).toEqual({ to: 'Must be after From' });
  });

  it('drops an error left from an earlier try once the draft passes (To, fixed by changing From)', () => {
    const bar = auditBar();
    bar.apply({ ...emptyAuditFilter, from: '2026-02-01T10:00', to: '2026-01-01T10:00' });
    bar.apply({ ...emptyAuditFilter, from: '2025-12-01T10:00', to: '2026-01-01T10:00' });
    expect(bar.shown.errors).toEqual({});
    expect(bar.shown.sent).toHaveLength(1);
    expect(bar.shown.sent[0]?.from).toBeDefined();
    expect(bar.shown.sent[0]?.to).toBeDefined();
  });

  it('sends the checked filter, not the draft as typed', () => {
    const bar = auditBar();
    bar.apply({ ...emptyAuditFilter, actor: '  alice  ' });
    expect(bar.shown.sent).toEqual([{ actor: 'alice' }]);
  });

  it('Clear empties the draft and its errors and sends the unfiltered list', () => {
    const bar = auditBar();
    bar.shown.draft = { ...emptyAuditFilter, actor: 'alice', to: 'nonsense' };
    bar.apply(bar.shown.draft);
    bar.clear();
    expect(bar.shown.draft).toEqual(emptyAuditFilter);
    expect(bar.shown.errors).toEqual({});
    expect(bar.shown.sent).toEqual([{}]);
  });
});
