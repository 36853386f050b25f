/** The MySQL/MariaDB plugin's template language (electron/plugins/mysql/, tag-engine/sql/). */
import type { SyntaxHelp } from '../syntax-help';

export const mysqlSyntaxHelp: SyntaxHelp = {
  pluginId: 'mysql',
  summary: [
    'SQL statements separated by ";", run in order on one connection (to the credential\'s database, if any). The first error stops the run.',
    'No DELIMITER and no BEGIN…END blocks: a ";" ends a statement unless it is inside \'…\', "…", `…` or a comment.',
  ],
  commands: [],
  notes: [],
  sections: [
    {
      title: 'Tags',
      rules: [
        'inside \'…\' or "…": written as the literal text (quote doubled, backslash escaped unless the session has NO_BACKSLASH_ESCAPES);',
        "in an account name ('[#USERNAME#]'@'%'): also refused if it ends with a space (MySQL drops it: another account);",
        'inside `…`: written as the exact name; empty or over 64 characters is refused;',
        'bare: the value must be a plain name (letters, digits, _; at most 64) and is written as `name`;',
        "inside comments (also executable ones) and X'…'/B'…' literals: refused.",
        'Values that are empty, contain NUL or are not valid Unicode are refused.',
      ],
    },
  ],
  example: "CREATE USER '[#USERNAME#]'@'%' IDENTIFIED BY '[#NEW_PASSWORD#]';",
};
