import { describe, expect, it } from 'vitest';
import { auditDetailFields } from '../../../renderer/features/audit/audit-format';
import { entityLabel, fieldLabel } from '../../../renderer/features/common/field-labels';
import { auditEntities, type AuditEntry } from '../../../shared/domain/audit';

const entry = (overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  seq: 7,
  at: '2026-03-01T10:00:00.000Z',
  actor: 'alice',
  action: 'update',
  entity: 'credential',
  entityId: 3,
  label: 'root @ web-01',
  fields: ['jit.authCredentialId', 'privateKey', 'additionalInfo'],
  result: 'success',
  detail: '',
  ...overrides,
});

describe('an audit entry in detail', () => {
  it('names who, what, the record and each changed field by its form label', () => {
    const detail = Object.fromEntries(auditDetailFields(entry()));
    expect(detail.Who).toBe('alice');
    expect(detail.Action).toBe('update');
    expect(detail.Entity).toBe('Credential 3');
    expect(detail.Subject).toBe('root @ web-01');
    expect(detail['Changed fields']).toBe(
      'Authentication credential, SSH private key, Additional information',
    );
    expect(detail.Result).toBe('Success');
  });

  it('names a bidi override in what it shows rather than obey it (a reason recorded before the rule)', () => {
    const detail = Object.fromEntries(
      auditDetailFields(entry({ label: 'root \u202E@ web', detail: 'Checked \u202Eevil\u202C ok' })),
    );
    expect(detail.Subject).toBe('root ⟨U+202E⟩@ web');
    expect(detail.Detail).toBe('Checked ⟨U+202E⟩evil⟨U+202C⟩ ok');
  });

  it('shows no field key and no entity code', () => {
    const text = auditDetailFields(entry({ entity: 'host_key', entityId: null, fields: [] }))
      .map(([label, value]) => `${label}: ${value}`)
      .join('\n');
    expect(text).toContain('Entity: Host key');
    expect(text).not.toMatch(/host_key|jit\.|privateKey/);
  });

  it('has a label for every entity', () => {
    for (const entity of auditEntities) expect(entityLabel(entity)).toMatch(/^[A-Z][a-z]+( [a-z]+)?$/);
    expect(fieldLabel('credential', 'privateKey')).toBe('SSH private key');
  });
});
