/**
 * Template tags, written `[#NAME#]`, replaced when a template runs. The list is closed: an unknown
 * tag is an error in the editor and at run time, never an empty string.
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

export const tagNames: ReadonlySet<string> = new Set(templateTags.map((t) => t.name));

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

/** Every unknown or malformed tag in a template, with its 1-based line and column. */
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
      } else if (!tagNames.has(name)) {
        problems.push({ line: index + 1, column, text, message: `Unknown tag ${text}` });
      }
    }
  });
  return problems;
}

/** The distinct known tags a template uses. */
export function usedTags(content: string): string[] {
  return [...new Set([...content.matchAll(tagPattern)].map((m) => m[1] ?? ''))].filter((n) =>
    tagNames.has(n),
  );
}
