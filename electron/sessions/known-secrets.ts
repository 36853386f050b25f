import type { Session } from '../../shared/domain/session';
import { planSession, type PlanSources } from '../lifecycle/session-plan';
import { runSecrets } from '../plugins/tag-engine';
import { vaultRef } from '../services/credentials/credential-service';

/**
 * The secrets a JIT session's terminal may show besides its own login's: the credential's stored
 * password (an Enable/Disable template may set it) and the authentication login's password and
 * key (a `sudo` prompt answered by hand, a script that prints them). Masked out of the transcript
 * with the login's. A session whose settings cannot be read any more gives the stored password
 * only; a plain session's login is the credential's own, already masked.
 */
export function knownSessionSecrets(sources: PlanSources, session: Session): string[] {
  const ref = vaultRef(session.credentialId);
  const stored = sources.vault.has(ref) ? [sources.vault.get(ref)] : [];
  if (session.kind === 'plain') return stored;
  try {
    const plan = planSession(sources, session);
    return [...stored, ...runSecrets({}, plan.login.login)];
  } catch {
    return stored;
  }
}
