/**
 * The terminal transcript (terminal-recorder.ts, pending-line.ts, terminal-text.ts) at its edges,
 * cases found by `npm run mutation`: when a prompt hides the next typed line and when it no longer
 * does, what a closed or full recorder ignores, what ends a typed line, when batches go to disk,
 * how far a long line waits for a safe cut, and what the text stream holds back.
 *
 * Equivalent mutants, which no test can tell apart:
 * - terminal-recorder.ts `new StringDecoder('utf8')` (output's and input's) with `''`: Node reads
 *   an empty encoding name as utf8.
 * - terminal-recorder.ts `#lastLine = ''` (its start, and where a hidden line ends) as any other
 *   text holding no word of the prompt pattern: it ends in a non-word character, so it adds no
 *   match and takes no `\b` away, and the 256-character slice keeps the new text whole all the same.
 * - terminal-recorder.ts close()'s `if (this.#closed) return this.#writing` removed: a second close
 *   finds nothing pending (the first took all, and later bytes were ignored), pushes nothing and
 *   flushes an empty batch, which returns at once.
 * - terminal-recorder.ts #flush's `if (this.#timer)` as `true`: clearTimeout(undefined) does nothing.
 * - pending-line.ts take's `Math.max(0, carry - length)` as `Math.min`: a carry below 0 masks as 0
 *   does, and a take shorter than the carry never leaves a carried character unmasked: at a line end
 *   the take holds all that was pending (the carry is at most that), and a safe cut inside the
 *   carried rest is the start of an occurrence kept whole after it, which covers the rest of it.
 * - pending-line.ts discard's `nextSearch('')` with a text of 17 characters: nextSearch gives a
 *   block's size for any text under 15 KiB.
 * - terminal-text.ts holdFrom's `start !== undefined && start < to` as `||`, as `true && start < to`,
 *   or with `start < to` as `true` or `start <= to`: no alternative of escapeSequence matches an
 *   empty text, so a match that ends at `to` always starts before it.
 * - terminal-text.ts shownCut's `before(last) >= 0 && …` as `true`: at -1, `text[-1]` is
 *   undefined, not a CR, all the same.
 * - terminal-text.ts shownCut's `before(last) >= 0` as `> 0`: a CR at 0 has nothing before it
 *   in the text (all before it was converted already), so it is no wrap artefact; given out now,
 *   it reads as nothing, as held it would.
 * - terminal-text.ts holdFrom's loop `at > 0` as `true` or `at >= 0`: at 0, the search reads an
 *   empty text, finds no escape and stops the loop; only the cost differs.
 * - terminal-text.ts holdFrom's loop bound `searches < 4` as `<= 4`, `true` or `searches--` (and
 *   the loop's `moved && at > 0 && …` turned into `||` or `true` with it): the bound only keeps a
 *   run of C1 CSIs from costing a search a character; what is held past the 4th search is what an
 *   unbounded loop holds in all the texts of terminal-text.test.ts.
 * - terminal-recorder.ts lastLineOf's `.slice(-256)` removed, or lastLineOf as the text itself: the
 *   prompt pattern reads at most 120 characters between its word and the colon, and `[^\n]` keeps
 *   it on one line, so an earlier line or a longer start changes no answer; only the cost does.
 * - terminal-recorder.ts output's `lineEnd >= 0` as `lineEnd > 0` (for `ended` and `#lastLine`),
 *   and `#lastLine`'s `lineEnd >= 0 ? … :` as the other branch: a chunk that starts with its only
 *   line end ends the line tested as the last one at the chunk before (nothing held can precede a
 *   line end); a `#lastLine` holding earlier lines gives the pattern, which stays on one line and
 *   ends at the text's end, the same answer; `ended`'s `''` (no line ended) as any text without
 *   a prompt word, which no prompt test then matches either.
 * - terminal-text.ts keepPair's `at > 0 && …` as `true` or `at >= 0`: at 0 or below,
 *   `charCodeAt` reads outside the text (NaN), no surrogate, and the answer is `at` all the same.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TerminalTranscriptEntry } from '../../../shared/contract/terminal';
import { MASK, Masker } from '../../../electron/plugins/tag-engine';
import { hiddenInputText, TerminalRecorder } from '../../../electron/sessions/terminal-recorder';
import { TerminalTextStream, terminalText } from '../../../electron/plugins/ssh/connection/terminal-text';
import { bytes, id, summary, transcriptSetup } from './transcript-setup';

afterEach(() => {
  vi.useRealTimers();
});

function setup() {
  const { transcripts, recorder, file } = transcriptSetup();
  const entries = async () => summary((await transcripts.read(id)).entries);
  return { recorder, entries, file };
}

/** A recorder whose batches are kept as written, for what goes to disk when (fake timers). */
function batched(options: { flushMs?: number; full?: () => boolean } = {}) {
  const batches: string[][] = [];
  const write = vi.fn((entries: TerminalTranscriptEntry[]) => {
    batches.push(summary(entries));
    return Promise.resolve();
  });
  const rec = new TerminalRecorder({
    masker: new Masker([]),
    write,
    clock: () => new Date('2026-01-01T00:00:00Z'),
    ...options,
  });
  return { rec, write, batches };
}

/** Output and typed text in turn: `o` output, `i` typed; the transcript as read back. */
async function record(steps: ['o' | 'i', string][]): Promise<string[]> {
  const { recorder, entries } = setup();
  const rec = recorder();
  for (const [kind, text] of steps) {
    if (kind === 'o') rec.output(bytes(text));
    else rec.input(bytes(text));
  }
  await rec.close();
  return entries();
}

describe('TerminalRecorder: the password prompt', () => {
  it('finds a prompt whose words came in two chunks (the last line is the pending text, not the last chunk)', async () => {
    expect(
      await record([
        ['o', '[sudo] Pass'],
        ['o', 'word: '],
        ['i', 'Typed-Secret\r'],
      ]),
    ).toEqual(['output:[sudo] Password: ', `hidden:${hiddenInputText}`]);
  });

  it('finds a prompt on the line after a line end at the very start of a chunk', async () => {
    expect(
      await record([
        ['o', '\r\nPassword: '],
        ['i', 'Typed-Secret\r'],
      ]),
    ).toEqual(['output:\n', 'output:Password: ', `hidden:${hiddenInputText}`]);
  });

  it('keeps a prompt whose line ended until a key is typed at it, then forgets it', async () => {
    // `echo Password:; read -s` ends the prompt's line before it reads; a tab is not held back.
    for (const prompt of ['Remember your password:\r\n', 'Your password:\t\n']) {
      const entries = await record([
        ['o', prompt],
        ['i', 'typed-at-it\r'],
        ['o', '$ '],
        ['i', 'ls\r'],
      ]);
      expect(entries.filter((e) => e.startsWith('hidden:'))).toHaveLength(1);
      expect(entries.filter((e) => e.startsWith('input:'))).toEqual(['input:ls']);
    }
  });

  it('reads the last line a chunk ended past blank lines after it', async () => {
    const entries = await record([
      ['o', 'Enter password:\r\n\r\n'],
      ['i', 'typed-at-it\r'],
    ]);
    expect(entries.filter((e) => e.startsWith('input:'))).toEqual([]);
    expect(entries).toContain(`hidden:${hiddenInputText}`);
  });

  it('reads a line that mentions a password without ending in a colon as no prompt', async () => {
    expect(
      await record([
        ['o', 'Changing password for bob.\r\n'],
        ['i', 'ls\r'],
      ]),
    ).toEqual(['output:Changing password for bob.\n', 'input:ls']);
  });

  it('ignores an output chunk that decodes to nothing while a hidden line is typed', async () => {
    // An empty chunk, or the first byte of a UTF-8 character: no new text, no new prompt; the
    // prompt already answered must not hide the line after the hidden one too. (The half
    // character is shown as U+FFFD when the session ends.)
    for (const [nothing, end] of [
      [new Uint8Array(0), []],
      [Uint8Array.from([0xc3]), ['output:\ufffd']],
    ] as const) {
      const { recorder, entries } = setup();
      const rec = recorder();
      rec.output(bytes('Password: '));
      rec.input(bytes('Typed'));
      rec.output(nothing);
      rec.input(bytes('-Secret\r'));
      rec.input(bytes('whoami\r'));
      await rec.close();
      expect(await entries()).toEqual([
        'output:Password: ',
        `hidden:${hiddenInputText}`,
        'input:whoami',
        ...end,
      ]);
    }
  });

  it('reads only the last 256 characters of a line for the prompt check', async () => {
    // The check's text is bounded, whatever the line's length: a prompt followed by 300 blanks in
    // the same chunk is past it.
    expect(
      await record([
        ['o', `Password:${' '.repeat(300)}`],
        ['i', 'ls\r'],
      ]),
    ).toEqual(['input:ls', `output:Password:${' '.repeat(300)}`]);
  });
});

describe('TerminalRecorder: lines, close and the cap', () => {
  it('ends a typed line at a line feed as at a carriage return', async () => {
    expect(await record([['i', 'ls\npwd\n']])).toEqual(['input:ls', 'input:pwd']);
    expect(
      await record([
        ['o', 'Password: '],
        ['i', 'Typed-Secret\nwhoami\n'],
      ]),
    ).toEqual(['output:Password: ', `hidden:${hiddenInputText}`, 'input:whoami']);
  });

  it('keeps what the text stream holds back at a line end for the next chunk', async () => {
    // The escape cut after the line end is read whole with its rest: "$ red", not "$ 1mred".
    expect(
      await record([
        ['o', 'ok\r\n$ \u001b[3'],
        ['o', '1mred\u001b[0m\r\n'],
      ]),
    ).toEqual(['output:ok\n', 'output:$ red\n']);
  });

  it('ignores output and typed bytes after close', async () => {
    vi.useFakeTimers();
    const { rec, batches } = batched({ flushMs: 5 });
    rec.output(bytes('before\r\n'));
    await rec.close();
    rec.output(bytes('late output\r\n'));
    rec.input(bytes('late input\r'));
    await vi.advanceTimersByTimeAsync(1000);
    await rec.close();
    expect(batches).toEqual([['output:before\n']]);
  });

  it('records nothing, output or typed, while the transcript is full', async () => {
    vi.useFakeTimers();
    const { rec, write } = batched({ flushMs: 5, full: () => true });
    rec.output(bytes('output\r\n'));
    rec.input(bytes('typed\r'));
    await vi.advanceTimersByTimeAsync(1000);
    await rec.close();
    expect(write).not.toHaveBeenCalled();
  });

  it('writes nothing for a recorder that saw nothing, and leaves no timer behind at close', async () => {
    vi.useFakeTimers();
    const { rec, write } = batched({ flushMs: 5 });
    await rec.close();
    expect(write).not.toHaveBeenCalled();
    const other = batched({ flushMs: 5 });
    other.rec.output(bytes('a\r\n'));
    expect(vi.getTimerCount()).toBe(1);
    await other.rec.close();
    expect(vi.getTimerCount()).toBe(0);
    expect(other.batches).toEqual([['output:a\n']]);
  });

  it('writes committed lines in batches flushMs apart, each batch only what came since the last', async () => {
    vi.useFakeTimers();
    const { rec, batches } = batched({ flushMs: 5 });
    rec.output(bytes('a\r\n'));
    rec.input(bytes('b\r'));
    await vi.advanceTimersByTimeAsync(4);
    expect(batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches).toEqual([['output:a\n', 'input:b']]);
    rec.output(bytes('c\r\n'));
    await vi.advanceTimersByTimeAsync(5);
    expect(batches).toEqual([['output:a\n', 'input:b'], ['output:c\n']]);
    rec.output(bytes('d\r\n'));
    await rec.close();
    expect(batches.at(-1)).toEqual(['output:d\n']);
  });

  it('writes every 250 ms when no flushMs is given', async () => {
    vi.useFakeTimers();
    const { rec, batches } = batched();
    rec.output(bytes('a\r\n'));
    await vi.advanceTimersByTimeAsync(249);
    expect(batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches).toEqual([['output:a\n']]);
    await rec.close();
  });
});

describe('PendingLine: a line without a safe cut', () => {
  it('holds a line with no safe cut up to 64 KiB inclusive, then takes it whole at close', async () => {
    const { recorder, entries, file } = setup();
    const secret = '#0123456789abcdefgh#';
    // 65,535 characters of the secret back to back and a tab (not held back): 64 KiB pending.
    const line = `${secret
      .slice(0, -1)
      .repeat(3500)
      .slice(0, 64 * 1024 - 1)}\t`;
    const rec = recorder([secret]);
    rec.output(bytes(line));
    await rec.close();
    const texts = await entries();
    expect(texts).toHaveLength(1);
    expect(texts[0]?.startsWith(`output:${MASK}`)).toBe(true);
    expect(readFileSync(file, 'utf8')).not.toContain('0123456789abcdefgh');
  });
});

describe('TerminalTextStream: what it holds back', () => {
  const whole = (raw: string) => {
    const stream = new TerminalTextStream();
    const first = stream.push(raw);
    return { first, held: stream.heldText, all: first + stream.end() };
  };

  it("removes readline's blank wrap ( CR before the next character)", () => {
    expect(terminalText('cO \rA4')).toBe('cOA4');
  });

  it('holds only the last character after a finished escape sequence inside the chunk', () => {
    expect(whole('\u001b[1mok\u001b[0m done').first).toBe('ok don');
  });

  it('holds a long text only by its last character', () => {
    expect(whole('x'.repeat(3000)).first).toBe('x'.repeat(2999));
  });

  it('holds an escape sequence not finished of exactly 4 KiB, and gives one longer as it stands', () => {
    // From the ESC to the end, 4,096 characters: held whole, with the character before it.
    const open = `a\u001b]0;${'t'.repeat(4092)}`;
    expect(whole(open)).toMatchObject({ first: '', held: 'a' });
    expect(whole(`${open}t`)).toMatchObject({ first: 'a', held: '' });
  });

  it('gives a tab at once: nothing after it can change how it reads', () => {
    expect(whole('ls\t')).toMatchObject({ first: 'ls\t', held: '' });
  });

  it('holds the character before a CR at the end, and the CR', () => {
    expect(whole('abc\r')).toMatchObject({ first: 'ab', held: 'c' });
  });

  it('never gives half of a character outside the BMP, whichever its high surrogate', () => {
    for (const pair of ['😀', '\u{10000}', '\u{10ffff}']) {
      expect(whole(`ab${pair}`), pair).toMatchObject({ first: 'ab', held: pair });
    }
    // A character above the surrogates is one character: only it is held.
    expect(whole('a\uff01b').first).toBe('a\uff01');
  });

  it('holds a C1 CSI that the cut leaves unfinished, up to exactly 4 KiB from its start, and reads as the whole', () => {
    // Cut before "é", the kept part ends in "\u009b111…", an unfinished CSI, where the whole has
    // none: it is held too, with the character before it, when it is 4,096 characters from the end.
    for (const before of ['ab', 'x'.repeat(10)]) {
      const raw = `${before}\u009b${'1'.repeat(4094)}é`;
      const read = whole(raw);
      expect(read.first).toBe(before.slice(0, -1));
      expect(read.all).toBe(terminalText(raw));
    }
    // One more character, and it is past 4 KiB: converted as it stands (the CSI dropped).
    expect(whole(`ab\u009b${'1'.repeat(4095)}é`)).toMatchObject({ first: 'ab', held: 'é' });
  });
});
