import { describe, expect, it } from 'vitest';
import { terminalText } from '../../../../electron/plugins/ssh/connection/terminal-text';

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
