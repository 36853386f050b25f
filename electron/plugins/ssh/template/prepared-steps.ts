/** A template's commands with their tag values in place, ready to run. */
import type { OutputMatcher } from './output-matchers';
import type { SentInput } from './output-window';

export type PreparedStep =
  | {
      readonly kind: 'exec' | 'write';
      readonly line: number;
      /** Exactly what is typed, the line ending (set-new-line-mode) included for exec. */
      readonly send: string;
      readonly display: string;
      readonly sent: SentInput;
    }
  | {
      readonly kind: 'expect' | 'expect-regex' | 'no-expect';
      readonly line: number;
      readonly matcher: OutputMatcher;
      readonly display: string;
    }
  | {
      readonly kind: 'set-connect-timeout' | 'set-read-timeout' | 'sleep';
      readonly line: number;
      readonly seconds: number;
      readonly display: string;
    }
  /** Settings the conversation has nothing to do for: the line ending is already in `send`. */
  | {
      readonly kind: 'set-ssh-version' | 'set-new-line-mode';
      readonly line: number;
      readonly display: string;
    }
  | { readonly kind: 'end'; readonly line: number; readonly display: string };
