// What readline sends when an echoed line reaches the terminal's right margin, as captured from
// the lab's sshd with a 200-column PTY: read with the CR dropped, it cut a password in two.
import { describe, expect, it } from 'vitest';
import { ptyWindow } from '../../../../electron/plugins/ssh/connection/ssh-shell';
import { maxCommandLineBytes } from '../../../../electron/plugins/ssh/template/tag-values';
import { terminalText } from '../../../../electron/plugins/ssh/connection/terminal-text';

describe('terminal text: line-wrap artefacts', () => {
  it('undoes the character repeated after a CR at the margin', () => {
    expect(terminalText('|u3SDyqbKAV1\r1N(m,%BD)P5')).toBe('|u3SDyqbKAV1N(m,%BD)P5');
    expect(terminalText('xxxxxxxxxxxx\rxxxxxxxxxxx')).toBe('x'.repeat(22));
  });

  it('undoes the blank written to force the wrap before the next character is typed', () => {
    expect(terminalText('echo abcdefghijklm \rnopq')).toBe('echo abcdefghijklmnopq');
    // A blank at the margin: the blank written again is the line's own.
    expect(terminalText('abc \r def')).toBe('abc def');
  });

  it('keeps line ends and a CR that overwrites nothing alike', () => {
    expect(terminalText('one\r\ntwo\r\n')).toBe('one\ntwo\n');
    expect(terminalText(' 5%\r10%')).toBe(' 5%10%');
  });

  it('is never needed for an allowed line: the PTY is wider than the longest one', () => {
    // A prompt of up to 4000 characters before the longest line still fits on one row.
    expect(ptyWindow.cols).toBeGreaterThanOrEqual(2 * maxCommandLineBytes);
  });
});
