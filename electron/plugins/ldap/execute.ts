import { Attribute, Change, type Client } from 'ldapts';
import type { ConnectionLogin } from '../plugin-runtime';
import type { LdapOperation, LdapValue } from './operations';

/** A step that failed on our side of the protocol: a find with no match, a mod-* with no entry. */
export class StepFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StepFailed';
  }
}

/** A bind with a DN and an empty password is an anonymous bind that "succeeds": never send one. */
export function bindPassword(password: string | null | undefined): string {
  if (password === null || password === undefined || password === '') {
    throw new StepFailed('no password to bind with (an empty password would be an anonymous bind)');
  }
  return password;
}

/** The entries mod-* lines change (the last add, modify, or find's matches), and the run's options. */
export interface Selection {
  entries: string[];
  /**
   * LDAP_OPT_REFERRALS. Referrals are never followed (ldapts does not, and following one would
   * bind elsewhere); on, a find answered only by referrals fails naming them, where off it
   * "matched no entry".
   */
  referrals?: boolean;
}

/** Runs one operation; resolves to its output for the step log. */
export async function executeLdap(
  client: Client,
  operation: LdapOperation,
  selection: Selection,
  login: ConnectionLogin,
): Promise<string> {
  switch (operation.kind) {
    case 'set-option':
      if (operation.option.name === 'LDAP_OPT_REFERRALS') selection.referrals = operation.option.value;
      // LDAP_OPT_PROTOCOL_VERSION 3: what ldapts speaks anyway.
      return operation.display;
    case 'bind':
      await client.bind(operation.dn, bindPassword(operation.password ?? login.password));
      return `bound as ${operation.dn}`;
    case 'find': {
      const { searchEntries, searchReferences } = await client.search(operation.base, {
        scope: 'sub',
        filter: operation.filter,
        attributes: ['1.1'],
      });
      const dns = searchEntries.map((entry) => entry.dn);
      if (dns.length === 0 && selection.referrals === true && searchReferences.length > 0) {
        throw new StepFailed(
          `find matched no entry here; the server refers to ${searchReferences.join(', ')}, and referrals are not followed`,
        );
      }
      if (dns.length === 0) throw new StepFailed('find matched no entry');
      selection.entries = dns;
      return dns.join('\n');
    }
    case 'add':
      await client.add(
        operation.dn,
        operation.attributes.map(({ type, values }) => new Attribute({ type, values: sendable(values) })),
      );
      selection.entries = [operation.dn];
      return `added ${operation.dn}`;
    case 'modify':
      selection.entries = [operation.dn];
      return `selected ${operation.dn}`;
    case 'change': {
      const [dn, ...others] = selection.entries;
      if (dn === undefined || others.length > 0) {
        throw new StepFailed(
          `needs exactly one entry, and the last find matched ${selection.entries.length}: narrow its filter`,
        );
      }
      const modification = new Attribute({ type: operation.attribute, values: sendable(operation.values) });
      await client.modify(dn, new Change({ operation: operation.operation, modification }));
      return `modified ${dn}`;
    }
    case 'delete':
      await client.del(operation.dn);
      selection.entries = selection.entries.filter((dn) => dn !== operation.dn);
      return `deleted ${operation.dn}`;
  }
}

/** ldapts takes an attribute's values all as text or all as bytes: text joins bytes as UTF-8. */
function sendable(values: readonly LdapValue[]): string[] | Buffer[] {
  const texts = values.filter((v): v is string => typeof v === 'string');
  if (texts.length === values.length) return texts;
  return values.map((v) => (typeof v === 'string' ? Buffer.from(v, 'utf8') : v));
}
