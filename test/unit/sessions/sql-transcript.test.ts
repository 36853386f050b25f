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
    ["CREATE USER 'a'@'%' IDENTIFIED BY 'p\\'q'", "CREATE USER 'a'@'%' IDENTIFIED BY '******'"],
    ['SET PASSWORD = "abc"', 'SET PASSWORD = "******"'],
    ["select 'password' as word", "select 'password' as word"],
    // Every literal form, a comment or a parenthesis in between (review finding 10).
    ["ALTER ROLE r PASSWORD E'x\\'y'", "ALTER ROLE r PASSWORD E'******'"],
    ['ALTER ROLE r PASSWORD $$x$$', 'ALTER ROLE r PASSWORD $$******$$'],
    ['ALTER ROLE r PASSWORD $pw$x$pw$', 'ALTER ROLE r PASSWORD $pw$******$pw$'],
    ["ALTER ROLE r PASSWORD U&'x'", "ALTER ROLE r PASSWORD U&'******'"],
    ["ALTER ROLE r PASSWORD /*c*/ 'x'", "ALTER ROLE r PASSWORD /*c*/ '******'"],
    ["ALTER ROLE r PASSWORD -- c\n'x'", "ALTER ROLE r PASSWORD -- c\n'******'"],
    // PostgreSQL ends a -- comment at a carriage return: what follows it is run, and masked.
    ["ALTER ROLE r -- c\rPASSWORD 'x'", "ALTER ROLE r -- c\rPASSWORD '******'"],
    ["ALTER ROLE r PASSWORD -- c\r'x'", "ALTER ROLE r PASSWORD -- c\r'******'"],
    ["SET PASSWORD FOR a = PASSWORD('x')", "SET PASSWORD FOR a = PASSWORD('******')"],
    ["SET PASSWORD FOR 'a'@'%' = 'x'", "SET PASSWORD FOR 'a'@'%' = '******'"],
    [
      "CREATE USER 'a'@'%' IDENTIFIED WITH mysql_native_password BY 'x'",
      "CREATE USER 'a'@'%' IDENTIFIED WITH mysql_native_password BY '******'",
    ],
    [
      "ALTER USER a IDENTIFIED VIA ed25519 USING PASSWORD('x')",
      "ALTER USER a IDENTIFIED VIA ed25519 USING PASSWORD('******')",
    ],
    [
      "CREATE USER a IDENTIFIED VIA ed25519 USING 'hash'",
      "CREATE USER a IDENTIFIED VIA ed25519 USING '******'",
    ],
    ["select 'x' as y, $$ PASSWORD 'in a literal' $$", "select 'x' as y, $$ PASSWORD 'in a literal' $$"],
  ])('%s', (sql, expected) => {
    expect(maskTypedPasswords(sql)).toBe(expected);
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
