import type { MethodOutput } from '../../../shared/contract';

type Applied = Extract<MethodOutput<'transfer.import'>, { applied: true }>;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Past this many, credentials whose key was left out (or secret fields) are counted, not named. */
const maxNamed = 10;

const namedList = (items: readonly string[]): string => {
  const named = items.slice(0, maxNamed).join(', ');
  return items.length > maxNamed ? `${named} and ${items.length - maxNamed} more` : named;
};

/**
 * What an applied import says: the records, the secrets stored in the vault, and (apart, as
 * warnings) the credentials whose SSH key, and the secret custom fields whose value, an export
 * without secrets left out, to add by hand.
 */
export function importSummary(outcome: Applied): {
  done: string;
  keysLeftOut: string | null;
  secretFieldsLeftOut: string | null;
} {
  const stored = [
    plural(outcome.passwords, 'password', 'passwords'),
    plural(outcome.keys, 'SSH key', 'SSH keys'),
    ...(outcome.secretFields === 0
      ? []
      : [plural(outcome.secretFields, 'secret custom field', 'secret custom fields')]),
  ];
  const secrets =
    outcome.passwords === 0 && outcome.keys === 0 && outcome.secretFields === 0
      ? ''
      : ` ${stored.slice(0, -1).join(', ')} and ${stored.at(-1) ?? ''} stored in the vault.`;
  const done = `Imported ${plural(outcome.devices, 'device', 'devices')}, ${plural(outcome.templates, 'template', 'templates')} and ${plural(outcome.credentials, 'credential', 'credentials')}.${secrets}`;
  const { keysLeftOut, secretFieldsLeftOut } = outcome;
  const oneKey = keysLeftOut.length === 1;
  const oneField = secretFieldsLeftOut.length === 1;
  return {
    done,
    keysLeftOut:
      keysLeftOut.length === 0
        ? null
        : `The SSH key${oneKey ? '' : 's'} of ${namedList(keysLeftOut)} ${oneKey ? 'was' : 'were'} not in the bundle (exported without passwords and SSH keys): add ${oneKey ? 'it' : 'them'} by hand in the credential form.`,
    secretFieldsLeftOut:
      secretFieldsLeftOut.length === 0
        ? null
        : `The secret custom field${oneField ? '' : 's'} ${namedList(secretFieldsLeftOut)} ${oneField ? 'was' : 'were'} not in the bundle (exported without passwords and SSH keys): ${oneField ? 'it was' : 'they were'} imported empty; set ${oneField ? 'it' : 'them'} by hand in the device or credential form.`,
  };
}
