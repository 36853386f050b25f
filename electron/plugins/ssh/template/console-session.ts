/**
 * Consoles a template opens in the shell and then talks to: a Python console (WebLogic's
 * `wlst.sh`, `wsadmin.sh -lang jython`, `python3`) or a Tcl one (`wsadmin.sh`, whose default is
 * Jacl, `tclsh`). Their lines are not shell input, so the shell's rules do not place the tags in
 * them; these readers do, with each language's own quotes (MATCHING.md, "Values in a console").
 *
 * A value there is written with every character but a letter or a digit as a three-digit octal
 * escape (`\047` for `'`), which Python string literals and Tcl words both read back as that
 * character, and only once. The escaped value holds only letters, digits and backslashes, so it
 * cannot close a quote, open a bracket or end a command in either language, nor in a shell if
 * the console did not start after all (a shell drops or keeps the backslashes; nothing runs).
 * What the escaping cannot know is what a function does with the string: a line that hands text
 * to an evaluator (`eval`, `exec`, `subst`, `os.system`…) refuses its values, as a shell refuses
 * values given to `sh -c`.
 */
import { Placement, tagMarker } from './tag-placement';

export interface ConsoleLayer {
  readonly kind: 'python' | 'tcl';
}

/** One character of a console line, or a tag (the shell reader's items). */
type Item = string | Placement;

/** A plain command line: words of these characters only, so what runs can be read from it. */
const plainLine = /^[A-Za-z0-9_./=:%@+,# -]+$/;
const basename = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

const pythonLaunchers = /^(?:python[0-9.]*|jython(?:\.sh)?|wlst(?:\.sh)?)$/;
const tclLaunchers = /^(?:tclsh[0-9.]*|jaclsh|jacl)$/;
const wsadmin = /^wsadmin(?:\.sh)?$/;
/** wsadmin's options that take a value; -f and -c make it run a script and exit. */
const wsadminWithValue = new Set([
  '-lang',
  '-conntype',
  '-host',
  '-port',
  '-user',
  '-password',
  '-profile',
  '-profileName',
  '-wsadmin_classpath',
  '-javaoption',
  '-tracefile',
  '-appendtrace',
  '-p',
  '-jobid',
  '-jobidfile',
  '-cell',
  '-node',
]);

/**
 * The console an exec line (with no tag) opens, or null: a launcher with options only (a script
 * argument, `-c` or `-f` runs that and returns to the shell).
 */
export function consoleOpenedBy(line: string): ConsoleLayer['kind'] | null {
  if (!plainLine.test(line)) return null;
  const words = line.trim().split(/ +/);
  const end = words.findIndex((word) => word.startsWith('#'));
  const [command, ...args] = end === -1 ? words : words.slice(0, end);
  if (command === undefined) return null;
  const name = basename(command);
  if (pythonLaunchers.test(name) || tclLaunchers.test(name)) {
    if (args.some((arg) => !arg.startsWith('-') || arg === '-c' || arg === '-m' || arg === '-')) return null;
    return pythonLaunchers.test(name) ? 'python' : 'tcl';
  }
  if (!wsadmin.test(name)) return null;
  let language: ConsoleLayer['kind'] = 'tcl';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (!wsadminWithValue.has(arg)) return null;
    if (arg === '-lang') {
      const value = args[i + 1];
      if (value === 'jython') language = 'python';
      else if (value !== 'jacl') return null;
    }
    i++;
  }
  return language;
}

/** The console's own exit: the shell reads what comes after it again. */
export function closesConsole(kind: ConsoleLayer['kind'], line: string): boolean {
  const text = line.trim();
  return kind === 'python'
    ? /^(?:exit|quit)\(\s*\d*\s*\)$/.test(text)
    : /^(?:exit|quit)(?: +\d+)?$/.test(text);
}

/** Every character but a letter or a digit as a three-digit octal escape (see the top of the file). */
export function consoleEscape(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    out += /^[A-Za-z0-9]$/.test(char) ? char : `\\${code.toString(8).padStart(3, '0')}`;
  }
  return out;
}

/** Names that, on a line, may run a string as code or as a command: the line's values are refused. */
const evaluators: Record<ConsoleLayer['kind'], ReadonlySet<string>> = {
  python: new Set([
    'eval',
    'exec',
    'execfile',
    'compile',
    'input',
    'system',
    'popen',
    'Popen',
    'spawn',
    'subprocess',
    'commands',
    'os',
    'pty',
    'Runtime',
    'ProcessBuilder',
    '__import__',
    'getattr',
    'call',
    'check_call',
    'check_output',
    'runpy',
  ]),
  tcl: new Set([
    'eval',
    'subst',
    'uplevel',
    'interp',
    'namespace',
    'after',
    'source',
    'exec',
    'open',
    'proc',
    'apply',
    'trace',
    'socket',
    'load',
    'rename',
    'fileevent',
    'expr',
  ]),
};

const reasons = {
  outsideString:
    'sits outside a Python string literal in a console line, where the console would read the value as code: put it inside \'…\' or "…"',
  prefixed:
    "sits in a raw, byte or formatted string (r'…', b'…', f'…'), where escapes are not read as written",
  backslash: 'follows a backslash, which would escape the first character of the value',
  comment: 'sits in a comment of a console line',
  commandName:
    'is in the name of a Tcl command (the first word of a command, or of a [...] substitution): the value would choose what runs',
  variable: 'follows $ in its word: Tcl would read the value as part of a variable name or index',
  braced:
    'sits inside {…} in a Tcl console line, where whether Tcl reads the value again (as a list, as a script) is not in the template: only a word outside braces, or an attribute pair {{name [#TAG#]}} as wsadmin takes it, is followed',
  evaluator: (kind: ConsoleLayer['kind'], name: string) =>
    `is on a ${kind === 'python' ? 'Python' : 'Tcl'} console line that uses ${name}, which can run a string as code or as a command (escaping does not hold there)`,
};

/**
 * Reads the lines sent to one console, as a stream (a write continues on the next line), and
 * records each tag's place. `lost` is set when the reading can no longer be followed (a string
 * left open at the end of a line): the values after it are refused.
 */
export class ConsoleReader {
  #string: { quote: string; triple: boolean; plain: boolean } | null = null;
  #comment = false;
  #depth = 0;
  #lost: string | null = null;
  /** The current logical line: its text (strings blanked) and its tags, for the evaluator rule. */
  #lineText = '';
  #lineTags: Placement[] = [];
  /** Tcl: a word starts here (for `"` and `#`). */
  #wordStart = true;
  #commandStart = true;
  /** Tcl, outside braces: inside the first word of a command (its name). */
  #firstWord = true;
  /** Tcl, outside braces: the text of the current word, for `$` before a tag. */
  #word = '';
  /** Tcl: the `[` substitutions open outside braces, each with its word's state before it. */
  #brackets: { firstWord: boolean; word: string }[] = [];
  /** Tcl: the open brace groups, innermost last: where each one's text starts, and its tags. */
  #groups: { start: number; tags: Placement[] }[] = [];

  constructor(readonly kind: ConsoleLayer['kind']) {}

  /** Nothing is open: a line typed now is read as a new line of the console. */
  get clean(): boolean {
    return (
      this.#lost === null &&
      this.#string === null &&
      this.#depth === 0 &&
      this.#groups.length === 0 &&
      this.#lineText === ''
    );
  }

  feed(items: readonly Item[]): void {
    for (let at = 0; at < items.length; at++) {
      const item = items[at];
      if (item === undefined) continue;
      if (item instanceof Placement) this.#tag(item);
      else if (item === '\\') {
        const next = items[at + 1];
        if (next instanceof Placement) next.refuseAll(reasons.backslash);
        else if (next !== undefined) {
          if (!this.#inString() && this.#depth === 0 && next === '\n') this.#lineText += ' ';
          if (this.kind === 'tcl') this.#word += next;
          at++;
          continue;
        }
      } else this.#char(item, items, at);
      if (item !== '\\' && typeof item === 'string') this.#wordStart = /\s/.test(item) || item === ';';
    }
  }

  #inString(): boolean {
    return this.#string !== null;
  }

  #tag(tag: Placement): void {
    tag.context = 'console';
    tag.inner = { kind: this.kind };
    this.#lineTags.push(tag);
    if (this.#lost !== null) tag.refuseAll(this.#lost);
    if (this.#comment) tag.refuseAll(reasons.comment);
    if (this.kind === 'python') {
      if (this.#string === null) tag.refuseAll(reasons.outsideString);
      else if (!this.#string.plain) tag.refuseAll(reasons.prefixed);
    }
    if (this.kind === 'tcl') this.#tclTag(tag);
    else if (this.#string === null) this.#lineText += 'x';
    this.#commandStart = false;
    this.#wordStart = false;
  }

  /**
   * Outside braces a Tcl line is parsed once, so an escaped value reads back exactly, but not as a
   * command's name or after `$`. Inside braces it is judged when its group closes.
   */
  #tclTag(tag: Placement): void {
    this.#lineText += tagMarker;
    const group = this.#groups.at(-1);
    if (group !== undefined) {
      group.tags.push(tag);
      return;
    }
    if (this.#firstWord) tag.refuseAll(reasons.commandName);
    if (this.#word.includes('$')) tag.refuseAll(reasons.variable);
    this.#word += tagMarker;
  }

  /**
   * A brace group closed: its tags stand only as the value of an attribute pair inside an
   * attribute list, `{{name [#TAG#]}}`, which wsadmin reads as a list of lists, down to the value,
   * which it reads (and unescapes) once. Anywhere else in braces how often the text is read again
   * is not in the template: a value read fewer times would keep its escapes.
   */
  #closeGroup(): void {
    const group = this.#groups.pop();
    if (group === undefined) return;
    const content = this.#lineText.slice(group.start, -1);
    const pair = new RegExp(`^\\s*[A-Za-z_][A-Za-z0-9_]*\\s+${tagMarker}\\s*$`).test(content);
    if (pair && this.#groups.length > 0) return;
    for (const tag of group.tags) tag.refuseAll(reasons.braced);
  }

  /** The console's input ended (it exited, or the template did): what is still open is refused. */
  finish(): void {
    for (const group of this.#groups) for (const tag of group.tags) tag.refuseAll(reasons.braced);
    this.#groups = [];
  }

  #char(char: string, items: readonly Item[], at: number): void {
    if (char === '\n') {
      this.#newline();
      return;
    }
    if (this.#comment) return;
    if (this.kind === 'python') this.#python(char, items, at);
    else this.#tcl(char);
  }

  #python(char: string, items: readonly Item[], at: number): void {
    const open = this.#string;
    if (open !== null) {
      if (char !== open.quote) return;
      if (!open.triple) this.#string = null;
      else if (items[at + 1] === char && items[at + 2] === char) this.#string = null;
      return;
    }
    if (char === "'" || char === '"') {
      const prefix = /[A-Za-z]*$/.exec(this.#lineText)?.[0] ?? '';
      const triple = items[at + 1] === char && items[at + 2] === char;
      this.#string = { quote: char, triple, plain: prefix === '' || prefix.toLowerCase() === 'u' };
      this.#lineText += ' ';
      return;
    }
    if (char === '#') this.#comment = true;
    else if ('([{'.includes(char)) this.#depth++;
    else if (')]}'.includes(char)) this.#depth = Math.max(0, this.#depth - 1);
    this.#lineText += char;
  }

  #tcl(char: string): void {
    this.#lineText += char;
    if (this.#groups.length > 0) {
      if (char === '{') this.#groups.push({ start: this.#lineText.length, tags: [] });
      else if (char === '}') this.#closeGroup();
      return;
    }
    const blank = /\s/.test(char);
    if (this.#string !== null) {
      if (char === '"') this.#string = null;
      else this.#substitution(char);
      this.#word += char;
      return;
    }
    if (this.#commandStart && char === '#') {
      this.#comment = true;
      return;
    }
    if (char === '{' && this.#wordStart) {
      this.#groups.push({ start: this.#lineText.length, tags: [] });
      return;
    }
    if (char === '"' && this.#wordStart) this.#string = { quote: '"', triple: false, plain: true };
    else if (char === ';') {
      this.#startCommand();
      return;
    } else if (this.#substitution(char)) return;
    if (blank) {
      if (this.#word !== '') this.#firstWord = false;
      this.#word = '';
    } else {
      this.#commandStart = false;
      this.#word += char;
    }
  }

  /** `[` starts a command (its first word is a name), `]` returns to the word around it. */
  #substitution(char: string): boolean {
    if (char === '[') {
      this.#brackets.push({ firstWord: this.#firstWord, word: this.#word });
      this.#startCommand();
      return true;
    }
    if (char === ']') {
      const outer = this.#brackets.pop();
      if (outer === undefined) return false;
      this.#firstWord = outer.firstWord;
      this.#word = `${outer.word}[]`;
      this.#commandStart = false;
      return true;
    }
    return false;
  }

  #startCommand(): void {
    this.#commandStart = true;
    this.#firstWord = true;
    this.#word = '';
  }

  #newline(): void {
    this.#comment = false;
    const open = this.#string;
    if (this.kind === 'python' && open !== null && !open.triple) {
      this.#lost ??=
        'comes after a string left open at the end of its line, which this check does not follow';
      this.#string = null;
    }
    // A Python line inside brackets, a Tcl line inside braces or quotes, goes on.
    if (this.#depth > 0 || this.#groups.length > 0 || this.#string !== null) {
      this.#lineText += ' ';
      return;
    }
    const words = new Set(this.#lineText.split(/[^A-Za-z0-9_]+/));
    const evaluator = [...evaluators[this.kind]].find((name) => words.has(name));
    if (evaluator !== undefined)
      for (const tag of this.#lineTags) tag.refuseAll(reasons.evaluator(this.kind, evaluator));
    this.#lineText = '';
    this.#lineTags = [];
    this.#brackets = [];
    this.#startCommand();
  }
}
