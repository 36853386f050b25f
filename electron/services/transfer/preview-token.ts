import { createHash } from 'node:crypto';
import { identityKey, type CredentialIdentity } from '../credentials/credential-index';

/** What of this installation's data a preview's clashes and choices depend on. */
export interface PreviewedData {
  readonly devices: Iterable<{ readonly id: number; readonly name: string; readonly active: boolean }>;
  readonly templates: Iterable<{
    readonly id: number;
    readonly name: string;
    readonly pluginId: string;
    readonly executionType: string;
    readonly active: boolean;
  }>;
  readonly credentials: Iterable<CredentialIdentity & { readonly id: number; readonly status: string }>;
}

/**
 * Names one bundle (its exact text) and the state of what its clashes and references resolve
 * against (names, identities, what the rules read), so that an import whose choices were made on
 * another state is refused as stale rather than applied to data the administrator did not see.
 * Not a secret and not a signature: the passphrase is not in it, and the core recomputes it.
 */
export function previewToken(content: string, data: PreviewedData): string {
  const hash = createHash('sha256');
  hash.update(createHash('sha256').update(content).digest('hex'));
  for (const d of data.devices) hash.update(`\u0001d${d.id}\u0000${d.name}\u0000${d.active}`);
  for (const t of data.templates) {
    hash.update(`\u0001t${t.id}\u0000${t.pluginId}\u0000${t.name}\u0000${t.executionType}\u0000${t.active}`);
  }
  for (const c of data.credentials) hash.update(`\u0001c${c.id}\u0000${identityKey(c)}\u0000${c.status}`);
  return hash.digest('hex');
}
