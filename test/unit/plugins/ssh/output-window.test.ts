import { describe, expect, it } from 'vitest';
import { OutputWindow } from '../../../../electron/plugins/ssh/template/output-window';

const sent = (text: string): { text: string; words: string[] } => ({ text, words: text.split(' ') });

function windowAfter(command: string, output: string): OutputWindow {
  const window = new OutputWindow();
  window.append('banner\r\nroot@vm:~# ');
  window.open(sent(command));
  window.append(output);
  return window;
}

describe('the output window', () => {
  it('holds only what arrived since the last exec or write', () => {
    const window = windowAfter('id', 'uid=0(root)\r\nroot@vm:~# ');
    expect(window.view().text).not.toContain('banner');
    expect(window.transcript()).toContain('banner');
  });

  it('leaves out the echo of the typed command (the first line)', () => {
    const view = windowAfter('id alice', 'id alice\r\n\u001b[?2004l\ruid=1(alice)\r\nroot@vm:~# ').view();
    expect(view.lines).toEqual(['uid=1(alice)', 'root@vm:~# ']);
    expect(view.atPrompt).toBe(true);
  });

  it('also when a late prompt precedes the echo, or the terminal wrapped it with blanks', () => {
    expect(windowAfter('id alice', 'root@vm:~# id alice\r\nout\r\n').view().lines).toEqual(['out', '']);
    expect(windowAfter('echo aaaa bbbb', 'echo aaaa bb \rbb\r\naaaa bbbb\r\n').view().lines).toEqual([
      'aaaa bbbb',
      '',
    ]);
    // Wrapped with a line break instead of blanks.
    expect(windowAfter('echo aaaa bbbb', 'echo aaaa bb\r\nbb\r\naaaa bbbb\r\n').view().lines).toEqual([
      'aaaa bbbb',
      '',
    ]);
  });

  it('hides an echo still arriving, and keeps everything when echo is off', () => {
    expect(windowAfter('id alice', 'id al').view().text).toBe('');
    expect(windowAfter('s3cret', '\r\nRetype new password: ').view().lines).toEqual([
      '',
      'Retype new password: ',
    ]);
    // Echo off, and the output holds the typed text later on: that is output, not an echo.
    expect(windowAfter('ok', '\r\nall ok\r\n').view().lines).toEqual(['', 'all ok', '']);
  });

  it('for write, keeps what follows the echo on its line', () => {
    expect(windowAfter('y', 'y? ok').view().text).toBe('? ok');
  });

  it('atPrompt needs a line break and a prompt sign at the end of the cursor line', () => {
    expect(windowAfter('id', 'id').view().atPrompt).toBe(false);
    expect(windowAfter('id', 'id\r\nuid=0(root)\r\n').view().atPrompt).toBe(false);
    expect(windowAfter('id', 'id\r\nuid=0(root)\r\n$ ').view().atPrompt).toBe(true);
  });

  it("for no-expect, a diagnostic's quoted arguments are blanked, the rest of it is kept", () => {
    const window = windowAfter('id alice', "id alice\r\nid: 'alice': no such user\r\nroot@vm:~# ");
    expect(window.noExpectView().lines[0]).toBe("id: '…': no such user");
    expect(window.view().lines[0]).toBe("id: 'alice': no such user");
    const userdel = windowAfter(
      'userdel -r bob',
      'userdel -r bob\r\nuserdel: bob mail spool (/var/mail/bob) not found\r\n',
    );
    expect(userdel.noExpectView().lines[0]).toBe('userdel: … mail spool (/var/mail/…) not found');
    // Not a diagnostic of this command: left alone.
    const other = windowAfter('id alice', 'id alice\r\nuid=5(alice) gid=5(alice)\r\nfoo: alice\r\n');
    expect(other.noExpectView().lines.slice(0, 2)).toEqual(['uid=5(alice) gid=5(alice)', 'foo: alice']);
  });
});
