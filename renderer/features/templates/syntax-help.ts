/**
 * FALLBACK ONLY: the Syntax help tab shows the core's own help (`plugins.list`'s `help`) and uses
 * these summaries only when that is empty (the list not loaded, or a plugin without help).
 *
 * The template language of each plugin, as shown in the editor's Syntax help tab. Kept as data in
 * one file so the texts can be reviewed (and corrected) in one place. They summarise the plugins'
 * own rules (electron/plugins/<plugin>/syntax*.ts), which the renderer cannot import: keep the
 * two in step.
 */
import type { PluginId } from '../../../shared/domain/plugin';

export interface SyntaxEntry {
  readonly syntax: string;
  readonly meaning: string;
}

export interface SyntaxHelp {
  readonly summary: string;
  readonly entries: readonly SyntaxEntry[];
  readonly notes: readonly string[];
  readonly example: string;
}

const sqlNotes = (quotes: string, bare: string): readonly string[] => [
  `A ";" inside ${quotes} or a comment does not end a statement.`,
  `Tags inside quotes are written as literal text (quotes doubled); bare tags (CREATE ROLE [#USERNAME#]) must be a plain name (${bare}) and are quoted as an identifier; tags in comments are refused.`,
  'Values that are empty, contain NUL or are not valid Unicode are refused, never pasted as they are.',
];

export const syntaxHelp: Readonly<Record<PluginId, SyntaxHelp>> = {
  ssh: {
    summary:
      'A conversation with an interactive shell (a PTY), one command a line. A failed expect or a matched no-expect fails the run.',
    entries: [
      {
        syntax: 'set-connect-timeout S',
        meaning: 'Seconds to connect and log in (before the first command; default 10).',
      },
      { syntax: 'set-read-timeout S', meaning: 'Seconds each expect waits, from here on (default 5).' },
      { syntax: 'exec "text"', meaning: 'Type the text and Enter.' },
      { syntax: 'write "text"', meaning: 'Type the text without Enter.' },
      {
        syntax: 'expect "pattern"',
        meaning: 'Wait until the output matches, else fail; * is any text within a line.',
      },
      { syntax: 'expect-regex "/re/i"', meaning: 'The same with a regular expression (flags i m s u).' },
      { syntax: 'no-expect "pattern"', meaning: "Fail if the previous command's output matches." },
      { syntax: 'sleep S', meaning: 'Wait S seconds.' },
      { syntax: 'end', meaning: 'Stop here.' },
      { syntax: '# comment', meaning: 'Ignored, as are blank lines.' },
    ],
    notes: [
      'Strings are in double quotes; \\" is a quote, \\\\ a backslash.',
      'Patterns match the output since the last exec or write, line by line, without colours or the echo of what you typed. A pattern ending in $ # % or > waits for the shell prompt.',
      'exec "[#NEW_PASSWORD#]" types the value as it is. Inside a command a value is inserted as it is when it fits its kind (USERNAME, dates…), otherwise single-quoted.',
      'A single-quoted value (ADD_INFO, passwords) may only be a plain word, or follow a letter, digit, closing quote or one of _ . / : @ % + , = -; refused inside your own quotes, after \\ or $, in a word with * ? [ ] or {,}, in NAME=… before a command, and in a command that runs its arguments or its piped input as code (sh, su, ssh, eval, sudo -s, python, sed, awk, find, xargs, script, flock, sg, tmux, screen, $SHELL…, also quoted or behind sudo/env/command/timeout).',
      'No tag at all after \\ or $, in $((…)), ((…)), let, [[ … ]], ${…}, an array subscript, or a command that evaluates variable names (declare, export, local, read, unset, printf -v, [ -v).',
      'Secrets are shown as ****** in every log.',
    ],
    example: [
      'set-read-timeout 5',
      'expect-regex "/[$#>] ?$/"',
      'exec "useradd -m [#USERNAME#]"',
      'expect-regex "/[$#>] ?$/"',
      'exec "passwd [#USERNAME#]"',
      'expect "*password:"',
      'exec "[#NEW_PASSWORD#]"',
      'expect "*password:"',
      'exec "[#NEW_PASSWORD#]"',
      'expect "*updated successfully*"',
      'exec "exit"',
      'end',
    ].join('\n'),
  },
  postgresql: {
    summary:
      'SQL statements separated by ";", run in order on one connection to the credential\'s database (postgres when none). The first error stops the run.',
    entries: [
      { syntax: 'statement;', meaning: 'One SQL statement.' },
      { syntax: '-- comment', meaning: 'Ignored.' },
    ],
    notes: sqlNotes("'…', E'…', \"…\", $tag$…$tag$", 'letters, digits, _; at most 63'),
    example: "CREATE ROLE [#USERNAME#] LOGIN PASSWORD '[#NEW_PASSWORD#]' VALID UNTIL '[#EXPIRATION#]';",
  },
  mysql: {
    summary:
      'SQL statements separated by ";", run in order on one connection (to the credential\'s database, if any). The first error stops the run. No DELIMITER and no BEGIN…END blocks.',
    entries: [
      { syntax: 'statement;', meaning: 'One SQL statement.' },
      { syntax: '-- comment', meaning: 'Ignored.' },
    ],
    notes: sqlNotes('\'…\', "…", `…`', 'letters, digits, _; at most 64'),
    example: "CREATE USER '[#USERNAME#]'@'%' IDENTIFIED BY '[#NEW_PASSWORD#]';",
  },
  ldap: {
    summary:
      'Directory commands, one a line, run in order on one connection; the first error stops the run. The plugin first binds as the authentication credential (its user name is the bind DN), unless the template starts with bind.',
    entries: [
      {
        syntax: 'bind "dn" ["password"]',
        meaning: "Bind as dn, with the credential's password unless one is given.",
      },
      {
        syntax: 'find "baseDN" "(filter)"',
        meaning:
          'Search the subtree; fails when nothing matches. The match is the entry the next mod-* lines change.',
      },
      {
        syntax: 'add "dn"',
        meaning: 'Add an entry; attribute lines "name: value" follow until a blank line or the next command.',
      },
      { syntax: 'modify "dn"', meaning: 'Select the entry the next mod-* lines change.' },
      { syntax: 'mod-add attribute value', meaning: 'Add a value (the rest of the line).' },
      { syntax: 'mod-del attribute [value]', meaning: 'Remove a value, or the whole attribute without one.' },
      {
        syntax: 'mod-replace attribute [value]',
        meaning: 'Replace every value, or remove the attribute without one.',
      },
      { syntax: 'delete "dn"', meaning: 'Delete an entry.' },
      { syntax: '# comment', meaning: 'Ignored.' },
    ],
    notes: [
      'Tags in a DN value are escaped per RFC 4514, in a filter value per RFC 4515; in attribute values they are written as they are, and line breaks are refused.',
      "For LDAP the credential's domain ([#DOMAIN#]) holds the base DN.",
    ],
    example: [
      'add "uid=[#USERNAME#],ou=people,[#DOMAIN#]"',
      'objectClass: inetOrgPerson',
      'uid: [#USERNAME#]',
      'cn: [#USERNAME#]',
      'sn: [#USERNAME#]',
      'userPassword: [#NEW_PASSWORD#]',
    ].join('\n'),
  },
  winrm: {
    summary: 'PowerShell run over WinRM. This plugin is not available in this build.',
    entries: [],
    notes: [],
    example: '',
  },
  mssql: {
    summary: 'T-SQL statements. This plugin is not available in this build.',
    entries: [],
    notes: [],
    example: '',
  },
  oracle: {
    summary: 'SQL and PL/SQL statements. This plugin is not available in this build.',
    entries: [],
    notes: [],
    example: '',
  },
};
