import { readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { TerminalTranscriptEntry } from '../../../shared/contract/terminal';
import { MASK, Masker } from '../../../electron/plugins/tag-engine';
import { hiddenInputText, TerminalRecorder } from '../../../electron/sessions/terminal-recorder';
import { TerminalTranscripts, truncatedNote } from '../../../electron/sessions/terminal-transcript';
import { bytes, id, recordedInChunks, summary, transcriptSetup as setup } from './transcript-setup';

describe('TerminalRecorder and TerminalTranscripts', () => {
  it('keeps output and typed lines in order, escapes removed when read, in a private file', async () => {
    const { transcripts, recorder, file } = setup();
    const rec = recorder();
    rec.output(bytes('\u001b[1;32mbob@host\u001b[0m:~$ '));
    rec.input(bytes('i'));
    rec.input(bytes('d\r'));
    rec.output(bytes('id\r\nuid=1001(bob) gid=1001(bob)\r\n'));
    await rec.close();
    const page = await transcripts.read(id);
    expect(summary(page.entries)).toEqual([
      'input:id',
      'output:bob@host:~$ id\nuid=1001(bob) gid=1001(bob)\n',
    ]);
    expect(page.nextOffset).toBeNull();
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('records a session whose secret holds half of a UTF-16 pair (an older store), masked as sent', async () => {
    // The masker threw on such a secret, inside ssh2's data listener: the session's transcript
    // and the host with it were lost while the account was switched on.
    const { transcripts, recorder } = setup();
    const rec = recorder(['Old\ud800Pw-99']);
    rec.output(bytes('echo Old\ud800Pw-99\r\n'));
    rec.input(bytes('ls\r'));
    await rec.close();
    const page = await transcripts.read(id);
    expect(summary(page.entries)).toEqual([`output:echo ${MASK}\n`, 'input:ls']);
  });

  it('masks every known secret, also when ssh2 split it over two chunks', async () => {
    const { transcripts, recorder, file } = setup();
    const rec = recorder(['Jit-Pw-4421x']);
    rec.output(bytes('the password is Jit-Pw'));
    rec.output(bytes('-4421x, shown once\r\n'));
    rec.input(bytes('echo Jit-Pw-4421x\r'));
    await rec.close();
    const raw = readFileSync(file, 'utf8');
    expect(raw).not.toContain('Jit-Pw');
    expect(summary((await transcripts.read(id)).entries)).toEqual([
      'output:the password is ******, shown once\n',
      'input:echo ******',
    ]);
  });

  it('commits echoes a character at a time at each line end, and a line without one in 16 KiB blocks', async () => {
    const { transcripts, recorder } = setup();
    const rec = recorder();
    // Echoes as a shell sends them while a user types: a byte per chunk, line ends inside chunks.
    for (const chunk of ['$ ', 'l', 's', '\r', '\nfile-a\r\nfile-b', '\r', '\n$ ']) rec.output(bytes(chunk));
    // A line of 20,000 x's typed and echoed one at a time, never ended.
    for (let i = 0; i < 20_000; i++) rec.output(bytes('x'));
    await rec.close();
    expect(summary((await transcripts.read(id)).entries)).toEqual([
      'output:$ ls\nfile-a\n',
      'output:file-b\n',
      `output:$ ${'x'.repeat(16 * 1024 - 1)}`,
      `output:${'x'.repeat(20_000 - (16 * 1024 - 1))}`,
    ]);
  });

  it('cuts a 16 KiB block before a secret it ends with, output or typed, so the secret is masked whole', async () => {
    const { transcripts, recorder, file } = setup();
    const rec = recorder(['Jit-Pw-4421xQz9']);
    // A screen program's output without a line end, the secret's start right at the block's size.
    rec.output(bytes(`${'y'.repeat(16_380)}Jit-Pw-`));
    rec.output(bytes('4421xQz9\r\n'));
    // The same typed (pasted) without Enter.
    rec.input(bytes(`${'z'.repeat(16_380)}Jit-Pw-`));
    rec.input(bytes('4421xQz9'));
    await rec.close();
    const raw = readFileSync(file, 'utf8');
    expect(raw).not.toContain('Jit-Pw');
    expect(raw).not.toContain('4421x');
    const entries = (await transcripts.read(id)).entries;
    const joined = (kind: string) =>
      entries
        .filter((e) => e.kind === kind)
        .map((e) => e.text)
        .join('');
    expect(joined('output')).toBe(`${'y'.repeat(16_380)}******\n`);
    expect(joined('input')).toBe(`${'z'.repeat(16_380)}******`);
    expect(entries.length).toBeGreaterThan(2);
  });

  it('waits for a safe cut past the block size: a secret form longer than a block, a secret repeated back to back', async () => {
    const { transcripts, recorder, file } = setup();
    // A stored secret of 8,200 characters: its hex form is longer than a block.
    const rec = recorder(['Pw9-XYZ123', 'k'.repeat(8200)]);
    rec.output(bytes(`${'x'.repeat(16_380)}Pw9-X`));
    rec.output(bytes('YZ123 done\r\n'));
    const again = recorder(['s3cr3ts']);
    again.output(bytes(`${'s3cr3t'.repeat(2731)}s3c`));
    again.output(bytes('r3ts-end\r\n'));
    await Promise.all([rec.close(), again.close()]);
    const raw = readFileSync(file, 'utf8');
    for (const piece of ['Pw9-X', 'YZ123', 's3cr3ts', 'r3ts-end']) expect(raw).not.toContain(piece);
    expect(summary((await transcripts.read(id)).entries)).toEqual(
      expect.arrayContaining(['output:******-end\n']) as string[],
    );
  });

  it('searches a line that has no safe cut again only every 1,024 characters, output or typed', async () => {
    const { transcripts, file } = setup();
    const masker = new Masker(['s3cr3ts']);
    const searches = vi.spyOn(masker, 'safeCut');
    const rec = new TerminalRecorder({
      masker,
      write: (entries) => transcripts.append(id, entries),
      flushMs: 5,
    });
    // 60,000 characters of one secret back to back, 60 at a time: no safe cut until 64 KiB.
    const chunk = 's3cr3t'.repeat(10);
    for (let i = 0; i < 1000; i++) rec.output(bytes(chunk));
    const outputSearches = searches.mock.calls.length;
    for (let i = 0; i < 1000; i++) rec.input(bytes(chunk));
    // A search past 16,384 characters, then one each time 1,024 more have come: output grows 60
    // at a time (41 searches, where one a chunk was 727), typed input one character at a time
    // (43, where one a character was 43,615).
    expect(outputSearches).toBe(41);
    expect(searches.mock.calls.length - outputSearches).toBe(43);
    await rec.close();
    expect(readFileSync(file, 'utf8')).not.toContain('s3cr3ts');
  });

  it('after a cut that leaves a block pending (a secret of 8,192 characters or more), searches again only 1,024 characters later', async () => {
    const { transcripts, file } = setup();
    // Its hex form is 16,400 characters: every cut keeps 16,399 pending, over a block's size.
    const long = Array.from({ length: 8200 }, (_, i) => 'QWERTYUIOPASDFGHJKLZ'[(i * 7) % 20]).join('');
    const masker = new Masker([long]);
    const searches = vi.spyOn(masker, 'safeCut');
    const rec = new TerminalRecorder({
      masker,
      write: (entries) => transcripts.append(id, entries),
      flushMs: 5,
    });
    for (let i = 0; i < 20_000; i++) rec.input(bytes('y'));
    await rec.close();
    // Before, each typed character past 16,384 was searched for and committed on its own (3,616).
    expect(searches.mock.calls.length).toBe(4);
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(4);
  });

  it('never cuts a block between the two halves of a character outside the BMP', async () => {
    const { transcripts, recorder } = setup();
    const rec = recorder(['hunter2']);
    // The cut falls 13 characters before the end (the longest form less one): inside the emoji.
    rec.output(bytes(`${'x'.repeat(16_386)}😀${'y'.repeat(12)}`));
    await rec.close();
    const texts = (await transcripts.read(id)).entries.map((e) => e.text);
    expect(texts.join('')).toBe(`${'x'.repeat(16_386)}😀${'y'.repeat(12)}`);
    // Each entry whole: no half of a pair at either end (shown on its own, it reads as U+FFFD).
    for (const text of texts) expect(text).not.toMatch(/[\ud800-\udbff]$|^[\udc00-\udfff]/);
  });

  it('cut with no safe point after 64 KiB, masks the occurrences across the cut on both sides, output or typed', async () => {
    const { transcripts, recorder } = setup();
    // Back to back, the copies share their #: no point of the line is outside an occurrence.
    const secret = '#0123456789abcdefgh#';
    const line = secret.slice(0, -1).repeat(3500);
    const rec = recorder([secret]);
    for (let at = 0; at < line.length; at += 100) rec.output(bytes(line.slice(at, at + 100)));
    rec.output(bytes('#\r\n'));
    for (const char of line) rec.input(bytes(char));
    rec.input(bytes('#\r'));
    await rec.close();
    const texts = (await transcripts.read(id)).entries.map((e) => e.text);
    // Before: "******0123456789a" then "bcdefgh******", the secret readable across the two.
    // (Read, a line's \r is gone.)
    expect(texts).toEqual([MASK, `${MASK}\n`, MASK, MASK]);
  });

  it('holds a line shorter than a secret form longer than 64 KiB, then cuts it whole, never a half character', async () => {
    const { transcripts, recorder } = setup();
    // Its hex form is 66,000 characters: no cut can keep it whole before the line is that long.
    const rec = recorder(['k'.repeat(33_000)]);
    for (let i = 0; i < 33_001; i++) rec.input(bytes('😀'));
    await rec.close();
    const texts = (await transcripts.read(id)).entries.map((e) => e.text);
    // Before: 231 empty entries, then one a character, the first emoji split in two.
    expect(texts.join('')).toBe('😀'.repeat(33_001));
    expect(texts.length).toBeLessThan(5);
    for (const text of texts) expect(text).not.toMatch(/^$|[\ud800-\udbff]$|^[\udc00-\udfff]/);
  });

  it('never keeps what is typed at a password prompt', async () => {
    const { transcripts, recorder, file } = setup();
    const rec = recorder();
    rec.output(bytes('bob@host:~$ '));
    rec.input(bytes('sudo -k true\r'));
    rec.output(bytes('sudo -k true\r\n[sudo] password for bob: '));
    for (const char of 'Typed-Secret-99') rec.input(bytes(char));
    rec.input(bytes('\r'));
    rec.output(bytes('\r\nbob@host:~$ '));
    rec.input(bytes('su - alice\r'));
    rec.output(bytes('su - alice\r\nPassword: '));
    rec.input(bytes('Other-Secret-1\rwhoami\r'));
    rec.output(bytes('\r\nalice@host:~$ '));
    await rec.close();
    expect(readFileSync(file, 'utf8')).not.toMatch(/Typed-Secret|Other-Secret/);
    expect(summary((await transcripts.read(id)).entries)).toEqual([
      'input:sudo -k true',
      'output:bob@host:~$ sudo -k true\n',
      'output:[sudo] password for bob: ',
      `hidden:${hiddenInputText}`,
      'output:\n',
      'input:su - alice',
      'output:bob@host:~$ su - alice\n',
      'output:Password: ',
      `hidden:${hiddenInputText}`,
      'input:whoami',
      'output:\n',
      'output:alice@host:~$ ',
    ]);
  });

  it('keeps what is typed after a prompt ending in > or ? that only names a folder or asks of one', async () => {
    for (const prompt of [
      '~/tokens> ',
      'PS C:\\password\\old> x> ',
      'mysql> ',
      'Delete /srv/pin? [y/N] ',
      // A folder named after a secret, as the prompt's last part: where a user stands hides nothing.
      'C:\\Users\\bob\\secret>',
      'PS C:\\work\\token> ',
      'bob@host ~/password> ',
    ]) {
      const { transcripts, recorder } = setup();
      const rec = recorder();
      rec.output(bytes(prompt));
      rec.input(bytes('whoami\r'));
      await rec.close();
      expect(summary((await transcripts.read(id)).entries), prompt).toContain('input:whoami');
    }
  });

  it('masks a secret as the terminal shows it: escapes or a wrap artefact inside it, output or typed', async () => {
    // Each of these read back as the secret whole (the reader removes escapes), stored unmasked.
    const secret = 'Jit-Pw-4421x';
    const cases: [string, 'output' | 'input', string][] = [
      ['a colour inside it', 'output', `$ Jit-Pw\u001b[31m-4421x\r\n`],
      ["readline's wrap at the margin (X CR X)", 'output', `$ Jit-Pw-4\r4421x\r\n`],
      [
        'a screen row drawn by cursor position (less, vim)',
        'output',
        `\u001b[5;1HDB=Jit-P\u001b[6;1Hw-4421x`,
      ],
      ['an autosuggestion greyed in', 'output', `$ mysql -pJ\u001b[38;5;242mit-Pw-4421x\u001b[39m`],
      ['a C1 CSI and a title', 'output', `Jit-\u009b0mPw\u001b]0;t\u0007-4421x`],
      ['arrow keys while typing it', 'input', `echo Jit-Pw-442\u001b[D\u001b[C1x\r`],
      ['a focus report while typing it', 'input', `echo Jit-Pw\u001b[O\u001b[I-4421x\r`],
    ];
    for (const [what, kind, text] of cases) {
      for (const chunk of [text.length, 3, 1]) {
        const { shown, file } = await recordedInChunks([secret], kind, text, chunk);
        expect(shown, `${what}, chunks of ${chunk}`).toContain(MASK);
        expect(shown, `${what}, chunks of ${chunk}`).not.toContain('4421');
        expect(file, what).not.toContain('4421');
      }
    }
  });

  it('keeps typed keys as keys: Alt-P or Alt-] hides none of the line after it', async () => {
    const { transcripts, recorder } = setup();
    const rec = recorder();
    rec.input(bytes('\u001bPrm -rf /tmp/x\r'));
    rec.input(bytes('\u001b]ls\u001bOA\u001b[200~pasted\u001b[201~\r'));
    await rec.close();
    expect(summary((await transcripts.read(id)).entries)).toEqual(['input:rm -rf /tmp/x', 'input:lspasted']);
  });

  it('stores output as the terminal shows it, so that it reads back the same', async () => {
    const { transcripts, recorder, file } = setup();
    const rec = recorder();
    rec.output(bytes('\u001b[01;32mbob@host\u001b[00m:~$ ls\r\na\tb\r\n'));
    await rec.close();
    expect(readFileSync(file, 'utf8')).not.toContain('\\u001b');
    expect(summary((await transcripts.read(id)).entries)).toEqual(['output:bob@host:~$ ls\na\tb\n']);
  });

  it('hides what is typed at a prompt also when a keystroke came first or a redraw came after', async () => {
    const typed = 'MyOwn-Sudo-Pw';
    const cases: [string, ['o' | 'i', string][]][] = [
      [
        'typed ahead of sudo (it reads it as the start)',
        [
          ['i', 'sudo -i\r'],
          ['i', 'M'],
          ['o', 'sudo -i\r\n[sudo] password for bob: '],
          ['i', `${typed.slice(1)}\r`],
        ],
      ],
      [
        'a focus report before the prompt',
        [
          ['i', '\u001b[I'],
          ['o', 'Password: '],
          ['i', `${typed}\r`],
        ],
      ],
      [
        "tmux's status line redrawn after it",
        [
          ['o', 'Password: '],
          ['o', '\u001b7\u001b[24;1H\u001b[42m[0] 0:bash*\u001b[m\u001b8'],
          ['i', `${typed}\r`],
        ],
      ],
      [
        'an escape cut after it',
        [
          ['o', 'Password: \u001b['],
          ['o', '?25h'],
          ['i', `${typed}\r`],
        ],
      ],
      [
        'git over https',
        [
          ['o', "Password for 'https://bob@git.example': "],
          ['i', `${typed}\r`],
        ],
      ],
      [
        "openssl's pass phrase",
        [
          ['o', 'Enter PEM pass phrase:'],
          ['i', `${typed}\r`],
        ],
      ],
      [
        'a token',
        [
          ['o', 'Token: '],
          ['i', `${typed}\r`],
        ],
      ],
      [
        'a one-time code',
        [
          ['o', 'OTP: '],
          ['i', `${typed}\r`],
        ],
      ],
      [
        'a verification code',
        [
          ['o', 'Verification code: '],
          ['i', `${typed}\r`],
        ],
      ],
      [
        'an API key',
        [
          ['o', 'API key: '],
          ['i', `${typed}\r`],
        ],
      ],
      [
        'a prompt that ends in >',
        [
          ['o', 'Enter your password > '],
          ['i', `${typed}\r`],
        ],
      ],
      [
        'a 2FA code',
        [
          ['o', 'Enter your 2FA code: '],
          ['i', `${typed}\r`],
        ],
      ],
      [
        'a TOTP ending in >',
        [
          ['o', 'TOTP> '],
          ['i', `${typed}\r`],
        ],
      ],
      [
        'an api_key',
        [
          ['o', 'api_key: '],
          ['i', `${typed}\r`],
        ],
      ],
      [
        'a prompt that ends in ? (review 37)',
        [
          ['o', 'Passcode? '],
          ['i', `${typed}\r`],
        ],
      ],
      [
        'German',
        [
          ['o', '[sudo] Passwort für bob: '],
          ['i', `${typed}\r`],
        ],
      ],
      [
        'French',
        [
          ['o', 'Mot de passe : '],
          ['i', `${typed}\r`],
        ],
      ],
      [
        'Portuguese',
        [
          ['o', 'Senha: '],
          ['i', `${typed}\r`],
        ],
      ],
      [
        'a prompt whose line ended (echo Password:; read -s)',
        [
          ['o', 'Enter password:\r\n'],
          ['i', `${typed}\r`],
        ],
      ],
      [
        "a job's notice after it",
        [
          ['o', '[sudo] password for bob: '],
          ['o', '\r\n[1]+  Done  sleep 1\r\n'],
          ['i', `${typed}\r`],
        ],
      ],
      [
        'a status line redrawn with a line end after it',
        [
          ['o', 'Password: '],
          ['o', '\u001b7\u001b[23;1H\r\n[0] bash\u001b8'],
          ['i', `${typed}\r`],
        ],
      ],
    ];
    for (const [what, steps] of cases) {
      const { transcripts, recorder, file } = setup();
      const rec = recorder();
      for (const [kind, text] of steps) {
        if (kind === 'o') rec.output(bytes(text));
        else rec.input(bytes(text));
      }
      rec.input(bytes('whoami\r'));
      await rec.close();
      expect(readFileSync(file, 'utf8'), what).not.toMatch(/Sudo-Pw|yOwn/);
      const entries = summary((await transcripts.read(id)).entries);
      expect(entries, what).toContain(`hidden:${hiddenInputText}`);
      // The next line is kept: hiding ends at Enter.
      expect(entries.at(-1), what).toBe('input:whoami');
    }
  });

  it('shows a character cut by the end of the session as U+FFFD, unless it was typed at a prompt', async () => {
    const { transcripts, recorder } = setup();
    const rec = recorder();
    rec.output(bytes('caf'));
    rec.output(Uint8Array.from([0xc3]));
    rec.input(bytes('ls caf'));
    rec.input(Uint8Array.from([0xc3]));
    await rec.close();
    expect(summary((await transcripts.read(id)).entries)).toEqual(['output:caf\ufffd', 'input:ls caf\ufffd']);
    for (const typed of [[], [0x61]]) {
      const at = setup();
      const prompted = at.recorder();
      prompted.output(bytes('Password: '));
      prompted.input(Uint8Array.from([...typed, 0xc3]));
      await prompted.close();
      const entries = summary((await at.transcripts.read(id)).entries);
      expect(entries.filter((e) => e.startsWith('input:'))).toEqual([]);
      expect(JSON.stringify(entries)).not.toContain('\ufffd');
    }
  });

  it('stops at its size cap with a single truncated note', async () => {
    const { transcripts, recorder, file } = setup(4096);
    const rec = recorder();
    for (let n = 1; n <= 2000; n += 1) rec.output(bytes(`y ${n}\r\n`));
    await rec.close();
    expect(transcripts.isFull(id)).toBe(true);
    const second = recorder();
    second.output(bytes('more after the cap\r\n'));
    await second.close();
    // A new process reads the cap and the note from the file itself.
    const again = new TerminalTranscripts(join(file, '..', '..'), { maxBytes: 4096 });
    await again.append(id, [{ at: 'x', kind: 'output', text: 'and more\n' }]);
    const raw = readFileSync(file, 'utf8');
    expect(statSync(file).size).toBeLessThanOrEqual(4096 + 200);
    expect(raw.split(truncatedNote)).toHaveLength(2);
    expect(raw).not.toContain('more after the cap');
    expect(raw).not.toContain('and more');
    const { entries } = await transcripts.read(id);
    expect(entries.at(-1)).toMatchObject({ kind: 'note', text: truncatedNote });
  });

  it('seals off a line torn by a crash, and the others still read', async () => {
    const { transcripts, file, dir } = setup();
    mkdirSync(join(dir.path, 'transcripts'), { recursive: true });
    writeFileSync(file, '{"at":"a","kind":"output","text":"whole\\n"}\n{"at":"b","kind":"outp');
    await transcripts.append(id, [{ at: 'c', kind: 'input', text: 'ls' }]);
    expect(readFileSync(file, 'utf8').split('\n').at(-2)).toBe('{"at":"c","kind":"input","text":"ls"}');
    expect(summary((await transcripts.read(id)).entries)).toEqual(['output:whole\n', 'input:ls']);
  });

  it('reads a large transcript a page at a time, whole lines only', async () => {
    const { transcripts } = setup();
    const entries: TerminalTranscriptEntry[] = [];
    for (let n = 0; n < 3000; n += 1)
      entries.push({ at: 'a', kind: 'output', text: `${'x'.repeat(200)} ${n}\n` });
    await transcripts.append(id, entries);
    const seen: string[] = [];
    let offset: number | null = 0;
    let pages = 0;
    while (offset !== null) {
      const page = await transcripts.read(id, offset);
      seen.push(...page.entries.map((e) => e.text));
      offset = page.nextOffset;
      pages += 1;
    }
    expect(pages).toBeGreaterThan(1);
    expect(seen).toHaveLength(3000);
    expect(seen.at(-1)).toBe(`${'x'.repeat(200)} 2999\n`);
  });

  it('reads an entry longer than a page whole, between others', async () => {
    const { transcripts } = setup();
    // 90 K characters of 3 bytes each: what a line of CJK text with no safe cut for 64 K can give.
    const long = '漢'.repeat(90_000);
    await transcripts.append(id, [
      { at: 'a', kind: 'output', text: 'before\n' },
      { at: 'a', kind: 'output', text: `${long}\n` },
      { at: 'a', kind: 'output', text: 'after\n' },
    ]);
    const seen: string[] = [];
    for (let offset: number | null = 0; offset !== null;) {
      const page = await transcripts.read(id, offset);
      seen.push(...page.entries.map((e) => e.text));
      offset = page.nextOffset;
    }
    expect(seen).toEqual(['before\n', `${long}\n`, 'after\n']);
  });

  it('answers an empty page for a session without a terminal, and refuses a path as a session id', async () => {
    const { transcripts } = setup();
    expect(await transcripts.read(id)).toEqual({ entries: [], offset: 0, nextOffset: null, size: 0 });
    await expect(transcripts.read('../x')).rejects.toThrow('Not a session id');
  });
});
