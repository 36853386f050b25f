/**
 * Run as: which login runs a template on a device. The device's own credentials come first, then
 * some of other devices' (a directory or jump-host admin); a credential of another device needs an
 * explicit confirmation, which the core audits. The rules as pure functions; use-run-as.ts holds
 * the state, for the Test on a device dialog and (later) the session launcher.
 */
import type { LoginChoices, LoginOption } from '../../stores/templates-store';

/** The credentials that can run on the chosen device, as far as they have been asked for. */
export type Logins =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'done'; deviceId: number; choices: LoginChoices };

/** What the user chose: a credential id ('' for none) and whether "Use on another device" is ticked. */
export interface RunAsChoice {
  credentialId: string;
  elsewhere: boolean;
}

/** The chosen credential belongs to another device: it needs the explicit confirmation. */
export const isElsewhere = (choice: RunAsChoice, others: readonly LoginOption[]): boolean =>
  choice.credentialId !== '' && others.some((l) => String(l.id) === choice.credentialId);

/** Why the choice cannot run yet, or undefined when it can. */
export function runAsProblem(choice: RunAsChoice, others: readonly LoginOption[]): string | undefined {
  if (choice.credentialId === '') return 'Choose the credential that runs the template';
  if (isElsewhere(choice, others) && !choice.elsewhere)
    return 'A credential of another device: confirm "Use on another device" to log in with it';
  return undefined;
}

/** The request's part naming the login (valid choices only: see runAsProblem). */
export function runAsRequest(
  choice: RunAsChoice,
  others: readonly LoginOption[],
): { login: { credentialId: number }; useOnAnotherDevice?: true } {
  return {
    login: { credentialId: Number(choice.credentialId) },
    ...(isElsewhere(choice, others) && choice.elsewhere ? { useOnAnotherDevice: true } : {}),
  };
}

/** The Run as field's help: why it is empty, or what it offers. */
export function runAsHelp(
  logins: Logins,
  own: readonly LoginOption[],
  others: readonly LoginOption[],
): string {
  if (logins.state === 'error') return `Could not load the credentials: ${logins.message}`;
  if (logins.state === 'idle') return 'Choose the device first: its credentials are offered';
  if (logins.state === 'done' && own.length === 0 && others.length === 0)
    return 'No active credential with a password: add one under PAM Core > Credentials';
  if (logins.state === 'done' && logins.choices.othersMore > 0)
    return `An active credential with a password connects and runs the template; ${logins.choices.othersMore} more of other devices are not listed`;
  return 'An active credential with a password (the device’s own first); it connects and runs the template';
}

/** The empty option's text: what the field is waiting for. */
export const runAsPlaceholder = (logins: Logins): string =>
  logins.state === 'loading'
    ? 'Loading…'
    : logins.state === 'idle'
      ? 'Choose a device first'
      : 'Choose a credential';
