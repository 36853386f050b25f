/**
 * Rows for whyReadingIsLost (shell-settings.ts), as shell-settings.test.ts and its survivors' files
 * write them: a command as words, and the reason its reading is lost, or null.
 */
import { expect, it } from 'vitest';
import {
  classifyCommand,
  type CommandWord,
} from '../../../../../electron/plugins/ssh/template/command-rules';
import { runnerCommandAt } from '../../../../../electron/plugins/ssh/template/runners';
import { commandStringLoses } from '../../../../../electron/plugins/ssh/template/shell-reader';
import { lostReasons, whyReadingIsLost } from '../../../../../electron/plugins/ssh/template/shell-settings';
import { tagMarker } from '../../../../../electron/plugins/ssh/template/tag-placement';

const assignmentWord = /^[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?\+?=/;

/**
 * A word as the command rules see it. `T:x`: a tag completes it (not known, not expanded);
 * `V:x`: it is a tag alone (its `marked` is the tag's marker); `X:x`: an expansion builds it;
 * `R:x`: a redirection's target; `text` is x in each case. Within a word (a command string),
 * `T:x` marks a tag: the reader's `marked` holds its marker there.
 */
export function word(spec: string): CommandWord {
  const kind = /^[TVXR]:/.test(spec) ? spec.charAt(0) : '';
  const text = kind === '' ? spec : spec.slice(2);
  const inner = kind === '' && text.includes('T:');
  return {
    text: inner ? text.replace(/T:/g, '') : text,
    known: (kind === '' || kind === 'R') && !inner,
    expanded: kind === 'X',
    redirect: kind === 'R',
    assignment: assignmentWord.test(text),
    marked: kind === 'V' ? tagMarker : inner ? text.replace(/T:\w*/g, tagMarker) : text,
  };
}

/** A command's words: split at spaces, or given one by one where a word holds a space. */
export type Words = string | readonly string[];
export const words = (spec: Words): CommandWord[] =>
  (typeof spec === 'string' ? spec.split(' ') : spec).map(word);

/**
 * The words from where the runner (the first word, by its file name) runs its command, joined, or
 * null where it runs none.
 */
export function runnerCommand(line: string): string | null {
  const args = words(line);
  const name = args[0]?.text ?? '';
  const at = runnerCommandAt(args, 0, name.slice(name.lastIndexOf('/') + 1));
  return at < 0
    ? null
    : args
        .slice(at)
        .map((w) => w.text)
        .join(' ');
}

export type Reason = keyof typeof lostReasons | null;

/** whyReadingIsLost as the reader asks it, with the command class the command rules give. */
export function lost(spec: Words, readsInput = false, readsTerminal = true): string | null {
  const list = words(spec);
  return whyReadingIsLost(list, classifyCommand(list), readsInput, readsTerminal, (text, _source, bash) =>
    commandStringLoses(text, [], bash),
  );
}

/** A row: the command, the reason, and whether it reads a `<` and the terminal (default: no, yes). */
export type Row = readonly [Words, Reason] | readonly [Words, Reason, boolean, boolean];

/** One test per row; `readsInput` is every row's default for a `<`. */
export function checkRows(rows: readonly Row[], readsInput = false): void {
  it.each(rows)('%j → %s', (spec, reason, input = readsInput, terminal = true) => {
    expect(lost(spec, input, terminal)).toBe(reason === null ? null : lostReasons[reason]);
  });
}
