import { describe, expect, it } from 'vitest';
import { runErrorText } from '../../../electron/operations/run-error';

describe('runErrorText', () => {
  it('says the line once and the database message once (the SQL engine words both itself)', () => {
    const message = 'relation "no_such_table" does not exist';
    expect(
      runErrorText({
        line: 4,
        message: `Line 4: SELECT * FROM no_such_table: ${message}`,
        outputTail: message,
      }),
    ).toBe(`line 4: SELECT * FROM no_such_table: ${message}`);
  });

  it('adds the line and a tail the message does not hold', () => {
    expect(runErrorText({ line: 2, message: 'Timed out waiting for "*$"', outputTail: 'bash-5.2# ' })).toBe(
      'line 2: Timed out waiting for "*$"\nbash-5.2# ',
    );
    expect(runErrorText({ line: null, message: 'connect ECONNREFUSED', outputTail: '' })).toBe(
      'connect ECONNREFUSED',
    );
  });

  it('keeps a "line" of another number: it is part of what the plugin said', () => {
    expect(runErrorText({ line: 3, message: 'Line 2: unterminated', outputTail: '' })).toBe(
      'line 3: Line 2: unterminated',
    );
  });
});
