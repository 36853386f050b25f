import type { MethodOutput } from '../../../shared/contract';

type Applied = Extract<MethodOutput<'transfer.import'>, { applied: true }>;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Past this many, credentials whose key was left out are counted, not named. */
const maxNamed = 10;

/**
 * What an applied import says: the records, the secrets stored in the vault, and (apart, as a
 * warning) the credentials whose SSH key an export without secrets left out, to add by hand.
 */
export function importSummary(outcome: Applied): { done: string; keysLeftOut: string | null } {
  const secrets =
    outcome.passwords === 0 && outcome.keys === 0
      ? ''
      : ` ${plural(outcome.passwords, 'password', 'passwords')} and ${plural(outcome.keys, 'SSH key', 'SSH keys')} stored in the vault.`;
  const done = `Imported ${plural(outcome.devices, 'device', 'devices')}, ${plural(outcome.templates, 'template', 'templates')} and ${plural(outcome.credentials, 'credential', 'credentials')}.${secrets}`;
  const { keysLeftOut } = outcome;
  if (keysLeftOut.length === 0) return { done, keysLeftOut: null };
  const named = keysLeftOut.slice(0, maxNamed).join(', ');
  const more = keysLeftOut.length > maxNamed ? ` and ${keysLeftOut.length - maxNamed} more` : '';
  const one = keysLeftOut.length === 1;
  return {
    done,
    keysLeftOut: `The SSH key${one ? '' : 's'} of ${named}${more} ${one ? 'was' : 'were'} not in the bundle (exported without passwords and SSH keys): add ${one ? 'it' : 'them'} by hand in the credential form.`,
  };
}
