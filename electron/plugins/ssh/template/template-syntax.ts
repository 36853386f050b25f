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

/**
 * The line ending `exec` sends after its text, as the vendor's `set-new-line-mode` names them. A
 * Linux terminal reads CR as Enter too; network gear and Windows servers may want CR LF.
 */
export const newLineModes = { unix: '\n', windows: '\r\n', mac: '\r' } as const;
export type NewLineMode = keyof typeof newLineModes;

/** Commands the vendor's language has beside the conversation: a word argument, no string. */
export const settingCommandKinds = ['set-ssh-version', 'set-new-line-mode'] as const;
export type SettingCommandKind = (typeof settingCommandKinds)[number];

/** Other spellings the vendor's templates use for a command. */
export const commandAliases: Readonly<Record<string, TextCommandKind>> = { noexpect: 'no-expect' };

export type TemplateCommand =
  | { readonly kind: TextCommandKind; readonly line: number; readonly argument: StringArgument }
  | { readonly kind: SecondsCommandKind; readonly line: number; readonly seconds: number }
  /** SSH protocol 2 is the only one spoken: the line is accepted for the vendor's templates. */
  | { readonly kind: 'set-ssh-version'; readonly line: number; readonly version: 2 }
  | { readonly kind: 'set-new-line-mode'; readonly line: number; readonly mode: NewLineMode }
  | { readonly kind: 'end'; readonly line: number };

export interface ParsedTemplate {
  readonly commands: readonly TemplateCommand[];
  /** From `set-connect-timeout` lines before the conversation starts; null when none. */
  readonly connectTimeoutSeconds: number | null;
}

/** Bounds, so a typo cannot hang a run for a day. */
export const maxTimeoutSeconds = 3600;
export const maxSleepSeconds = 600;
