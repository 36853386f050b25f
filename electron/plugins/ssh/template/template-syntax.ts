/**
 * The SSH template language as data: what the parser produces and the interpreter consumes.
 * Line and column numbers are 1-based and refer to the template's text as written.
 */

/** A quoted argument after its escapes were resolved. */
export interface StringArgument {
  readonly text: string;
  /** `columns[i]` is the template column of `text[i]` (for messages that point into the string). */
  readonly columns: readonly number[];
  /** The column of the opening quote. */
  readonly column: number;
}

export const textCommandKinds = ['exec', 'write', 'expect', 'expect-regex', 'no-expect'] as const;
export type TextCommandKind = (typeof textCommandKinds)[number];

export const secondsCommandKinds = ['set-connect-timeout', 'set-read-timeout', 'sleep'] as const;
export type SecondsCommandKind = (typeof secondsCommandKinds)[number];

export type TemplateCommand =
  | { readonly kind: TextCommandKind; readonly line: number; readonly argument: StringArgument }
  | { readonly kind: SecondsCommandKind; readonly line: number; readonly seconds: number }
  | { readonly kind: 'end'; readonly line: number };

export interface ParsedTemplate {
  readonly commands: readonly TemplateCommand[];
  /** From `set-connect-timeout` lines before the conversation starts; null when none. */
  readonly connectTimeoutSeconds: number | null;
}

/** Bounds, so a typo cannot hang a run for a day. */
export const maxTimeoutSeconds = 3600;
export const maxSleepSeconds = 600;
