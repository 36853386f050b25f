import { useEffect, useMemo, useState } from 'react';
import { useTemplatesStore, type LoginOption } from '../../stores/templates-store';
import { isElsewhere, runAsHelp, runAsProblem, runAsRequest, type Logins } from './run-as';
import { usableLogins } from './test-on-device';

export interface RunAs {
  logins: Logins;
  /** The chosen device's usable credentials, and some of other devices'. */
  own: LoginOption[];
  others: LoginOption[];
  /** The chosen credential's id, '' for none. */
  credentialId: string;
  /** "Use on another device" is ticked (it is asked only when `chosenElsewhere`). */
  elsewhere: boolean;
  chosenElsewhere: boolean;
  help: string;
  /** The user picks a credential: Run as stops following the device, and asks again to confirm. */
  choose: (credentialId: string) => void;
  confirmElsewhere: (confirmed: boolean) => void;
  /** Another device was chosen: Run as follows it again (its first usable credential). */
  followDevice: () => void;
  /** Asks for the credentials again (after a failure). */
  reload: () => void;
  /** Why it cannot run yet, or undefined. */
  problem: () => string | undefined;
  /** The request's login part. */
  request: () => ReturnType<typeof runAsRequest>;
}

/**
 * The Run as chooser's state for the device `deviceId` (null: none chosen): its credentials, asked
 * for when the device is chosen, and the choice, which follows the device (its first usable
 * credential) until the user picks one.
 */
export function useRunAs(deviceId: number | null): RunAs {
  const loginOptions = useTemplatesStore((s) => s.loginOptions);
  const [logins, setLogins] = useState<Logins>({ state: 'idle' });
  const [attempt, setAttempt] = useState(0);
  const [credentialId, setCredentialId] = useState('');
  const [elsewhere, setElsewhere] = useState(false);
  /** Whether the user chose Run as; until then it follows the device (its own credential). */
  const [chosen, setChosen] = useState(false);

  useEffect(() => {
    if (deviceId === null) {
      setLogins({ state: 'idle' });
      return;
    }
    let current = true;
    setLogins({ state: 'loading' });
    void loginOptions(deviceId).then((result) => {
      if (!current) return;
      if (!result.ok) {
        setLogins({ state: 'error', message: result.message });
        return;
      }
      setLogins({ state: 'done', deviceId, choices: result.value });
    });
    return () => {
      current = false;
    };
  }, [loginOptions, deviceId, attempt]);

  const own = useMemo(() => (logins.state === 'done' ? usableLogins(logins.choices.own) : []), [logins]);
  const others = useMemo(
    () => (logins.state === 'done' ? usableLogins(logins.choices.others) : []),
    [logins],
  );

  // Until the user chooses Run as, it follows the device: its first usable credential.
  useEffect(() => {
    if (chosen || logins.state !== 'done' || logins.deviceId !== deviceId) return;
    setCredentialId(own[0] ? String(own[0].id) : '');
  }, [chosen, logins, deviceId, own]);

  const choice = { credentialId, elsewhere };
  return {
    logins,
    own,
    others,
    credentialId,
    elsewhere,
    chosenElsewhere: isElsewhere(choice, others),
    help: runAsHelp(logins, own, others),
    choose: (id) => {
      setCredentialId(id);
      // A confirmation is for one credential: choosing another asks again.
      setElsewhere(false);
      setChosen(true);
    },
    confirmElsewhere: setElsewhere,
    followDevice: () => {
      setCredentialId('');
      setElsewhere(false);
      setChosen(false);
    },
    reload: () => setAttempt((n) => n + 1),
    problem: () => runAsProblem(choice, others),
    request: () => runAsRequest(choice, others),
  };
}
