/**
 * The two kinds of pattern, compiled: `expect "wildcard"` (see MATCHING.md) and
 * `expect-regex "/re/flags"`. A matcher looks at a window view (output-window.ts) and returns
 * the text it matched, or null.
 */
import type { WindowView } from './output-window';

export interface OutputMatcher {
  /** The matched line (wildcards) or match (regex); null when there is none. */
  match(view: WindowView): string | null;
}

/** Part of a pattern: template text (where `*` is a wildcard) or a tag's value (always literal). */
export interface PatternPart {
  readonly text: string;
  readonly literal: boolean;
}

type Token =
  | { readonly wildcard: true }
  | { readonly wildcard: false; readonly char: string; readonly special: boolean };

/** Shell prompts end in one of these; `$`, `#` and `%` stand for each other (user, root, csh/zsh). */
const promptSigils = new Set(['$', '#', '%', '>']);
const escapable = new Set(['*', '$', '#', '%', '>']);

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function tokenize(parts: readonly PatternPart[]): Token[] {
  const tokens: Token[] = [];
  for (const part of parts) {
    for (let i = 0; i < part.text.length; i++) {
      const char = part.text.charAt(i);
      if (part.literal) {
        tokens.push({ wildcard: false, char, special: false });
      } else if (char === '\\' && escapable.has(part.text.charAt(i + 1))) {
        // `\*` is a star, `\$` a dollar that is not a prompt.
        tokens.push({ wildcard: false, char: part.text.charAt(i + 1), special: false });
        i++;
      } else if (char === '*') {
        tokens.push({ wildcard: true });
      } else {
        tokens.push({ wildcard: false, char, special: promptSigils.has(char) });
      }
    }
  }
  // Trailing blanks are ignored, as they are in the output (prompts end in a space).
  let end = tokens.length;
  for (let last = tokens[end - 1]; last && !last.wildcard && /\s/.test(last.char); last = tokens[end - 1])
    end--;
  return tokens.slice(0, end);
}

const tokensToRegExp = (tokens: readonly Token[]): string =>
  tokens.map((token) => (token.wildcard ? '.*' : escapeRegExp(token.char))).join('');

/** `expect "pattern"` / `no-expect "pattern"`: wildcards, matched line by line. */
export function wildcardMatcher(parts: readonly PatternPart[]): OutputMatcher {
  let tokens = tokenize(parts);
  const only = tokens[0];
  // A lone sigil (`expect "$"`, as Tcl expect scripts write it) means "the prompt".
  if (tokens.length === 1 && only && !only.wildcard && only.special) tokens = [{ wildcard: true }, only];

  const first = tokens[0];
  const anchor = first && !first.wildcard ? '^' : '';
  const last = tokens[tokens.length - 1];

  if (last && !last.wildcard && last.special) {
    // A prompt pattern: the shell waits on the line the cursor is on, which ends in the sigil.
    const sigil = last.char === '>' ? '>' : '[$#%]';
    const prompt = new RegExp(`${anchor}${tokensToRegExp(tokens.slice(0, -1))}${sigil}\\s*$`);
    return { match: (view) => (prompt.test(view.cursorLine) ? view.cursorLine.trimEnd() : null) };
  }
  const line = new RegExp(`${anchor}${tokensToRegExp(tokens)}`);
  return {
    match: (view) => view.lines.map((text) => text.trimEnd()).find((text) => line.test(text)) ?? null,
  };
}

/** Output beyond this (from the end) is not searched by regexes: bounds the cost of a bad one. */
const regexHorizon = 64 * 1024;

/** `expect-regex "/re/flags"`: a JavaScript regular expression over the window's text. */
export function regexMatcher(regex: RegExp): OutputMatcher {
  return {
    match: (view) => {
      const found = regex.exec(view.text.slice(-regexHorizon));
      return found ? found[0] : null;
    },
  };
}

export { escapeRegExp };
