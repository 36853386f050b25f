import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import type { StoreProblem } from '../config-store';

export interface LoadedLines<T> {
  readonly items: T[];
  /** 1-based numbers of lines that did not parse (a write cut short, a hand edit). */
  readonly badLines: number[];
  /** False when the file ends in the middle of a line: the next append starts a fresh line. */
  readonly endsWithNewline: boolean;
  readonly existed: boolean;
}

const chunkSize = 1 << 20;
const newline = 0x0a;
/** Bad lines listed one by one in the notice; the rest are counted. */
const listedProblems = 5;

/**
 * Reads an append-only JSON-lines file line by line, in chunks (such files grow without bound, and
 * one string of the whole file could exceed what V8 allows). Splitting on the newline byte is safe
 * in UTF-8: no byte of a multi-byte character is 0x0a.
 *
 * `parse` returns undefined for a line that is not a valid record; such lines are skipped and
 * counted, never repaired: the file is evidence and stays as it is.
 */
export function readJsonLines<T>(path: string, parse: (json: unknown) => T | undefined): LoadedLines<T> {
  if (!existsSync(path)) return { items: [], badLines: [], endsWithNewline: true, existed: false };
  const items: T[] = [];
  const badLines: number[] = [];
  let lineNo = 0;
  const take = (bytes: Buffer) => {
    lineNo += 1;
    const text = bytes.toString('utf8');
    if (text.trim() === '') return;
    const item = parseLine(text, parse);
    if (item === undefined) badLines.push(lineNo);
    else items.push(item);
  };

  const fd = openSync(path, 'r');
  let rest: Buffer = Buffer.alloc(0);
  try {
    const chunk = Buffer.alloc(chunkSize);
    for (;;) {
      const read = readSync(fd, chunk, 0, chunkSize, null);
      if (read === 0) break;
      let data = Buffer.concat([rest, chunk.subarray(0, read)]);
      let start = 0;
      for (let i = data.indexOf(newline); i !== -1; i = data.indexOf(newline, start)) {
        take(data.subarray(start, i));
        start = i + 1;
      }
      data = data.subarray(start);
      // Copy: `chunk` is reused by the next read.
      rest = Buffer.from(data);
    }
  } finally {
    closeSync(fd);
  }
  const endsWithNewline = rest.length === 0;
  if (!endsWithNewline) take(rest);
  return { items, badLines, endsWithNewline, existed: true };
}

function parseLine<T>(text: string, parse: (json: unknown) => T | undefined): T | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  return parse(json);
}

/** One notice for a file's unreadable lines, or none. `what` names the file for a person. */
export function describeBadLines(path: string, what: string, badLines: readonly number[]): StoreProblem[] {
  if (badLines.length === 0) return [];
  const listed = badLines.slice(0, listedProblems).join(', ');
  const more = badLines.length > listedProblems ? ` and ${badLines.length - listedProblems} more` : '';
  return [
    {
      message:
        `The ${what} ${path} has ${badLines.length} unreadable line(s) (line ${listed}${more}), ` +
        'probably a write cut short by a crash. They were skipped and left in the file unchanged.',
    },
  ];
}
