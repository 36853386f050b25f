import { describe, expect, it } from 'vitest';
import {
  TerminalTextStream,
  editableText,
  terminalText,
} from '../../../../electron/plugins/ssh/connection/terminal-text';

describe('terminal text', () => {
  it('removes colours, bracketed-paste switches, titles and carriage returns', () => {
    const raw =
      '\u001b]0;root@vm: ~\u0007\u001b[?2004h\u001b[01;32mroot@vm\u001b[00m:\u001b[01;34m~\u001b[00m# id\r\n\u001b[?2004l\rok\r\n';
    expect(terminalText(raw)).toBe('root@vm:~# id\nok\n');
  });

  it('removes other escapes, OSC ended by ST, and control characters but keeps tabs', () => {
    expect(terminalText('a\u001b(Bb\u001b=c\u001b]2;t\u001b\\d\u0007e\bf\u0000g\th')).toBe('abcdefg\th');
  });

  it('drops an escape sequence cut at the end of a chunk (it is re-read whole later)', () => {
    expect(terminalText('prompt# \u001b[?20')).toBe('prompt# ');
    expect(terminalText('x\u001b')).toBe('x');
  });
});

describe('terminal text with its line edits kept (what the transcript applies)', () => {
  it('keeps backspace and the cursor moves and erases inside a line, in one form', () => {
    expect(editableText('ab\bc\u001b[D\u001b[0C\u001b[3P\u001b[2X\u001b[@\u001b[0K\u001b[K')).toBe(
      'ab\bc\u001b[1D\u001b[1C\u001b[3P\u001b[2X\u001b[1@\u001b[K\u001b[K',
    );
    expect(editableText('a\u009b4Db')).toBe('a\u001b[4Db');
    // Capped: a count past 9999 is 9999.
    expect(editableText('\u001b[123456D')).toBe('\u001b[9999D');
  });

  it('drops every other sequence, erases to the line start or of the whole line among them', () => {
    expect(editableText('a\u001b[1Kb\u001b[2Kc\u001b[1;5Dd\u001b[?25le\u001b[31mf\r\n')).toBe('abcdef\n');
  });

  it('reads the final of a kept edit before a CR as no wrap artefact', () => {
    expect(editableText('x\u001b[1D\rD')).toBe('x\u001b[1DD');
    expect(terminalText('x\u001b[1D\rD')).toBe('xD');
  });
});

/**
 * 20,000 texts of 3 to 16 characters of `alphabet`, each with two cuts (first <= second), the same
 * for the same seed.
 */
function* generated(alphabet: string[], seed: number) {
  let state = seed;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  for (let round = 0; round < 20_000; round++) {
    const raw = Array.from({ length: 3 + next(14) }, () => alphabet[next(alphabet.length)]).join('');
    const first = next(raw.length + 1);
    const second = first + next(raw.length - first + 1);
    yield { round, raw, first, second };
  }
}

describe('terminal text as a stream (what the terminal transcript stores)', () => {
  const samples = [
    'bob@host:~$ \u001b[01;32mls\u001b[00m\r\nfile\r\n',
    'mysql --password=Jit-Pw-4\r4421x and a \r blank wrap \r\n',
    '\u001b]0;title\u0007a\u001b]2;t\u001b\\b\u001bPdcs\u001b\\c\u009b1md\u001b(Be',
    '$ a\u001b[38;5;242mb\u001b[39m\u001b[11Dc\r\nx\ry\r\r\n\t',
    'emoji 😀\r😀 tail',
  ];

  it('reads the same cut into chunks anywhere as whole', () => {
    for (const raw of samples) {
      for (let cut = 0; cut <= raw.length; cut++) {
        for (const second of [cut, Math.min(raw.length, cut + 3)]) {
          const stream = new TerminalTextStream();
          const read =
            stream.push(raw.slice(0, cut)) +
            stream.push(raw.slice(cut, second)) +
            stream.push(raw.slice(second)) +
            stream.end();
          expect(read, `${JSON.stringify(raw)} at ${cut}, ${second}`).toBe(editableText(raw));
        }
      }
    }
  });

  it('reads the same as whole for 20,000 generated texts, cut in three or a character at a time', () => {
    // Escapes of every kind, CRs, blanks, line ends and a pair, in short texts: every interaction.
    const alphabet = [
      'a',
      'X',
      '\r',
      '\n',
      ' ',
      '\t',
      '\u001b',
      '[',
      '0',
      'm',
      ']',
      '\u0007',
      '\\',
      'P',
      '\u009b',
    ];
    alphabet.push('1', '😀', ';', '(');
    for (const { round, raw, first, second } of generated(alphabet, 7)) {
      const stream = new TerminalTextStream();
      const pieces =
        round % 2 === 0
          ? [raw.slice(0, first), raw.slice(first, second), raw.slice(second)]
          : Array.from(raw);
      const read = pieces.map((piece) => stream.push(piece)).join('') + stream.end();
      expect(read, JSON.stringify(pieces)).toBe(editableText(raw));
    }
  });

  it('reads the same as whole for 20,000 generated texts with line edits, cut in three', () => {
    // No blank: with one, a ` \r` the cut puts apart may keep its blank (a known difference that
    // rebuilds no secret); here the edits and CRs meet.
    const alphabet = [
      'a',
      'X',
      '\r',
      '\n',
      '\u001b',
      '[',
      '0',
      '1',
      'D',
      'K',
      'P',
      '@',
      '\b',
      '😀',
      '\u009b',
    ];
    for (const { raw, first, second } of generated(alphabet, 11)) {
      const stream = new TerminalTextStream();
      const pieces = [raw.slice(0, first), raw.slice(first, second), raw.slice(second)];
      const read = pieces.map((piece) => stream.push(piece)).join('') + stream.end();
      expect(read, JSON.stringify(pieces)).toBe(editableText(raw));
    }
  });

  it('gives a line end at once, and holds only what the next chunk could change', () => {
    const stream = new TerminalTextStream();
    expect(stream.push('ok\r\n')).toBe('ok\n');
    expect(stream.push('Password: ')).toBe('Password:');
    // The prompt check reads what is held as it would read now.
    expect(stream.heldText).toBe(' ');
    // An escape sequence not finished is held, with the blank before it.
    expect(stream.push('\u001b[?25')).toBe('');
    expect(stream.heldText).toBe(' ');
    expect(stream.push('h')).toBe('');
    expect(stream.end()).toBe(' ');
  });

  it('holds at most 4 KiB of an escape sequence not finished', () => {
    const stream = new TerminalTextStream();
    expect(stream.push(`a\u001b]0;${'t'.repeat(5000)}`)).toBe('a');
    expect(stream.heldText).toBe('');
  });

  it('removes C1 controls, so that converting again changes nothing', () => {
    expect(terminalText('a\u0085b\u0090c')).toBe('abc');
    const tricky = 'Jit-Pw\u009b\u001b[0m0m-4421x';
    expect(terminalText(terminalText(tricky))).toBe(terminalText(tricky));
    for (const raw of samples) expect(terminalText(terminalText(raw))).toBe(terminalText(raw));
  });
});
