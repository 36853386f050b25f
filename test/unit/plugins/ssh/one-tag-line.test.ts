/**
 * A template line that is exactly one tag (shell-context.ts, whyTheShellReadsIt): an answer typed at
 * a program's prompt only when the shell has finished reading what it was sent. Cases found by
 * `npm run mutation`: after an open quote, and right after a write, the shell reads the value.
 */
import { describe, expect, it } from 'vitest';
import { checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';

describe('a line that is exactly one tag', () => {
  it('is a prompt answer after a finished command line', () => {
    expect(checkSshTemplate(`exec "passwd"\nexec "[#NEW_PASSWORD#]"`)).toEqual([]);
  });

  it('is refused after an open quote: the shell would read the value as code', () => {
    expect(checkSshTemplate(`exec "echo 'open"\nexec "[#NEW_PASSWORD#]"`)).toEqual([
      {
        line: 2,
        column: 7,
        message:
          '[#NEW_PASSWORD#] cannot be used here: the tag is typed where the shell is still reading the lines before it (an open quote, a here-document, a construct this check does not follow), so it would read the value unquoted, as shell code',
      },
    ]);
  });

  it('is refused right after a write, on the same command line', () => {
    const [problem] = checkSshTemplate(`write "echo "\nexec "[#NEW_PASSWORD#]"`);
    expect(problem?.line).toBe(2);
    expect(problem?.message).toContain(
      'is typed right after a write, on the same command line: the shell reads the value unquoted',
    );
  });
});
