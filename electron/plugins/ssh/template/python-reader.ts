/**
 * The lines a template sends to a Python console (WebLogic's WLST, `wsadmin -lang jython`,
 * python3), read as Python's tokenizer does, to find where a value is followed there: inside a
 * plain string literal (no prefix but `u`) that is itself a whole argument of a call,
 * `connect('[#USERNAME#]', '[#CURRENT_PASSWORD#]', url)`. The string is decoded once, and the
 * value reaches the called function as a string, not as code; anywhere else (an assignment, whose
 * variable a later line may hand to anything; a format string; an operand) it is refused. What a
 * function does with a string is not in the template: a session that names an evaluator or an
 * import anywhere refuses all its values (session rule, console-session.ts).
 */
import { Placement } from './tag-placement';

type Item = string | Placement;

/** Names that reach code or commands from a string, or bring in what does (an import). */
export const pythonEvaluators: ReadonlySet<string> = new Set([
  'import',
  'from',
  'eval',
  'exec',
  'execfile',
  'compile',
  'input',
  'raw_input',
  'getattr',
  'setattr',
  'globals',
  'locals',
  'vars',
  'open',
  'file',
  'os',
  'sys',
  'subprocess',
  'commands',
  'popen',
  'Popen',
  'system',
  'spawn',
  'pty',
  'runpy',
  'timeit',
  'pdb',
  'code',
  'asyncio',
  'pickle',
  'marshal',
  'shelve',
  'ctypes',
  'Runtime',
  'ProcessBuilder',
  'java',
  'javax',
  'breakpoint',
  'lambda',
  // help('x') imports the module x names; format strings read attributes ({0.__globals__}).
  'help',
  'format',
  // license() pages its text and reads each page's answer from the terminal: later lines.
  'license',
]);

export const pythonReasons = {
  outsideString:
    'sits outside a Python string literal in a console line, where the console would read the value as code: put it inside \'…\' or "…"',
  prefixed:
    "sits in a raw, byte or formatted string (r'…', b'…', f'…'), where escapes are not read as written",
  notArgument:
    'is in a Python string that is not a whole argument of a call (an assignment, a format string, an operand): the check follows a value only into a call',
  comment: 'sits in a comment of a console line',
  admin:
    "is in a string given to wsadmin's AdminConfig, AdminTask, AdminControl or AdminApp, which parses it again as a list ('[[password …]]'): write the list in Python instead",
  backslash: 'follows a backslash, which would escape the first character of the value',
  lost: 'comes after a line this check does not follow (a string left open, a possible exit from the console)',
};

const blockStart = /^(?:@|(?:if|elif|else|for|while|with|try|except|finally|def|class|async|match|case)\b)/;

interface OpenString {
  readonly quote: string;
  readonly triple: boolean;
  /** No prefix but `u`: escapes are read. */
  readonly plain: boolean;
  /** It starts a whole argument of a call (after `(` or `,` of a call's brackets). */
  readonly argument: boolean;
  /** An argument of wsadmin's AdminConfig…, which parses its strings as lists. */
  readonly admin: boolean;
  readonly tags: Placement[];
}

export class PythonReader {
  #string: OpenString | null = null;
  /** The tags of the string just closed, until the character after it (`,` or `)`: an argument). */
  #closed: Placement[] | null = null;
  /** Quotes still to pass of a closing triple quote. */
  #skipQuotes = 0;
  #comment = false;
  /** Brackets open: a call's `(` holds its callee (`AdminConfig.modify`), others null. */
  #brackets: (string | null)[] = [];
  #lost: string | null = null;
  /** The current logical line's code, strings blanked. */
  #line = '';
  /** Whether the current physical line held anything at all (a blank, a comment): not empty. */
  #rawText = false;
  /** A write ended with a `\` (not in a comment): it escapes the next line's first character. */
  #backslash = false;
  /** A compound statement (`if …:`) is open: its lines go on until a blank line. */
  inBlock = false;
  /** The session's code, strings blanked: what the evaluator rule reads. */
  code = '';

  /**
   * Nothing of a line is typed yet: not even a blank, since Python reads a line that starts with
   * one as indented (IndentationError), so `  exit()` after a write of blanks leaves the console on.
   */
  get clean(): boolean {
    return (
      this.#lost === null &&
      this.#string === null &&
      this.#brackets.length === 0 &&
      !this.#backslash &&
      // An open comment takes the rest of the line: `# ` written, then `exit()`, is a comment.
      !this.#comment &&
      this.#line === ''
    );
  }

  /** Reading is lost from here (a line that may leave the console): later values are refused. */
  lose(why: string): void {
    this.#lost ??= why;
  }

  feed(fed: readonly Item[]): void {
    const items = this.#backslash ? ['\\', ...fed] : fed;
    this.#backslash = false;
    for (let at = 0; at < items.length; at++) {
      const item = items[at];
      if (item === undefined) continue;
      if (item instanceof Placement) {
        this.#tag(item);
        continue;
      }
      if (item === '\\' && !this.#comment) {
        const next = items[at + 1];
        if (next instanceof Placement) {
          next.refuseAll(pythonReasons.backslash);
          continue;
        }
        if (next === undefined) {
          this.#backslash = true;
          continue;
        }
        at++;
        this.#rawText = true;
        if (this.#string === null) this.#code(next === '\n' ? ' ' : next);
        continue;
      }
      this.#char(item, items, at);
    }
  }

  #code(text: string): void {
    this.#line += text;
    this.code += text;
  }

  #tag(tag: Placement): void {
    this.#rawText = true;
    tag.context = 'console';
    tag.inner = { kind: 'python' };
    if (this.#lost !== null) tag.refuseAll(this.#lost);
    if (this.#comment) tag.refuseAll(pythonReasons.comment);
    const open = this.#string;
    if (open === null) {
      tag.refuseAll(pythonReasons.outsideString);
      this.#code(' x ');
      return;
    }
    if (!open.plain) tag.refuseAll(pythonReasons.prefixed);
    if (!open.argument) tag.refuseAll(pythonReasons.notArgument);
    if (open.admin) tag.refuseAll(pythonReasons.admin);
    open.tags.push(tag);
  }

  #char(char: string, items: readonly Item[], at: number): void {
    if (char === '\n') {
      this.#newline();
      return;
    }
    this.#rawText = true;
    if (this.#comment) return;
    if (this.#skipQuotes > 0) {
      this.#skipQuotes--;
      return;
    }
    const open = this.#string;
    if (open !== null) {
      if (char !== open.quote) return;
      if (open.triple) {
        if (items[at + 1] !== char || items[at + 2] !== char) return;
        this.#skipQuotes = 2;
      }
      this.#string = null;
      this.#closed = open.tags;
      return;
    }
    if (this.#closed !== null && !/\s/.test(char)) {
      if (char !== ',' && char !== ')')
        for (const tag of this.#closed) tag.refuseAll(pythonReasons.notArgument);
      this.#closed = null;
    }
    if (char === "'" || char === '"') {
      this.#openString(char, items, at);
      return;
    }
    if (char === '#') {
      this.#comment = true;
      return;
    }
    if (char === '(') {
      const callee = /([A-Za-z_][A-Za-z0-9_.]*)\s*$/.exec(this.#line)?.[1];
      this.#brackets.push(callee ?? (/[)\]]\s*$/.test(this.#line) ? '' : null));
    } else if (char === '[' || char === '{') this.#brackets.push(null);
    else if (char === ')' || char === ']' || char === '}') this.#brackets.pop();
    this.#code(char);
  }

  #openString(quote: string, items: readonly Item[], at: number): void {
    const prefix = /[A-Za-z]*$/.exec(this.#line)?.[0] ?? '';
    const triple = items[at + 1] === quote && items[at + 2] === quote;
    if (triple) this.#skipQuotes = 2;
    const before = this.#line.slice(0, this.#line.length - prefix.length).trimEnd();
    this.#string = {
      quote,
      triple,
      plain: prefix === '' || prefix.toLowerCase() === 'u',
      argument: typeof this.#brackets.at(-1) === 'string' && (before.endsWith('(') || before.endsWith(',')),
      admin: /^Admin(?:Config|Task|Control|App)\b/.test(this.#brackets.at(-1) ?? ''),
      tags: [],
    };
    this.#code(' ');
  }

  #newline(): void {
    this.#comment = false;
    const open = this.#string;
    if (open !== null && !open.triple) {
      this.lose('comes after a string left open at the end of its line, which this check does not follow');
      this.#string = null;
    }
    if (this.#brackets.length > 0 || this.#string !== null) {
      this.#code(' ');
      return;
    }
    this.#closed = null;
    const line = this.#line.trim();
    const empty = !this.#rawText;
    this.#rawText = false;
    // Only an empty line ends a block at the prompt (a blank or a comment line does not).
    if (empty) this.inBlock = false;
    // A compound statement (`if 0: pass` on one line too) or a decorator waits for a blank line.
    else if (line.endsWith(':') || blockStart.test(line)) this.inBlock = true;
    this.#line = '';
    this.code += '\n';
  }
}
