import { describe, expect, it } from 'vitest';
import { defaultJit, type CredentialJit } from '../../../shared/domain/credential';
import { maxLengthActor, plainSessionPlugin, plainSessionPlugins } from '../../../shared/domain/session';
import {
  deviceOf,
  endAnswerSeverity,
  endAnswerText,
  endedMessage,
  expiryWarning,
  formatDuration,
  isInUse,
  sessionStartBlocked,
} from '../../../renderer/features/sessions/session-format';
import { toSessionsFilter } from '../../../renderer/features/sessions/sessions-filter-draft';

const createDelete: CredentialJit = {
  ...defaultJit,
  enabled: true,
  type: 'create_delete',
  authCredentialId: 3,
  createPluginId: 'postgresql',
  createTemplateId: 10,
  deletePluginId: 'postgresql',
  deleteTemplateId: 11,
};

describe('Start session: offered only when the JIT settings can provision', () => {
  it('is offered for a complete Creation and deletion credential', () => {
    expect(sessionStartBlocked({ deleted: false, jit: createDelete })).toBeUndefined();
  });

  it('says why not for a plain, a deleted or an incomplete credential', () => {
    expect(sessionStartBlocked({ deleted: false, jit: defaultJit })).toBe(
      'Not a JIT credential, and its device lists no SSH, PostgreSQL or MySQL port',
    );
    expect(sessionStartBlocked({ deleted: false, jit: { ...createDelete, enabled: false } })).toBe(
      'Not a JIT credential, and its device lists no SSH, PostgreSQL or MySQL port',
    );
    expect(sessionStartBlocked({ deleted: true, jit: createDelete })).toBe('Deleted: kept for audit');
    expect(sessionStartBlocked({ deleted: false, jit: { ...createDelete, deleteTemplateId: null } })).toBe(
      'No delete template in its JIT settings',
    );
    expect(sessionStartBlocked({ deleted: false, jit: { ...createDelete, createPluginId: null } })).toBe(
      'No create template in its JIT settings',
    );
    expect(sessionStartBlocked({ deleted: false, jit: { ...createDelete, authCredentialId: null } })).toBe(
      'No authentication credential in its JIT settings',
    );
  });

  it('offers a plain session for a credential without JIT with a stored secret, on a device a session can reach', () => {
    const plain = { deleted: false, jit: defaultJit, hasPassword: true, hasKey: false, additionalInfo: '' };
    expect(sessionStartBlocked(plain, ['SSH'])).toBeUndefined();
    expect(sessionStartBlocked({ ...plain, hasPassword: false, hasKey: true }, ['SSH'])).toBeUndefined();
    expect(sessionStartBlocked({ ...plain, additionalInfo: 'sales' }, ['LDAP', 'MySQL'])).toBeUndefined();
    expect(sessionStartBlocked(plain, ['LDAP', 'WinRM'])).toBe(
      'Not a JIT credential, and its device lists no SSH, PostgreSQL or MySQL port',
    );
    expect(sessionStartBlocked({ ...plain, hasPassword: false }, ['SSH'])).toBe(
      'Not a JIT credential, and no password or key is stored for it',
    );
  });

  it('reads the pair of the chosen type only (the other section may hold old choices)', () => {
    const enableDisable: CredentialJit = {
      ...createDelete,
      type: 'enable_disable',
      useOwnCredential: true,
      authCredentialId: null,
    };
    expect(sessionStartBlocked({ deleted: false, jit: enableDisable })).toBe(
      'No enable template in its JIT settings',
    );
    const complete = {
      ...enableDisable,
      enablePluginId: 'ssh',
      enableTemplateId: 1,
      disablePluginId: 'ssh',
      disableTemplateId: 2,
    } as const;
    expect(sessionStartBlocked({ deleted: false, jit: complete })).toBeUndefined();
  });
});

describe('the ended message', () => {
  it('says when the maximum length ended it, and that a plain session cleaned nothing up', () => {
    expect(endedMessage({ endedBy: 'alice' })).toBe('The session ended and its account was cleaned up.');
    expect(endedMessage({ endedBy: maxLengthActor })).toBe(
      'The session reached its maximum length: it ended and its account was cleaned up.',
    );
    expect(endedMessage({ kind: 'plain', endedBy: 'alice' })).toBe(
      'The session ended. It was a plain session: nothing was enabled or created, so nothing was cleaned up.',
    );
  });
});

describe('time left', () => {
  it('warns at 15, 10 and 5 minutes before the maximum length, each from its threshold on', () => {
    const min = 60_000;
    expect(expiryWarning(15 * min + 1)).toBeUndefined();
    expect(expiryWarning(15 * min)).toBe(15);
    expect(expiryWarning(10 * min + 1)).toBe(15);
    expect(expiryWarning(10 * min)).toBe(10);
    expect(expiryWarning(5 * min + 1)).toBe(10);
    expect(expiryWarning(5 * min)).toBe(5);
    expect(expiryWarning(0)).toBe(5);
    expect(expiryWarning(-1000)).toBe(5);
  });

  it('reads as hours and minutes, minutes and seconds, or seconds; never negative', () => {
    expect(formatDuration(3_900_000)).toBe('1 h 05 min');
    expect(formatDuration(249_000)).toBe('4 min 09 s');
    expect(formatDuration(12_400)).toBe('12 s');
    expect(formatDuration(-5000)).toBe('0 s');
  });
});

describe('session labels and states', () => {
  it('takes the device from the last " @ " of the credential label (user names may hold @)', () => {
    expect(deviceOf({ credentialLabel: 'app @ db-01' })).toBe('db-01');
    expect(deviceOf({ credentialLabel: 'a@corp @ db-02' })).toBe('db-02');
    expect(deviceOf({ credentialLabel: 'odd' })).toBe('odd');
  });

  it('treats a session as in use until it starts ending', () => {
    expect(['requested', 'provisioning', 'active'].every((s) => isInUse(s as 'active'))).toBe(true);
    expect(
      ['ending', 'ended', 'failed', 'needs_attention', 'force_closed'].some((s) => isInUse(s as 'active')),
    ).toBe(false);
  });
});

describe('Remote sessions filter draft', () => {
  it('turns Status into live or one state, and trims the text', () => {
    expect(toSessionsFilter({ state: '', text: '' })).toEqual({ ok: true, filter: {} });
    expect(toSessionsFilter({ state: 'live', text: ' senseg ' })).toEqual({
      ok: true,
      filter: { live: true, text: 'senseg' },
    });
    expect(toSessionsFilter({ state: 'needs_attention', text: '' })).toEqual({
      ok: true,
      filter: { state: 'needs_attention' },
    });
  });

  it('puts an over-long text beside its field', () => {
    const result = toSessionsFilter({ state: '', text: 'x'.repeat(201) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.text).toBeDefined();
  });
});

describe('what an End or Close answer says (the core answers once the cleanup is recorded)', () => {
  it('says ended only for an Ended answer, plain sessions without a cleanup', () => {
    expect(endAnswerText({ state: 'ended', error: null, kind: 'jit' }, 'senseg1 @ db')).toBe(
      'The session of senseg1 @ db ended and its account was cleaned up',
    );
    expect(endAnswerText({ state: 'ended', error: null, kind: 'plain' }, 'ops @ db')).toBe(
      'The plain session of ops @ db ended (nothing to clean up)',
    );
  });

  it('says a cleanup still running, or failed, as it is', () => {
    expect(endAnswerText({ state: 'ending', error: null, kind: 'jit' }, 'x')).toMatch(
      /^The session of x is ending: its cleanup is still running/,
    );
    expect(endAnswerText({ state: 'needs_attention', error: 'no route', kind: 'jit' }, 'x')).toBe(
      'The cleanup of x failed: no route. Retry it or force close the session.',
    );
  });

  it('says a start that failed while it was ended as over, not as "ends as soon as it is Active"', () => {
    // Close during provisioning, and the provisioning failed: rolled back (or refused), so Failed.
    const failed = { state: 'failed', error: 'role "senseg1" already exists', kind: 'jit' } as const;
    expect(endAnswerText(failed, 'x')).toBe(
      'The session of x never became active: role "senseg1" already exists. Nothing of it is left on the device',
    );
    expect(endAnswerSeverity(failed)).toBe('success');
    expect(endAnswerText({ state: 'force_closed', error: null, kind: 'jit' }, 'x')).toBe(
      'The session of x was force closed: its account may remain on the device',
    );
  });

  it('never shows a cleanup that did not happen as a success', () => {
    expect(endAnswerSeverity({ state: 'ended' })).toBe('success');
    expect(endAnswerSeverity({ state: 'ending' })).toBe('info');
    expect(endAnswerSeverity({ state: 'needs_attention' })).toBe('warning');
    expect(endAnswerSeverity({ state: 'force_closed' })).toBe('warning');
  });
});

describe("a plain session's protocol choices (Start session asks when there are several)", () => {
  it('lists every protocol a session can use, the default first', () => {
    expect(plainSessionPlugins(['LDAP', 'MySQL', 'SSH', 'PostgreSQL'], '')).toEqual([
      'ssh',
      'postgresql',
      'mysql',
    ]);
    expect(plainSessionPlugins(['SSH', 'MySQL'], 'appdb')).toEqual(['mysql', 'ssh']);
    expect(plainSessionPlugins(['LDAP', 'RDP'], '')).toEqual([]);
    expect(plainSessionPlugin(['SSH', 'PostgreSQL'], 'appdb')).toBe('postgresql');
  });
});
