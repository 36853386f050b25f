import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Masker } from '../../../electron/plugins/tag-engine';
import { maskTypedPasswords } from '../../../electron/sessions/sql-secrets';
import { SqlTranscripts } from '../../../electron/sessions/sql-transcript';
import { makeTempDir } from '../../support/temp-dir';

const dirs: { remove: () => void }[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.remove();
});

describe('maskTypedPasswords', () => {
  it.each([
    ["ALTER ROLE bob PASSWORD 'Secret-1'", "ALTER ROLE bob PASSWORD '******'"],
    ["create user x with password 'it''s'", "create user x with password '******'"],
    // A text that names a password has every literal masked, a quoted user or host too.
    ["CREATE USER 'a'@'%' IDENTIFIED BY 'p\\'q'", "CREATE USER '******'@'******' IDENTIFIED BY '******'"],
    ['SET PASSWORD = "abc"', 'SET PASSWORD = "******"'],
    ["select 'password' as word", "select '******' as word"],
    ["select 'plain', $$ text $$ as word", "select 'plain', $$ text $$ as word"],
    // Every literal form, a comment or a parenthesis in between (review finding 10).
    ["ALTER ROLE r PASSWORD E'x\\'y'", "ALTER ROLE r PASSWORD E'******'"],
    ['ALTER ROLE r PASSWORD $$x$$', 'ALTER ROLE r PASSWORD $$******$$'],
    ['ALTER ROLE r PASSWORD $pw$x$pw$', 'ALTER ROLE r PASSWORD $pw$******$pw$'],
    ["ALTER ROLE r PASSWORD U&'x'", "ALTER ROLE r PASSWORD U&'******'"],
    ["ALTER ROLE r PASSWORD /*c*/ 'x'", "ALTER ROLE r PASSWORD /*c*/ '******'"],
    ["ALTER ROLE r PASSWORD -- c\n'x'", "ALTER ROLE r PASSWORD -- c\n'******'"],
    ["SET PASSWORD FOR a = PASSWORD('x')", "SET PASSWORD FOR a = PASSWORD('******')"],
    ["SET PASSWORD FOR 'a'@'%' = 'x'", "SET PASSWORD FOR '******'@'******' = '******'"],
    [
      "CREATE USER a IDENTIFIED WITH mysql_native_password BY 'x'",
      "CREATE USER a IDENTIFIED WITH mysql_native_password BY '******'",
    ],
    [
      "ALTER USER a IDENTIFIED VIA ed25519 USING PASSWORD('x')",
      "ALTER USER a IDENTIFIED VIA ed25519 USING PASSWORD('******')",
    ],
    ["select 'x' as y, $$ PASSWORD 'in a literal' $$", "select '******' as y, $$******$$"],
    // PostgreSQL ends a -- comment at a carriage return, MariaDB only at a newline: each reading's
    // literals are masked (the lab's servers took 'x' and 'hunter2' as the passwords).
    ["ALTER ROLE r -- c\rPASSWORD 'x'", "ALTER ROLE r -- c\rPASSWORD '******'"],
    [
      "ALTER USER u IDENTIFIED BY -- c\r'decoy'\n'hunter2'",
      "ALTER USER u IDENTIFIED BY -- c\r'******'\n'******'",
    ],
    ["SET PASSWORD FOR u = -- c\r'decoy'\n'hunter2'", "SET PASSWORD FOR u = -- c\r'******'\n'******'"],
    // PostgreSQL: nested comments, any letter in a dollar tag, strings joined across a newline, a
    // backslash that ends a standard string.
    [
      "ALTER ROLE r PASSWORD /* /* */ 'x' */ 'hunter2'",
      "ALTER ROLE r PASSWORD /* /* */ '******' */ '******'",
    ],
    ['ALTER ROLE r PASSWORD $é$hunter2$é$', 'ALTER ROLE r PASSWORD $é$******$é$'],
    ["ALTER ROLE r PASSWORD 'hun'\n'ter2'", "ALTER ROLE r PASSWORD '******'\n'******'"],
    [
      "CREATE ROLE a PASSWORD 'x\\'; CREATE ROLE b PASSWORD 'hunter2'",
      "CREATE ROLE a PASSWORD '******'******'",
    ],
    ["ALTER ROLE r PASSWORD 'hunter2", "ALTER ROLE r PASSWORD '******"],
    // MariaDB/MySQL: # comments, executable comments, backquoted names, and clauses beyond BY.
    ["ALTER USER u IDENTIFIED BY # c\n'hunter2'", "ALTER USER u IDENTIFIED BY # c\n'******'"],
    ["ALTER USER u IDENTIFIED BY /*! 'hunter2' */", "ALTER USER u IDENTIFIED BY /*! '******' */"],
    ["ALTER USER u IDENTIFIED BY /*M! 'hunter2' */", "ALTER USER u IDENTIFIED BY /*M! '******' */"],
    ["CREATE USER `a'b` IDENTIFIED BY 'hunter2'", "CREATE USER `a'******'******'"],
    [
      "ALTER USER u IDENTIFIED BY 'new' REPLACE 'old'",
      "ALTER USER u IDENTIFIED BY '******' REPLACE '******'",
    ],
    ["CHANGE MASTER TO MASTER_PASSWORD='hunter2'", "CHANGE MASTER TO MASTER_PASSWORD='******'"],
    // Secrets in connection strings and hashing functions.
    [
      "CREATE SUBSCRIPTION s CONNECTION 'host=x password=hunter2' PUBLICATION p",
      "CREATE SUBSCRIPTION s CONNECTION '******' PUBLICATION p",
    ],
    ["SELECT crypt('hunter2', gen_salt('bf'))", "SELECT crypt('******', gen_salt('******'))"],
  ])('%s', (sql, expected) => {
    expect(maskTypedPasswords(sql)).toBe(expected);
  });

  it('stays linear on the longest statement the console takes', () => {
    // 100,000 characters of keywords, literals and comments: each was once a copy per token.
    const texts = [
      `IDENTIFIED ${'BY '.repeat(33_000)}`,
      `PASSWORD ${"'a' ".repeat(24_000)}`,
      `PASSWORD ${'-- x\r'.repeat(19_000)}`,
      `PASSWORD ${'$a$ $a$'.repeat(14_000)}`,
    ];
    for (const text of texts) expect(maskTypedPasswords(text).length).toBeLessThan(text.length * 3);
  });
});

describe('SqlTranscripts', () => {
  it('appends masked lines in order to a private file per session and reads them back', async () => {
    const dir = makeTempDir('sql-transcript-');
    dirs.push(dir);
    const transcripts = new SqlTranscripts(dir.path);
    const masker = new Masker(['Session-Pw-123']);
    const id = '0b8e0c4e-5a47-4a8f-9a55-0d8f2b1d6b6e';
    await Promise.all([
      transcripts.append(
        id,
        { at: 'a', kind: 'statement', text: "select 'Session-Pw-123'", durationMs: null },
        masker,
      ),
      transcripts.append(id, { at: 'b', kind: 'rows', text: 'SELECT 1', durationMs: 3 }, masker),
      transcripts.append(
        id,
        { at: 'c', kind: 'statement', text: "alter role r password 'typed'", durationMs: null },
        masker,
      ),
    ]);
    const entries = await transcripts.read(id);
    expect(entries.map((e) => e.text)).toEqual([
      "select '******'",
      'SELECT 1',
      "alter role r password '******'",
    ]);
    const file = join(dir.path, 'transcripts', `${id}.sql.jsonl`);
    expect(readFileSync(file, 'utf8')).not.toContain('Session-Pw-123');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await transcripts.read('11111111-2222-3333-4444-555555555555')).toEqual([]);
    await expect(transcripts.read('../../etc/passwd')).rejects.toThrow('Not a session id');
  });

  it('after a crash that tore the last line, the next append starts a new line (review finding 11)', async () => {
    const dir = makeTempDir('sql-transcript-');
    dirs.push(dir);
    const id = '0b8e0c4e-5a47-4a8f-9a55-0d8f2b1d6b6f';
    mkdirSync(join(dir.path, 'transcripts'));
    const file = join(dir.path, 'transcripts', `${id}.sql.jsonl`);
    writeFileSync(file, '{"at":"a","kind":"statement","text":"select 1","durationMs":null}\n{"at":"b","ki');
    const transcripts = new SqlTranscripts(dir.path);
    const masker = new Masker([]);
    await transcripts.append(id, { at: 'c', kind: 'statement', text: 'select 2', durationMs: null }, masker);
    await transcripts.append(id, { at: 'd', kind: 'rows', text: 'SELECT 1', durationMs: 1 }, masker);
    expect((await transcripts.read(id)).map((e) => e.at)).toEqual(['a', 'c', 'd']);
  });
});
