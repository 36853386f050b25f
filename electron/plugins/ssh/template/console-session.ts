/**
 * Consoles a template opens in the shell and then talks to: a Python console (WebLogic's
 * `wlst.sh`, `wsadmin.sh -lang jython`, `python3`) or a Tcl one (`wsadmin.sh`, whose default is
 * Jacl, `tclsh`). Their lines are not shell input, so the shell's rules do not place the tags in
 * them; python-reader.ts and tcl-reader.ts do, each allowing a value in one kind of place only
 * (MATCHING.md, "Values in a console"). A console started in a way this check does not follow
 * (through sudo or env, with options it does not know) refuses every value after it.
 *
 * A value there is written with every character but a letter or a digit as a three-digit octal
 * escape (`\047` for `'`), which Python string literals and Tcl words both read back as that
 * character. The escaped value holds only letters, digits and backslashes, so it cannot close a
 * quote, open a bracket or end a command in either language. What the escaping cannot know is
 * what a function does with the string: a session that names an evaluator (`eval`, `exec`,
 * `subst`, `catch`, an import…) anywhere refuses all its values.
 */
import { Placement } from './tag-placement';
import { PythonReader, pythonEvaluators } from './python-reader';
import { TclReader, tclEvaluators } from './tcl-reader';

export type ConsoleKind = 'python' | 'tcl';

export interface ConsoleLayer {
  readonly kind: ConsoleKind;
  /** Tcl: a plain argument wsadmin parses itself (a containment path): some characters refused. */
  readonly plainArgument?: boolean;
}

/** A console an exec line starts: one this check reads, with its exit lines, or one it cannot. */
export type ConsoleStart =
  | {
      readonly kind: ConsoleKind;
      readonly exits: ReadonlySet<string>;
      /** wsadmin's Jacl: its $AdminConfig… objects exist (a plain tclsh has none). */
      readonly wsadmin?: boolean;
    }
  | { readonly kind: 'unknown'; readonly name: string };

/** One character of a console line, or a tag (the shell reader's items). */
type Item = string | Placement;

/** A plain command line: words of these characters only, so what runs can be read from it. */
const plainLine = /^[A-Za-z0-9_./=:%@+,# -]+$/;
const basename = (path: string): string => path.slice(path.lastIndexOf('/') + 1).replace(/^\\/, '');

const pythonLaunchers = /^(?:python[0-9.]*|pypy[0-9.]*|jython(?:\.sh)?|wlst(?:\.sh)?)$/;
const tclLaunchers = /^(?:tclsh[0-9.]*|wish[0-9.]*|jaclsh|jacl)$/;
const wsadmin = /^wsadmin(?:\.sh)?$/;
/** Programs with an interactive reader of their own, started from a template's shell. */
const otherReaders =
  /^(?:java|ipython[0-9.]*|bpython|micropython|jimsh|itclsh|python[0-9.]*-dbg|psql|mysql|mariadb|sqlplus|sqlite3?|mongo|mongosh|redis-cli|cqlsh|node|nodejs|deno|irb|pry|php|lua|luajit|perl[0-9.]*|ruby|ftp|lftp|sftp|telnet|bc|dc|gdb|lldb|R|ghci|clisp|sbcl|guile|racket|jshell|groovysh|scala|erl|iex|expect|sqlcmd|isql|db2|clpplus|ksql|beeline|hbase|spark-shell|pyspark)$/;
const anyLauncher = (name: string): boolean =>
  pythonLaunchers.test(name) || tclLaunchers.test(name) || wsadmin.test(name);
/** python3's options that leave it an interactive console (not -S: no exit() without site). */
const pythonConsoleOptions = new Set(['-q', '-u', '-B', '-E', '-s', '-I', '-b', '-bb', '-O', '-OO']);
/** python3's options that run something and return to the shell (no console). */
const pythonReturns = /^(?:-c.*|-V|-VV|--version|-h|--help)$/;

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

const unknown = (name: string): ConsoleStart => ({ kind: 'unknown', name });
const python: ConsoleStart = { kind: 'python', exits: new Set(['exit()', 'quit()']) };

/**
 * The console an exec line (with no tag) starts, or null when it starts none: a launcher run
 * alone with options this check knows is a console it reads; run with a script, `-c`, `-m` or
 * `--version` it returns to the shell (null); any other way (behind sudo or env, unknown
 * options, a tag in the line) it is a console this check cannot follow.
 */
export function consoleOpenedBy(line: string): ConsoleStart | null {
  const words = line.trim().split(/\s+/);
  const end = words.findIndex((word) => word.startsWith('#'));
  const [first, ...args] = end === -1 ? words : words.slice(0, end);
  if (first === undefined) return null;
  const name = basename(first);
  // The launcher named anywhere in the line, whatever quoting, escaping or wrapper is around it
  // (`FOO=1 tclsh`, `tc\lsh`, `$'tclsh'`, `eval tclsh`, `sh -c tclsh`): only the plain forms
  // below are followed; any other start of a console refuses every later value.
  const names = line.split(/[\s;|&()<>=`]+/).map((word) => basename(word.replace(/[\\'"${},]/g, '')));
  const named = names.find(anyLauncher);
  if (named === undefined) {
    // Another program that reads the lines after it with its own syntax (an SQL shell, a REPL):
    // this check knows none of them, and shell quoting does not hold there (psql's \!).
    const repl = names.find((word) => otherReaders.test(word));
    if (repl !== undefined) return unknown(repl);
    // A command whose name is not plain text (an expansion, a glob) may be anything, a console too.
    // (`[` and `[[` alone are the test commands.)
    // Assignments before it (`a[1]=x`, `U=[#USERNAME#]` alone on its line) are not its name,
    // unless a command substitution in them could start one (`a[$($x)]=1`, `U=$($x)`); an
    // operator ends them (`a=1;$c` runs $c).
    const command =
      /^(?:[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]\s$`;&|<>()]*\])?\+?=(?:[^\s$`;&|<>()]|\$(?!\())*(?:\s+|$))*(\S*)/.exec(
        line.trim(),
      )?.[1] ?? '';
    return command !== '[' && command !== '[[' && /[$`*?[]/.test(command)
      ? unknown('a command whose name is not plain text')
      : null;
  }
  if (!anyLauncher(name) || !plainLine.test(line)) return unknown(named);
  if (pythonLaunchers.test(name)) {
    // -X and -W take a value (the word after them is not a script); - reads the terminal as a
    // script; -i stays interactive after a script or -c.
    // -m runs a module, which may itself be a console (code, asyncio, pdb).
    if (args.some((arg) => /^-[XWm]/.test(arg) || arg === '-' || /^-[a-zA-Z]*i/.test(arg))) {
      return args.length === 1 && args[0] === '-i' ? python : unknown(name);
    }
    if (args.some((arg) => pythonReturns.test(arg) || !arg.startsWith('-'))) return null;
    if (name.startsWith('python') || name.startsWith('pypy'))
      return args.every((arg) => pythonConsoleOptions.has(arg)) ? python : unknown(name);
    return args.length === 0 ? python : unknown(name);
  }
  if (tclLaunchers.test(name)) {
    if (args.length === 0) return { kind: 'tcl', exits: new Set(['exit']), wsadmin: false };
    return args[0]?.startsWith('-') === true ? unknown(name) : null;
  }
  if (args.some((arg) => arg === '-f' || arg === '-c')) return null;
  let kind: ConsoleKind = 'tcl';
  for (let i = 0; i < args.length; i += 2) {
    const arg = args[i] ?? '';
    if (!wsadminWithValue.has(arg) || args[i + 1] === undefined) return unknown(name);
    if (arg === '-lang') {
      const value = args[i + 1];
      if (value === 'jython') kind = 'python';
      else if (value !== 'jacl') return unknown(name);
    }
  }
  return kind === 'python' ? python : { kind: 'tcl', exits: new Set(['exit', 'quit']), wsadmin: true };
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

/**
 * Words of a line that may leave the console (an exit this reading does not recognise): Python's
 * `raise SystemExit` too. Looked for with backslashes dropped as well, as Tcl reads `ex\it`.
 */
const exitWords = /\b(?:exit|quit|_exit|exitfunc|kill|abort)\b|SystemExit/;

/** What a plain tclsh does with a command name it does not know. */
const programName =
  'a command that is not one of Tcl’s, which an interactive tclsh runs as a program on the terminal';

/**
 * Reads the lines sent to one console, as a stream (a write continues on the next line), and
 * records each tag's place; at finish(), the session rule (an evaluator anywhere refuses all).
 */
export class ConsoleReader {
  readonly kind: ConsoleKind | 'unknown';
  readonly #start: ConsoleStart;
  readonly #python: PythonReader | null;
  readonly #tcl: TclReader | null;
  readonly #tags: Placement[] = [];

  constructor(start: ConsoleStart) {
    this.#start = start;
    this.kind = start.kind;
    this.#python = start.kind === 'python' ? new PythonReader() : null;
    this.#tcl = start.kind === 'tcl' ? new TclReader(start.wsadmin === true) : null;
  }

  /** Nothing is open: a line typed now is read as a new line of the console. */
  get clean(): boolean {
    return this.#python?.clean ?? this.#tcl?.clean ?? false;
  }

  /**
   * Whether `line`, an exec's text, ends the console: one of its exits, written alone, at the top
   * level (not inside an open block, bracket or string). The shell reads the lines after it.
   */
  closesOn(line: string): boolean {
    const start = this.#start;
    if (start.kind === 'unknown' || !this.clean || this.#python?.inBlock === true) return false;
    // A session that can run strings as code may have redefined its exit (globals()['exit'],
    // rename exit): its exit is not believed, and the console is followed to the end.
    if (this.#evaluatorUsed() !== undefined) return false;
    return start.exits.has(line.replace(/\s+$/, ''));
  }

  /** One exec or write line's items; `closing`: it is the console's exit (closesOn). */
  feed(items: readonly Item[], text: string, closing: boolean): void {
    const start = this.#start;
    for (const item of items) {
      if (!(item instanceof Placement)) continue;
      this.#tags.push(item);
      if (start.kind === 'unknown') {
        item.context = 'console';
        item.refuseAll(
          `is sent to ${start.name}, started in a way this check does not follow (behind another command, or with options it does not know): it reads the value with its own rules`,
        );
      }
    }
    this.#python?.feed(items);
    this.#tcl?.feed(items);
    // A line that may leave the console without this check knowing: nothing after it is followed.
    if (!closing && (exitWords.test(text) || exitWords.test(text.replace(/\\(.)/g, '$1')))) {
      const why = 'comes after a line that may leave the console (an exit this check does not follow)';
      this.#python?.lose(why);
      this.#tcl?.lose(why);
    }
  }

  /** The first name of the session's code that can run a string as code, or undefined. */
  #evaluatorUsed(): string | undefined {
    const reader = this.#python ?? this.#tcl;
    if (reader === null) return undefined;
    const evaluators = this.#python !== null ? pythonEvaluators : tclEvaluators;
    const names = new Set(reader.code.split(/[^A-Za-z0-9_]+/));
    // $AdminConfig is followed only as wsadmin's own object: a session that names it otherwise
    // (set AdminConfig if) may have made it anything.
    if (this.#tcl !== null && /(?<!\$)\bAdmin(?:Config|Task|Control|App)\b/.test(reader.code))
      names.add('set Admin…');
    if (this.#tcl?.numericEscape === true) names.add('a numeric escape (\\145)');
    // A name built at run time (${n}it, set $n) may be any command.
    if (this.#tcl !== null && (/\$\{|\bset\s+\$/.test(reader.code) || this.#tcl.builtName))
      names.add('a name built at run time (${…})');
    if (this.#tcl?.program === true) names.add(programName);
    const dunder = this.#python !== null && reader.code.includes('__');
    return (
      [
        ...evaluators,
        'set Admin…',
        'a numeric escape (\\145)',
        'a name built at run time (${…})',
        programName,
      ].find((name) => names.has(name)) ?? (dunder ? 'a __name__' : undefined)
    );
  }

  /** The console's input ended (it exited, or the template did): the session rule, then what is still open. */
  finish(): void {
    this.#tcl?.finish();
    const used = this.#evaluatorUsed();
    if (used === undefined) return;
    const what = used;
    for (const tag of this.#tags)
      tag.refuseAll(
        `is in a ${this.#python !== null ? 'Python' : 'Tcl'} console session that uses ${what}, which can run a string as code or as a command (escaping does not hold there)`,
      );
  }
}
