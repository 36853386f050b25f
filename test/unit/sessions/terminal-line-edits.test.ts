// The transcript applies a line's edits before it masks: a secret typed with a typo and corrected,
// inserted into, or drawn over a shell's autosuggestion was stored with the edits removed, not
// applied (`Jit-Pw-44X 21x`, `Jit-Pw-0000yit-Pw-4421x`), whole enough to read and never masked.

import { describe, expect, it } from 'vitest';
import { editsWithheld } from '../../../electron/plugins/ssh/connection/line-edits';
import { MASK } from '../../../electron/plugins/tag-engine';
import { hiddenInputText } from '../../../electron/sessions/terminal-recorder';
import { bytes, id, recordedInChunks, summary, transcriptSetup as setup } from './transcript-setup';

const secret = 'Jit-Pw-4421x';
/** Every piece of the secret four characters long: none may be stored. */
const pieces = Array.from({ length: secret.length - 3 }, (_, at) => secret.slice(at, at + 4));

describe('the transcript applies line edits before it masks', () => {
  const cases: [string, 'output' | 'input', string][] = [
    ['a typo rubbed out by readline (BS blank BS)', 'output', '$ mysql -pJit-Pw-44X\b \b21x\r\n'],
    [
      'a typo rubbed out and the rest erased (BS, ESC [ K)',
      'output',
      '$ mysql -pJit-Pw-44X\b\u001b[K21x\r\n',
    ],
    [
      'a character inserted mid-line (readline redraws the rest and steps back)',
      'output',
      '$ Jit-Pw-421x\b\b\b\b4421x\b\b\b\b\r\n',
    ],
    ['a character inserted by ESC [ @', 'output', '$ Jit-Pw-421x\u001b[4D\u001b[@4\r\n'],
    [
      "zsh's autosuggestion typed over",
      'output',
      '$ J\u001b[90mit-Pw-0000y\u001b[39m\u001b[11Dit-Pw-4\u001b[K421x\r\n',
    ],
    ['a secret shown, then its end erased', 'output', 'echo Jit-Pw-4421x\b\b\b\b\b\u001b[K\r\n'],
    ['a secret shown, its end overwritten, then rewritten', 'output', 'Jit-Pw-4421x\b\b\bXYZ\b\b\b21x\r\n'],
    ['a typo deleted with Backspace', 'input', 'mysql -pJit-Pw-44X\u007f21x\r'],
    ['the start typed after the end (Ctrl-A)', 'input', '4421x\u0001mysql -pJit-Pw-\r'],
    ['a character inserted after the arrows', 'input', 'Jit-Pw-421x\u001b[D\u001b[D\u001b[D\u001b[D4\r'],
    ['a piece killed and yanked (Ctrl-U, Ctrl-Y)', 'input', '-4421x\u0015mysql -pJit-Pw\u0019\r'],
    ['a typo rubbed out after the arrows', 'input', `Jit-PwX-4421x${'\u001b[D'.repeat(6)}\u007f\r`],
    // Found by a review of the first version: the End key stopped 256 characters on; a secret
    // whole only with the edits removed, or whole for a moment, then cut, kept its pieces; two
    // kills in a row are one yank.
    ['the End key after Home on a long line', 'input', `${'a'.repeat(300)}Jit-Pw-\u0001\u00054421x\r`],
    [
      'the cursor right past 256 characters',
      'output',
      `${'a'.repeat(300)}Jit-Pw-\u001b[400D\u001b[400C4421x\r\n`,
    ],
    ['a backspace inside it as it is drawn', 'output', 'Jit-Pw-44\b21x\r\n'],
    ['a blank inserted inside it as it is drawn', 'output', 'Jit-Pw\u001b[1D\u001b[1@-4421x\r\n'],
    ['whole for a moment, then its end erased', 'output', 'Jit-Pw-44X\u001b[D21x\u001b[4D\u001b[K\r\n'],
    [
      'typed whole, then its end rubbed out and typed over',
      'input',
      'Jit-Pw-44X\u007f21x\u007f\u007f\u007f\u007fZZZZ\r',
    ],
    ['killed in two kills and yanked as one', 'input', '4421x\u0001Jit-Pw-\u000b\u0015echo \u0019\r'],
  ];

  it.each(cases)('%s: masked, no piece of it stored (%s)', async (what, kind, text) => {
    for (const chunk of [text.length, 3, 1]) {
      const { shown, file } = await recordedInChunks([secret], kind, text, chunk);
      expect(shown, `${what}, chunks of ${chunk}`).toContain(MASK);
      for (const piece of pieces) {
        expect(shown, `${what}, chunks of ${chunk}`).not.toContain(piece);
        expect(file, `${what}, chunks of ${chunk}`).not.toContain(piece);
      }
    }
  });

  it('masks what is left of a secret over 256 characters, or of a reversed one, whole for a moment', async () => {
    // Found by a second review: the edits' watch looked 256 characters around an edit, and for
    // the secret as it is only.
    const long = Array.from({ length: 300 }, (_, at) => 'abcdefghij'[at % 10]).join('') + 'Z';
    for (const [watched, kind, text] of [
      [long, 'input', `${long.slice(0, -1)}X\u007f${long.slice(-1)}\u007f\r`],
      [long, 'output', `${long.slice(0, -1)}X\b${long.slice(-1)}\u001b[1D\u001b[K\r\n`],
      [secret, 'input', 'x1244-wP-tiQ\u007fJ\u007f\r'],
    ] as const) {
      const { transcripts, recorder } = setup();
      const rec = recorder([watched]);
      if (kind === 'input') rec.input(bytes(text));
      else rec.output(bytes(text));
      await rec.close();
      const shown = (await transcripts.read(id)).entries.map((e) => e.text).join('');
      expect(shown, text.slice(-20)).toContain(MASK);
      expect(shown, text.slice(-20)).not.toMatch(/abcdefghij|x1244|44-wP/);
    }
  });

  it('withholds a text whose edits are too many to follow, rather than store it with them removed', async () => {
    // Read with its edits removed, `Jit-Pw-44X21x` would be stored: only the edits made the secret.
    const hostile = `pw: Jit-Pw-44X\b21x\r\n${'b'.repeat(200)}${'\u001b[200D\u001b[200C'.repeat(400)}\r\n`;
    const typed = `${'a'.repeat(300)}Jit-Pw-44X\u007f21x${'\u0001\u0005'.repeat(200)}\r`;
    const { transcripts, recorder } = setup();
    const rec = recorder([secret]);
    rec.input(bytes(typed));
    rec.output(bytes(hostile));
    // Output too costly to read for a prompt is taken for one: the next line typed is hidden.
    rec.input(bytes('ls\r'));
    await rec.close();
    expect(summary((await transcripts.read(id)).entries)).toEqual([
      `input:${editsWithheld}`,
      `output:${editsWithheld}`,
      `hidden:${hiddenInputText}`,
    ]);
  });

  it('masks the rest of a secret a forced cut carried, also when the rest of the line is withheld', async () => {
    const carried = '#0123456789abcdefgh#';
    const { transcripts, recorder } = setup();
    const rec = recorder([carried]);
    const text = `${carried.slice(0, -1).repeat(3500)}#zz${'\u001b[999C'.repeat(600)}\r\n`;
    for (let at = 0; at < text.length; at += 100) rec.output(bytes(text.slice(at, at + 100)));
    await rec.close();
    const shown = (await transcripts.read(id)).entries.map((e) => e.text).join('');
    expect(shown).not.toMatch(/\d{5}|[a-h]{5}/);
  });

  it('reads a password prompt where its line leaves the cursor: typed junk erased after it still hides the answer', async () => {
    for (const chunks of [
      ['host$ sudo ls\r\nPassword: xy\b\b\u001b[K'],
      ['host$ sudo ls\r\nPassword: xy\b', '\b\u001b[K'],
      ['host$ sudo ls\r\nPassword: xyz\b\b\b', '\u001b[K'],
    ]) {
      const { transcripts, recorder } = setup();
      const rec = recorder();
      for (const chunk of chunks) rec.output(bytes(chunk));
      rec.input(bytes('hunter2pass\r'));
      await rec.close();
      const entries = summary((await transcripts.read(id)).entries);
      expect(entries, JSON.stringify(chunks)).toContain('hidden:[input hidden]');
      expect(JSON.stringify(entries)).not.toContain('hunter2');
    }
  });

  it('reads a password prompt as shown: 300 backspaces after it in the same chunk still hide the answer', async () => {
    for (const drawn of [`Password: ${'\b'.repeat(300)}`, `Password: ${' \b'.repeat(150)}`]) {
      const { transcripts, recorder } = setup();
      const rec = recorder();
      rec.output(bytes(drawn));
      rec.input(bytes('hunter2pass\r'));
      await rec.close();
      const entries = summary((await transcripts.read(id)).entries);
      expect(entries, JSON.stringify(drawn.slice(0, 14))).toContain('hidden:[input hidden]');
      expect(JSON.stringify(entries)).not.toContain('hunter2');
    }
  });

  it('stores a corrected command as the screen showed it', async () => {
    const { transcripts, recorder } = setup();
    const rec = recorder([secret]);
    rec.output(bytes('$ lss\b \b -l\r\nfile\r\n'));
    rec.input(bytes('lss\u007f -l\r'));
    rec.input(bytes('\u001b[Aecho\u001b[1;5D\u001b[Cx\r'));
    await rec.close();
    expect(summary((await transcripts.read(id)).entries)).toEqual([
      'output:$ ls -l\nfile\n',
      'input:ls -l',
      // The up arrow brings back history the transcript does not know: the line as typed.
      'input:excho',
    ]);
  });

  it('keeps the edits inside their line: a backspace at a line start takes nothing from the line before', async () => {
    const { transcripts, recorder } = setup();
    const rec = recorder();
    rec.output(bytes('first\r\n\b\b\u001b[3Psecond\r\n'));
    await rec.close();
    expect(summary((await transcripts.read(id)).entries)).toEqual(['output:first\nsecond\n']);
  });
});
