import type { TagValues } from '../plugin-runtime';
import { LineIndex } from './positions';
import { Refusal } from './refusal';
import { locateTags, tagText } from './tags';
import { tagValue } from './values';
import { mysqlNativePasswordHash, scramSha256Verifier, sshaUserPassword } from './password-hashes';

// Tags whose value the core computes from [#NEW_PASSWORD#] when a run starts, so a template can
// hand the target a hash instead of the password (docs/security.md). Computed here, at the start
// of the plugin's run, rather than by each caller that builds tag values (the lifecycle, the
// password change, Test on a device, the template CLI): every caller gets them, and a random salt
// is drawn once per run, so every occurrence in a template has the same value. Only the tags a
// template uses are computed (4096 PBKDF2 rounds are not free). They are secret tags: a hash
// allows offline guessing (plugin-runtime.ts secretTagNames).

interface DerivedTag {
  readonly from: string;
  readonly compute: (password: string) => string | Promise<string>;
  /** Why the value cannot be computed from this password, or null when it can. */
  readonly refuse?: (password: string) => string | null;
}

// PostgreSQL normalises a non-ASCII password with SASLprep (NFKC and more) before hashing; a
// verifier of the raw bytes would not match what clients send. ASCII is unchanged by SASLprep.
// eslint-disable-next-line no-control-regex
const nonAscii = /[^\u0000-\u007f]/;

export const derivedTags: Readonly<Record<string, DerivedTag>> = {
  NEW_PASSWORD_SCRAM: {
    from: 'NEW_PASSWORD',
    compute: (password) => scramSha256Verifier(password),
    refuse: (password) =>
      nonAscii.test(password)
        ? 'needs an ASCII password (PostgreSQL would SASLprep-normalise any other first): use [#NEW_PASSWORD#]'
        : null,
  },
  NEW_PASSWORD_MYSQL: { from: 'NEW_PASSWORD', compute: mysqlNativePasswordHash },
  NEW_PASSWORD_SSHA: { from: 'NEW_PASSWORD', compute: (password) => sshaUserPassword(password) },
};

export interface DerivedTagValues {
  /** The given values plus the derived tags the template uses (those given are replaced). */
  readonly tags: TagValues;
  /** Set when a derived tag cannot be computed from its source: the run must not start. */
  readonly refusal: Refusal | null;
}

/**
 * The tag values of a run with the derived tags `template` uses. A derived tag whose source has
 * no value keeps the value given for it, if any (so the value check reports it as missing).
 */
export async function withDerivedTags(template: string, given: TagValues): Promise<DerivedTagValues> {
  const tags: Record<string, string> = { ...given };
  const used = locateTags(template).filter((t) => Object.hasOwn(derivedTags, t.name));
  const lines = new LineIndex(template);
  const computed = new Set<string>();
  for (const occurrence of used) {
    const derived = derivedTags[occurrence.name];
    const source = derived === undefined ? undefined : given[derived.from];
    if (derived === undefined || source === undefined || source === '') continue;
    if (computed.has(occurrence.name)) continue;
    const at = lines.position(occurrence.start);
    try {
      // The source's own rules first (no NUL, valid Unicode): a hash of a value the target could
      // not be given as a password must not make it one.
      tagValue(given, { name: derived.from, start: occurrence.start, end: occurrence.end }, at);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      return { tags: given, refusal: error };
    }
    const reason = derived.refuse?.(source) ?? null;
    if (reason !== null) {
      return {
        tags: given,
        refusal: new Refusal(`${tagText(occurrence.name)} ${reason}`, at.line, at.column),
      };
    }
    tags[occurrence.name] = await derived.compute(source);
    computed.add(occurrence.name);
  }
  return { tags, refusal: null };
}
