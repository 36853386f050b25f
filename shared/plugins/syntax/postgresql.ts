/** The PostgreSQL plugin's template language (electron/plugins/postgresql/, tag-engine/sql/). */
import type { SyntaxHelp } from '../syntax-help';

export const postgresqlSyntaxHelp: SyntaxHelp = {
  pluginId: 'postgresql',
  summary: [
    'SQL statements separated by ";", run in order on one connection to the credential\'s database (postgres when none). The first error stops the run.',
    'A ";" inside \'…\', E\'…\', "…", $tag$…$tag$ or a comment does not end a statement.',
  ],
  commands: [],
  notes: [],
  sections: [
    {
      title: 'Tags',
      rules: [
        "inside '…': written as the literal text ('' for a quote);",
        'inside "…": written as the exact name ("" for a quote); empty or over 63 bytes is refused;',
        'bare (e.g. CREATE ROLE [#USERNAME#]): the value must be a plain name (letters, digits, _; at most 63) and is written as "name", case kept;',
        "inside comments, E'…', U&'…', B'…'/X'…' or dollar-quoted text: refused.",
        'Values that are empty, contain NUL or are not valid Unicode are refused.',
      ],
    },
  ],
  example: "CREATE ROLE [#USERNAME#] LOGIN PASSWORD '[#NEW_PASSWORD#]' VALID UNTIL '[#EXPIRATION#]';",
};
