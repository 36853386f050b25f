/**
 * Template tags, written `[#NAME#]`, replaced when a template runs. The built-in tags below are
 * filled by the core; any other well-formed name (see `userTagNamePattern`) is a user-defined tag,
 * filled from the custom fields of the credential, then of its device (the credential's wins), or
 * from `--tag` on the template command line. A tag without a value is an error before anything is
 * sent, never an empty string.
 */
export interface TagInfo {
  readonly name: string;
  readonly description: string;
  /** Secret values are masked in every log and never shown. */
  readonly secret: boolean;
}

export const templateTags: readonly TagInfo[] = [
  {
    name: 'USERNAME',
    description: 'The target account (for creation: the generated ephemeral name)',
    secret: false,
  },
  { name: 'NEW_PASSWORD', description: 'The password to set', secret: true },
  // Hashes of NEW_PASSWORD computed by the core for each run, so a target's statement log does not
  // hold the password itself. Secret: a hash allows offline guessing.
  {
    name: 'NEW_PASSWORD_SCRAM',
    description:
      "PostgreSQL: the password to set as a SCRAM-SHA-256 verifier (random salt), for CREATE/ALTER ROLE … PASSWORD '…'",
    secret: true,
  },
  {
    name: 'NEW_PASSWORD_MYSQL',
    description:
      "MySQL/MariaDB: the password to set as a mysql_native_password hash (*HEX), for IDENTIFIED BY PASSWORD '…'",
    secret: true,
  },
  {
    name: 'NEW_PASSWORD_SSHA',
    description: 'LDAP: the password to set as a salted SHA-1 userPassword ({SSHA}…)',
    secret: true,
  },
  { name: 'CURRENT_PASSWORD', description: "The account's current password", secret: true },
  { name: 'AUTH_USER', description: 'User name of the credential that runs the template', secret: false },
  { name: 'AUTH_PASSWORD', description: 'Password of the credential that runs the template', secret: true },
  { name: 'AUTH_DOMAIN', description: 'Domain of the credential that runs the template', secret: false },
  {
    name: 'ADD_INFO',
    description: "The credential's additional information (for databases: the database)",
    secret: false,
  },
  { name: 'IP', description: "The device's address", secret: false },
  { name: 'HOSTNAME', description: "The device's name", secret: false },
  { name: 'DOMAIN', description: "The credential's domain", secret: false },
  {
    name: 'EXPIRATION',
    description: 'When the session ends (ISO 8601, UTC), for target-side expiry',
    secret: false,
  },
  {
    name: 'EXPIRATION_DATE',
    description: 'The day after the session ends (YYYY-MM-DD), for useradd -e',
    secret: false,
  },
  { name: 'SESSION_ID', description: 'The session this run belongs to', secret: false },
  { name: 'REQUESTER', description: 'Who asked for the session', secret: false },
];

/** The built-in tags' names. */
export const tagNames: ReadonlySet<string> = new Set(templateTags.map((t) => t.name));

export const maxTagNameLength = 64;

/** A user-defined tag's name: upper-case letters, digits and `_`, 1 to 64 characters. */
export const userTagNamePattern = /^[A-Z0-9_]{1,64}$/;

/** A name a user-defined tag (a custom field) may have: the name rule, and not a built-in tag's. */
export const isUserTagName = (name: string): boolean => userTagNamePattern.test(name) && !tagNames.has(name);

/** `[#NAME#]` with NAME of upper-case letters, digits and underscores. */
export const tagPattern = /\[#([A-Z0-9_]+)#\]/g;

/** Something that looks like a tag but is malformed: lower case, spaces, unclosed. */
const looseTagPattern = /\[#([^\]\n]*?)#?\]/g;

export interface TagProblem {
  readonly line: number;
  readonly column: number;
  readonly text: string;
  readonly message: string;
}

/**
 * Every malformed tag in a template (lower case, spaces, unclosed, a name longer than 64), with its
 * 1-based line and column. A well-formed name that is not built in is a user-defined tag: fine here,
 * its value is checked when the template runs.
 */
export function findTagProblems(content: string): TagProblem[] {
  const problems: TagProblem[] = [];
  const lines = content.split('\n');
  lines.forEach((lineText, index) => {
    for (const match of lineText.matchAll(looseTagPattern)) {
      const text = match[0];
      const name = /^\[#([A-Z0-9_]+)#\]$/.exec(text)?.[1];
      const column = match.index + 1;
      if (name === undefined) {
        problems.push({
          line: index + 1,
          column,
          text,
          message: `Malformed tag ${text}: write [#NAME#] in upper case`,
        });
      } else if (name.length > maxTagNameLength) {
        problems.push({
          line: index + 1,
          column,
          text,
          message: `Unknown tag ${text}: a tag name has at most ${maxTagNameLength} characters`,
        });
      }
    }
  });
  return problems;
}

const distinctTags = (content: string): string[] => [
  ...new Set([...content.matchAll(new RegExp(tagPattern.source, 'g'))].map((m) => m[1] ?? '')),
];

/** The distinct built-in tags a template uses. */
export function usedTags(content: string): string[] {
  return distinctTags(content).filter((n) => tagNames.has(n));
}

/** The distinct user-defined tags a template uses, in order of first use. */
export function usedUserTags(content: string): string[] {
  return distinctTags(content).filter(isUserTagName);
}
