/**
 * The output a pattern is matched against (the rules are in MATCHING.md):
 * - a window holds what arrived since the last exec/write was sent; each exec/write opens a new
 *   one, so an expect never matches output that belongs to an earlier command;
 * - the window is terminal text (escape sequences and CR removed, terminal-text.ts);
 * - the PTY's echo of what the template typed is left out: it always contains the command's
 *   arguments (the user name…) and would satisfy `no-expect "*[#USERNAME#]"` by itself;
 * - for no-expect, a diagnostic of the command (`id: 'x': no such user`) does not count as
 *   mentioning the arguments it merely quotes back.
 */
import { terminalText } from '../connection/terminal-text';

/** What the template typed, as the echo will show it. */
export interface SentInput {
  readonly text: string;
  /** The words of the command (for diagnostics that quote them back). */
  readonly words: readonly string[];
}

export interface WindowView {
  /** The window's text without the echo, lines joined by `\n`. */
  readonly text: string;
  readonly lines: readonly string[];
  /** The last line, the one the cursor is on: where a prompt waits ('' after a line break). */
  readonly cursorLine: string;
  /** The command has finished: a line break arrived and the cursor line is a shell prompt. */
  readonly atPrompt: boolean;
}

/** Raw output kept per window; beyond this only the end is kept. */
const maxWindowChars = 1024 * 1024;
/** Normalised output kept for failure tails. */
const maxTranscriptChars = 256 * 1024;

const promptLine = /[$#%>]\s*$/;

/** `s` without whitespace, and for each kept character its index in `s`. */
function squeeze(s: string): { text: string; at: number[] } {
  let text = '';
  const at: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (!/\s/.test(s.charAt(i))) {
      text += s.charAt(i);
      at.push(i);
    }
  }
  return { text, at };
}

/**
 * Removes the echo of `sent` from the start of the window. The terminal echoes typed input at
 * once, before the command can print anything, so the echo starts on the window's first line
 * (after a prompt at most). Whitespace, line breaks included, is ignored in the comparison
 * because a terminal wraps a long line by inserting blanks or a line break. With echo off (a
 * password prompt) the first line does not hold it and nothing is removed.
 */
function withoutEcho(text: string, sent: SentInput | null): string {
  if (sent === null) return text;
  const echo = squeeze(sent.text).text;
  if (echo === '') return text;
  const firstBreak = text.indexOf('\n');
  const firstLineEnd = firstBreak === -1 ? text.length : firstBreak;
  const all = squeeze(text);
  const found = all.text.indexOf(echo);
  if (found === -1 || (all.at[found] ?? text.length) >= firstLineEnd) {
    // The echo is still arriving: what there is of the line is the start of it.
    return firstBreak === -1 && echo.startsWith(all.text) ? '' : text;
  }
  const echoEnd = (all.at[found + echo.length - 1] ?? text.length - 1) + 1;
  const lineEnd = text.indexOf('\n', echoEnd);
  const rest = text.slice(echoEnd, lineEnd === -1 ? text.length : lineEnd);
  // exec: the echo's line ends with the Enter; write: what follows on the line stays.
  if (lineEnd !== -1 && rest.trim() === '') return text.slice(lineEnd + 1);
  return text.slice(echoEnd);
}

const wordChars = 'A-Za-z0-9_';
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const basename = (word: string): string => word.split('/').pop() ?? word;

/**
 * In a line the command printed as `program: message` (the Unix diagnostic format), the
 * command's own words are blanked: `id: 'x': no such user` says nothing about x existing.
 */
function blankDiagnostics(lines: readonly string[], words: readonly string[]): string[] {
  const programs = new Set(words.map(basename).filter((word) => /^[A-Za-z0-9_.+-]+$/.test(word)));
  const quoted = words.filter((word) => /[A-Za-z0-9]/.test(word));
  return lines.map((line) => {
    const prefix = /^-?([A-Za-z0-9_.+-]+): /.exec(line);
    const program = prefix?.[1];
    if (prefix === null || program === undefined || !programs.has(program)) return line;
    let rest = line.slice(prefix[0].length);
    for (const word of quoted) {
      if (basename(word) === program) continue;
      rest = rest.replace(new RegExp(`(?<![${wordChars}])${escapeRegExp(word)}(?![${wordChars}])`, 'g'), '…');
    }
    return prefix[0] + rest;
  });
}

function makeView(text: string, lines: readonly string[], sawLineBreak: boolean): WindowView {
  const cursorLine = lines[lines.length - 1] ?? '';
  return { text, lines, cursorLine, atPrompt: sawLineBreak && promptLine.test(cursorLine) };
}

export class OutputWindow {
  #raw = '';
  #sent: SentInput | null = null;
  #transcript = '';

  append(chunk: string): void {
    this.#raw += chunk;
    if (this.#raw.length > maxWindowChars) this.#raw = this.#raw.slice(-maxWindowChars);
  }

  /** Called as the template sends input: what arrives from now on is the new window. */
  open(sent: SentInput): void {
    this.#transcript = (this.#transcript + terminalText(this.#raw)).slice(-maxTranscriptChars);
    this.#raw = '';
    this.#sent = sent;
  }

  view(): WindowView {
    const all = terminalText(this.#raw);
    const text = withoutEcho(all, this.#sent);
    return makeView(text, text.split('\n'), all.includes('\n'));
  }

  /** The view for no-expect: the command's diagnostics do not count as quoting its arguments. */
  noExpectView(): WindowView {
    const base = this.view();
    if (this.#sent === null) return base;
    const lines = blankDiagnostics(base.lines, this.#sent.words);
    return makeView(lines.join('\n'), lines, base.atPrompt);
  }

  /** Everything received so far as terminal text (bounded), for failure tails. */
  transcript(): string {
    return (this.#transcript + terminalText(this.#raw)).slice(-maxTranscriptChars);
  }
}
