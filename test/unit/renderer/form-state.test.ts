/**
 * The forms' shared state rules: where a core failure shows (placeFailure, used by the Device,
 * Template and Test on a device forms) and the filter bars' drafts turned into the contract's filters.
 */
import { describe, expect, it } from 'vitest';
import { emptyAuditFilter, toAuditFilter } from '../../../renderer/features/audit/audit-filter-draft';
import { placeFailure } from '../../../renderer/features/devices/form-failure';
import {
  emptyOperationsFilter,
  isFiltered,
  toOperationsFilter,
} from '../../../renderer/features/operations/operations-filter-draft';

const failure = (message: string, field?: string) => ({
  ok: false as const,
  code: 'invalid_input' as const,
  message,
  ...(field === undefined ? {} : { field }),
});

describe('a core failure placed in a form', () => {
  it('puts a failure without a field above the form', () => {
    expect(placeFailure(failure('Locked'), 'device')).toEqual({ field: undefined, message: 'Locked' });
  });

  it('strips the wrapper key and the path the message repeats', () => {
    expect(placeFailure(failure('device.name: Required', 'device.name'), 'device')).toEqual({
      field: 'name',
      message: 'Required',
    });
    expect(placeFailure(failure('device: Conflict', 'device'), 'device')).toEqual({
      field: undefined,
      message: 'Conflict',
    });
  });

  it('keeps the path of a request without a wrapper', () => {
    expect(placeFailure(failure('login.credentialId: Inactive', 'login.credentialId'))).toEqual({
      field: 'login.credentialId',
      message: 'Inactive',
    });
  });
});

describe('filter drafts', () => {
  it('sends only what was chosen, trimmed', () => {
    expect(toOperationsFilter({ ...emptyOperationsFilter, status: 'Running', text: '  web ' })).toEqual({
      ok: true,
      filter: { status: 'Running', text: 'web' },
    });
    expect(toAuditFilter({ ...emptyAuditFilter, actor: 'admin' })).toMatchObject({ ok: true });
  });

  it('refuses a value the core would refuse, beside its field', () => {
    const result = toOperationsFilter({ ...emptyOperationsFilter, status: 'Sleeping' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toEqual(['status']);
  });

  it('tells an empty filter from a real one', () => {
    expect(isFiltered({})).toBe(false);
    expect(isFiltered({ status: undefined })).toBe(false);
    expect(isFiltered({ status: 'Running' })).toBe(true);
  });
});
