import { describe, expect, it } from 'vitest';
import {
  checkDraft,
  draftFrom,
  emptyDraft,
  errorsFromFailure,
  firstErrorSlot,
  passwordChangeOf,
  sameDraft,
  slotForPath,
  tabOf,
} from '../../../renderer/features/credentials/form/credential-draft';
import type { RuleContext } from '../../../shared/domain/rules/credential-rules';

const ctx: RuleContext = {
  selfId: null,
  selfHasPassword: false,
  devices: [
    { id: 1, name: 'web-01', active: true },
    { id: 2, name: 'old', active: false },
  ],
  credentials: [],
  templates: [],
};

const valid = { ...emptyDraft, username: 'root', deviceId: 1 };

describe('credential draft', () => {
  it('turns a valid draft into the contract’s input, keeping the password unless one is typed', () => {
    const result = checkDraft(valid, ctx);
    expect(result).toMatchObject({
      ok: true,
      credential: { username: 'root', deviceId: 1 },
      password: { action: 'keep' },
    });
  });

  it('says what Save does with the password', () => {
    expect(passwordChangeOf(valid)).toEqual({ action: 'keep' });
    expect(passwordChangeOf({ ...valid, password: 's3cret' })).toEqual({ action: 'set', value: 's3cret' });
    expect(passwordChangeOf({ ...valid, passwordMode: 'generate', password: 'typed' })).toEqual({
      action: 'generate',
    });
  });

  it('reports the schema’s errors and the shared rules’ together, one per field', () => {
    const result = checkDraft({ ...emptyDraft, deviceId: 2 }, ctx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.username).toBeDefined();
    expect(result.errors.status).toBe('The device old is inactive: the credential must be Inactive');
    expect(firstErrorSlot(result.errors)).toBe('username');
  });

  it('shows a typed password or passphrase no target could receive beside its field, with the reason', () => {
    const result = checkDraft({ ...valid, password: 'Pw\u0000x' }, ctx);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors.password).toBe(
        'The password contains a NUL character, which no target can receive',
      );
    const key = checkDraft(
      { ...valid, privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----', keyPassphrase: 'p\ud800' },
      ctx,
    );
    expect(key.ok).toBe(false);
    if (!key.ok)
      expect(key.errors.keyPassphrase).toBe(
        'The passphrase contains half of a character (a lone UTF-16 surrogate)',
      );
  });

  it('requires a device', () => {
    const result = checkDraft({ ...valid, deviceId: null }, ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.deviceId).toBe('Required');
  });

  it('compares drafts field by field, JIT settings included', () => {
    expect(sameDraft(valid, { ...valid })).toBe(true);
    expect(sameDraft(valid, { ...valid, tags: 'x' })).toBe(false);
    expect(sameDraft(valid, { ...valid, jit: { ...valid.jit, enabled: !valid.jit.enabled } })).toBe(false);
  });

  it('does not carry a typed password into an edit', () => {
    const stored = checkDraft({ ...valid, tags: 'a, b' }, ctx);
    if (!stored.ok) throw new Error('expected a valid draft');
    const draft = draftFrom({
      ...stored.credential,
      id: 5,
    } as Parameters<typeof draftFrom>[0]);
    expect(draft.password).toBe('');
    expect(draft.passwordMode).toBe('keep');
    expect(draft.tags).toBe('a, b');
  });

  it('maps the core’s paths to the controls, and slots to tabs', () => {
    expect(slotForPath('credential.jit.enableTemplateId')).toBe('jit.enableTemplateId');
    expect(slotForPath('credential.jit.nope')).toBe('jit.enabled');
    expect(slotForPath('tags.2')).toBe('tags');
    expect(slotForPath('password.value')).toBe('password');
    expect(slotForPath('id')).toBe('form');
    expect(tabOf('jit.type')).toBe('jit');
    expect(tabOf('username')).toBe('information');
    expect(tabOf('form')).toBeUndefined();
  });

  it('shows the core’s refusal beside its field, without the path prefix', () => {
    const failure = {
      ok: false as const,
      code: 'invalid_input' as const,
      message: 'credential.username: taken',
      field: 'credential.username',
    };
    expect(errorsFromFailure(failure, failure.message)).toEqual({ username: 'taken' });
    const noField = { ok: false as const, code: 'invalid_input' as const, message: 'Locked' };
    expect(errorsFromFailure(noField, 'Locked')).toEqual({ form: 'Locked' });
  });
});
