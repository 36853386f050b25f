/**
 * A tag's place in the shell input, and the reasons a value may not go there: the result of
 * reading a template (shell-reader.ts), shared by the editor's check and the run.
 */

import type { ConsoleLayer } from './console-session';
import type { SedLayer } from './sed-script';

/**
 * A second reader between the shell and the value: sed's s command (its value escaped for it and
 * then quoted for the shell), or a console the template opened, whose lines the shell never reads.
 */
export type InnerLayer = SedLayer | ConsoleLayer;

/** A tag's value in the text of a word, as the shell reader records it. */
export const tagMarker = '\u0000';

export type QuoteContext =
  | 'unquoted'
  | 'single-quotes'
  | 'double-quotes'
  | 'backticks'
  | 'expansion'
  | 'arithmetic'
  | 'comment'
  /** A line of a here-document's body: typed as it is (here-document.ts says when it may be). */
  | 'here-document'
  /** A line of a console the template opened (console-session.ts): no shell reads it. */
  | 'console';

export interface TagPlacement {
  /** Index of the tag in its line's segment list. */
  readonly segment: number;
  readonly context: QuoteContext;
  /** Nothing literal comes before the tag in its word (`""[#X#]` too): a leading `-` is an option. */
  readonly wordStart: boolean;
  /** Why no value of any tag may be inserted here ("follows a backslash…"), or null. */
  readonly refusedForAll: string | null;
  /** Why a value that needs quoting may not be inserted here, or null. */
  readonly refusedQuoted: string | null;
  /** Escaped for this reader first (every value, with a form or not); null: the shell alone. */
  readonly inner: InnerLayer | null;
}

export class Placement implements TagPlacement {
  context: QuoteContext = 'unquoted';
  wordStart = false;
  refusedForAll: string | null = null;
  refusedQuoted: string | null = null;
  inner: InnerLayer | null = null;
  /** Index of the tag's marker in its word's raw text (for subscripts). */
  rawIndex = -1;
  /**
   * Unquoted, where a new top-level command starts: nothing of a command, a pipeline, a compound
   * (if, for, {…) or a group or substitution before it is still open (shell-context.ts).
   */
  freshCommand = false;

  constructor(readonly segment: number) {}

  refuseAll(reason: string): void {
    this.refusedForAll ??= reason;
  }

  refuseQuoted(reason: string): void {
    this.refusedQuoted ??= reason;
  }
}

/** Why a tag is refused, completing "the tag …". */
export const reasons = {
  backslash: 'follows a backslash, which would escape the first character of the value',
  dollar: "follows $, so the shell would read the value as a variable name or as $'…' quoting",
  name: 'continues the name of a variable ($name), so the value would lengthen the name',
  ansi: "sits inside $'…' quotes, where backslashes in the value are escapes",
  otherShells:
    "comes after quotes that other shells pair otherwise than bash (a ' inside ${…} within \"…\", \\' inside $'…', << inside arithmetic): if another shell reads the line (sh, a user's login shell), the value's quotes do not hold",
  backticks: 'sits inside backticks: use $(…), the plugin quotes values itself there',
  brace: 'sits inside ${…}, where bash reads a value as a variable name, a pattern or arithmetic',
  arithmetic:
    'sits in an arithmetic expression ($((…)), ((…)), $[…], for ((…))), where bash evaluates a value as code (a[$(cmd)] runs cmd)',
  subscript: 'sits in an array subscript (name[…]=), which bash evaluates as arithmetic',
  doubleBracket:
    'is in a [[ … ]] test, where bash evaluates operands as arithmetic (-eq, -lt…) or patterns: use [ … ]',
  before:
    'follows a character the shell gives a meaning to (\\, $, ~, {, an expansion…): only a word start, a letter, a digit, a closing quote or one of _ . / : @ % + , = - may come right before a quoted value',
  glob: 'is in a word with * ? or […], which the shell would match against file names',
  braces: 'is in a word with {…,…}, which the shell would expand into several words',
  parenthesis: 'a ( in the middle of a command (a function definition or an extended glob) comes before it',
  descriptorName:
    'sits in {name}> before a redirection, where bash takes the word for the name of a variable (and evaluates its subscript)',
  loopName: "names a for loop's variable, which could be one that changes what runs (PS4, PROMPT_COMMAND…)",
  loopList:
    "is in a for loop's list, whose words bash assigns to the loop's variable in turn (PS4 or PROMPT_COMMAND run what they hold)",
  loopLine:
    'a for loop whose variable ends its line, and whose next word is neither in nor do (a comment, a \\ before in), comes before it, which this check does not follow',
  execInput: 'exec without a command makes the shell read its next commands from a redirection before it',
  continuation:
    'a \\ at a line end right after $, (, <, > or another operator character comes before it: bash joins the lines into one token there, which this check does not follow',
  integerVariable:
    'is assigned to a variable bash evaluates as arithmetic (OPTIND, RANDOM, HISTCMD…), where a name runs what an earlier value left in $_',
  history:
    "is in a template whose own text asks an interactive bash for history expansion (a ! before a word, or a line starting with ^), which can bring an earlier line's value back as code",
  hooks:
    'is in a template that sets a variable changing what bash runs or how it reads (PS0, PS4, PROMPT_COMMAND, a PS1 with an expansion, POSIXLY_CORRECT, histchars, BASH_ENV, BASH_FUNC_…), which this check does not follow',
  hereDocumentLines:
    "is in a template whose here-documents this check could not tell apart from its commands (a console started in a body's lines)",
  assignment:
    'sits in a variable assignment (NAME=…) before a command, where a variable (PATH, LD_PRELOAD, BASH_ENV…) can change what runs',
} as const;
