/**
 * Masks passwords typed into SQL (for the console's transcript), for PostgreSQL and MySQL/MariaDB
 * alike. In a text that names a password, or that may build a statement as it runs (`riskyWords`),
 * everything from its first quote character (' " ` $) or from the end of the first such word,
 * whichever comes first, is masked. A password is a literal, or an expression after PASSWORD,
 * IDENTIFIED BY or crypt(, so nothing of it comes before either point.
 *
 * Not an exact reading of which literal is the password: where a literal starts and ends depends
 * on the server, its settings (backslashes, ANSI_QUOTES), and comments each server reads its own
 * way (nested, `#`, versioned /*!NNNNN, `--` before which bytes), and two reviews each found texts
 * that a reading of every literal under four dialects still got wrong. A statement naming none of
 * those words is kept whole: a password assembled from pieces by code of the user's own (a function
 * that concatenates 'IDEN' and 'TIFIED') is not recognised.
 */

/**
 * Words that mask the rest of the text, in any case, anywhere (inside a literal too, so a split
 * 'PASS' || 'WORD' is caught): PASSWORD and passwd, MASTER_PASSWORD, a connection string's
 * password=, IDENTIFIED, crypt() and the encrypt functions, secrets; EXECUTE and PREPARE, the
 * dynamic SQL of both servers (a DO block builds a statement only through EXECUTE, so a block
 * without these words is kept whole: RAISE NOTICE and all).
 */
const riskyWords = /pass|identif|crypt|secret|execute|prepare/i;

/** What may open a literal on either server: quotes, backquotes, PostgreSQL's dollar quotes. */
const literalStart = /['"`$]/;

/** The rest of a word the match ends inside (PASS of PASSWORD), and the whitespace after it. */
const restOfWord = /[A-Za-z0-9_]*\s*/y;

const mask = '******';

export function maskTypedPasswords(sql: string): string {
  const word = riskyWords.exec(sql);
  if (word === null) return sql;
  restOfWord.lastIndex = word.index + word[0].length;
  const afterWord = restOfWord.lastIndex + (restOfWord.exec(sql)?.[0].length ?? 0);
  const quote = sql.search(literalStart);
  const from = quote >= 0 ? Math.min(quote, afterWord) : afterWord;
  return from < sql.length ? sql.slice(0, from) + mask : sql;
}
