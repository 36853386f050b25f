import { describe, expect, it } from 'vitest';
import {
  isElsewhere,
  runAsHelp,
  runAsPlaceholder,
  runAsProblem,
  runAsRequest,
  type Logins,
} from '../../../renderer/features/templates/run-as';
import { aLogin } from './fixtures';

const others = [aLogin({ id: 9, deviceId: 2, deviceName: 'ldap-1', username: 'admin' })];
const done = (othersMore = 0): Logins => ({
  state: 'done',
  deviceId: 1,
  choices: { own: [aLogin()], others, othersMore },
});

describe('Run as: the choice', () => {
  it('needs a credential', () => {
    expect(runAsProblem({ credentialId: '', elsewhere: false }, others)).toBe(
      'Choose the credential that runs the template',
    );
  });

  it('accepts the device’s own credential without a confirmation', () => {
    const own = { credentialId: '1', elsewhere: false };
    expect(isElsewhere(own, others)).toBe(false);
    expect(runAsProblem(own, others)).toBeUndefined();
    expect(runAsRequest(own, others)).toEqual({ login: { credentialId: 1 } });
  });

  it('asks a confirmation for another device’s credential, and says so in the request', () => {
    const unconfirmed = { credentialId: '9', elsewhere: false };
    expect(isElsewhere(unconfirmed, others)).toBe(true);
    expect(runAsProblem(unconfirmed, others)).toMatch(/confirm "Use on another device"/);

    const confirmed = { credentialId: '9', elsewhere: true };
    expect(runAsProblem(confirmed, others)).toBeUndefined();
    expect(runAsRequest(confirmed, others)).toEqual({
      login: { credentialId: 9 },
      useOnAnotherDevice: true,
    });
  });

  it('does not send a stale confirmation with the device’s own credential', () => {
    expect(runAsRequest({ credentialId: '1', elsewhere: true }, others)).toEqual({
      login: { credentialId: 1 },
    });
  });
});

describe('Run as: what the field says', () => {
  it('waits for a device, then loads', () => {
    expect(runAsHelp({ state: 'idle' }, [], [])).toBe('Choose the device first: its credentials are offered');
    expect(runAsPlaceholder({ state: 'idle' })).toBe('Choose a device first');
    expect(runAsPlaceholder({ state: 'loading' })).toBe('Loading…');
    expect(runAsPlaceholder(done())).toBe('Choose a credential');
  });

  it('explains a failed load and an empty list', () => {
    expect(runAsHelp({ state: 'error', message: 'locked' }, [], [])).toBe(
      'Could not load the credentials: locked',
    );
    expect(runAsHelp(done(), [], [])).toBe(
      'No active credential with a password: add one under PAM Core > Credentials',
    );
  });

  it('counts the credentials of other devices not listed', () => {
    expect(runAsHelp(done(3), [aLogin()], others)).toMatch(/3 more of other devices are not listed/);
    expect(runAsHelp(done(0), [aLogin()], others)).toMatch(/the device’s own first/);
  });
});
