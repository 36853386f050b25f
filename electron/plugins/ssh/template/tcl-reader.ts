/**
 * The lines a template sends to a Tcl console (wsadmin's Jacl, tclsh), read as Tcl reads them, to
 * find the one place a value is followed there: the value of an attribute pair inside an attribute
 * list given to a wsadmin object, `$AdminConfig modify $ds {{password [#NEW_PASSWORD#]}}` (the
 * vendor's WebSphere template). Such a list is braced at every level down to the value, so no
 * script parse decodes it, and wsadmin reads it as a list of lists down to the value, which it
 * decodes once. Everywhere else Tcl may decode a value twice (a quoted script given to `if`,
 * `catch`, `eval`…) or not at all (`puts {…}`): refused. Every brace group is read as a script,
 * since any may be one (a body): a quote at a word's start there is a string of that script.
 */
import { Placement, tagMarker } from './tag-placement';

type Item = string | Placement;

/** A brace group, a quoted string or a `[…]` substitution, open at this point. */
interface Frame {
  readonly kind: 'group' | 'string' | 'bracket';
  /** The text of the current command in this frame (from its start or its last `;`). */
  command: string;
  /** The group's text so far (for the pair test), tags as tagMarker. */
  text: string;
  readonly tags: Placement[];
  /** Pair values inside this group, followed once this group (their attribute list) closes. */
  readonly pending: Placement[];
  /** For a group: the command text of the frame around it when it opened. */
  readonly before: string;
  wordStart: boolean;
}

const frame = (kind: Frame['kind'], before = ''): Frame => ({
  kind,
  command: '',
  text: '',
  tags: [],
  pending: [],
  before,
  wordStart: true,
});

/** Commands that run a string as a script or a command, wherever they appear in the session. */
export const tclEvaluators: ReadonlySet<string> = new Set([
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
  'catch',
  'time',
  'lmap',
  'switch',
  'dict',
  'try',
  'coroutine',
  'tailcall',
  'java',
  'vwait',
  'update',
  'package',
  'unknown',
  // They read the terminal: the lines after them are their data, not the console's commands.
  'gets',
  'read',
  'chan',
  'fcopy',
  'history',
]);

/** tclsh 8.6's own commands (`info commands`); an interactive tclsh runs any other name as a program. */
const tclCommands: ReadonlySet<string> = new Set(
  (
    'after append apply array auto_execok auto_import auto_load auto_load_index auto_qualify binary ' +
    'break case catch cd chan clock close concat continue coroutine dict encoding eof error eval exec ' +
    'exit expr fblocked fconfigure fcopy file fileevent flush for foreach format gets glob global ' +
    'history if incr info interp join lappend lassign lindex linsert list llength lmap load lrange ' +
    'lrepeat lreplace lreverse lsearch lset lsort namespace open package pid proc puts pwd read ' +
    'regexp regsub rename return scan seek set socket source split string subst switch tailcall ' +
    'tclLog tell throw time trace try unknown unload unset update uplevel upvar variable vwait while ' +
    'yield yieldto zlib'
  ).split(' '),
);

/** The command text before a group read as an expression: `if`'s, `elseif`'s, `while`'s, `expr`'s, `for`'s test. */
const expressionBefore = /(?:^|[\s;{[])(?:if|elseif|while|expr|for\s+\{[^{}]*\})\s+$/;

const pair = new RegExp(`^\\s*[A-Za-z_][A-Za-z0-9_]*\\s+${tagMarker}\\s*$`);
/**
 * The command text before a tag in a plain word argument (after the method) of a wsadmin
 * object's command: `$AdminConfig getid /DataSource:` before `[#ADD_INFO#]/`.
 */
const adminArgument =
  /^\s*\$Admin(?:Config|Task|Control|App)\s+[A-Za-z]+\s+(?:[^\s"{}[\]\\;]+\s+)*[^\s"{}[\]$\\;]*$/;
/** An attribute list's command: a wsadmin object and plain words (`$AdminConfig modify $rp`). */
const adminCommand = /^\s*\$Admin(?:Config|Task|Control|App)(?:\s+[A-Za-z0-9_$:.-]+)*\s+$/;

export const tclReasons = {
  notPair:
    'sits in a Tcl console line outside the forms this check follows there: a plain word argument of a wsadmin object ($AdminConfig getid /DataSource:[#TAG#]/), or the value of an attribute pair in a list it takes ($AdminConfig modify $id {{name [#TAG#]}}); elsewhere Tcl may decode the value twice, or not at all',
  backslash: 'follows a backslash, which would escape the first character of the value',
  lost: 'comes after a comment, a brace inside a string, [ … ] or a word within braces, or a numeric escape (\\145), which this check does not follow in a Tcl console',
};

export class TclReader {
  /** `wsadmin`: its $AdminConfig… objects exist; in a plain tclsh no form is followed. */
  constructor(private readonly wsadmin: boolean) {}

  /** Outermost first: the top level is a group-like frame of kind 'bracket' (a script). */
  #frames: Frame[] = [frame('bracket')];
  #comment = false;
  /** A write ended with a `\`: it escapes the next line's first character (`\}` closes nothing). */
  #backslash = false;
  /** The brace structure can no longer be followed: every later value is refused. */
  #lost = false;
  /**
   * A command's name is not plain text (`$n$m`, `[string cat ex it]`, `"…"`, `{*}…`, `ex\it`): it
   * may be any command, exit or eval among them. `$AdminConfig`… is wsadmin's.
   */
  builtName = false;
  /** In a plain tclsh, a command that is not Tcl's: tclsh runs it as a program on the terminal. */
  program = false;
  /** A numeric escape (\145val is eval) may spell any name: the session rule refuses the session. */
  numericEscape = false;
  /** The session's text, backslashes resolved: what the evaluator rule reads. */
  code = '';

  /** Reading is lost from here (a line that may leave the console): later values are refused. */
  lose(_why: string): void {
    this.#lost = true;
  }

  get clean(): boolean {
    return !this.#lost && this.#frames.length === 1 && this.#top.command.trim() === '' && !this.#comment;
  }

  get #top(): Frame {
    return this.#frames[this.#frames.length - 1] ?? frame('bracket');
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
      if (item === '\\') {
        const next = items[at + 1];
        if (next instanceof Placement) {
          next.refuseAll(tclReasons.backslash);
          continue;
        }
        if (next === undefined) {
          this.#backslash = true;
          continue;
        }
        at++;
        // A numeric escape may spell any name (\145val is eval): the session rule cannot read it.
        if (/^[0-7xuU]$/.test(next)) this.numericEscape = true;
        // Escaped: it counts for no brace, quote or bracket, but a name is still a name (\subst).
        this.#append(`\\${next}`, next);
        this.#top.wordStart = false;
        continue;
      }
      this.#char(item);
    }
  }

  /** Tags still in an open group when the console's input ends are refused. */
  finish(): void {
    for (const open of this.#frames)
      for (const tag of [...open.tags, ...open.pending]) tag.refuseAll(tclReasons.notPair);
    this.#frames = [frame('bracket')];
  }

  #append(raw: string, resolved: string): void {
    this.code += resolved;
    for (const open of this.#frames) open.text += raw;
    this.#top.command += raw;
  }

  #tag(tag: Placement): void {
    tag.context = 'console';
    tag.inner = { kind: 'tcl' };
    if (this.#comment) tag.refuseAll(tclReasons.notPair);
    if (this.#lost) tag.refuseAll(tclReasons.lost);
    if (!this.wsadmin) tag.refuseAll(tclReasons.notPair);
    const top = this.#top;
    const inString = this.#frames.some((f) => f.kind === 'string');
    // A plain word argument of a wsadmin object's command: decoded once where its script runs.
    const argument = !inString && adminArgument.test(top.command);
    // wsadmin parses such an argument itself (a containment path, a name): the value must hold
    // none of the characters it reads there (substitute.ts refuses them at run).
    if (argument) tag.inner = { kind: 'tcl', plainArgument: true };
    if (!argument) {
      if (top.kind !== 'group' || inString) tag.refuseAll(tclReasons.notPair);
      else top.tags.push(tag);
    }
    this.code += ' x ';
    for (const open of this.#frames) open.text += tagMarker;
    top.command += tagMarker;
    top.wordStart = false;
  }

  #char(char: string): void {
    const top = this.#top;
    if (this.#comment) {
      if (char === '\n') this.#comment = false;
      this.code += char;
      return;
    }
    // Tcl counts every brace of a braced word, in strings, brackets and comments too: one there
    // is a structure this reading does not follow.
    if (
      (char === '{' || char === '}') &&
      top.kind !== 'group' &&
      this.#frames.some((f) => f.kind === 'group')
    )
      this.#lost = true;
    if (top.kind === 'string') {
      this.#append(char, char);
      if (char === '"') this.#frames.pop();
      else if (char === '[') this.#frames.push(frame('bracket'));
      return;
    }
    // A script: the top level, a brace group (any may be a body), or a [ … ] substitution.
    if (char === '#' && top.command.trim() === '') {
      this.#comment = true;
      if (this.#frames.length > 1) this.#lost = true;
      return;
    }
    // Tcl's brace count takes a mid-word { inside braces too; as a script it is text: not followed.
    if (char === '{' && !top.wordStart && this.#frames.some((f) => f.kind === 'group')) this.#lost = true;
    if (char === '{' && top.wordStart) {
      this.#append(char, char);
      this.#frames.push(frame('group', top.command.slice(0, -1)));
      return;
    }
    if (char === '}' && top.kind === 'group') {
      this.#ended(top);
      this.#frames.pop();
      this.#closeGroup(top);
      // `{*}` at a word's start expands the word after it: the name must show it (#ended), and a
      // group's text is its own command's, not the script's around it.
      if (top.command === '*') this.#top.command += '*';
      this.#append(char, char);
      this.#top.wordStart = false;
      return;
    }
    if (char === ']' && top.kind === 'bracket' && this.#frames.length > 1) {
      this.#ended(top);
      this.#frames.pop();
      this.#append(char, char);
      return;
    }
    this.#append(char, char);
    if (char === '"' && top.wordStart) this.#frames.push(frame('string'));
    else if (char === '[') this.#frames.push(frame('bracket'));
    if (char === ';' || char === '\n') {
      this.#ended(top);
      top.command = '';
    }
    top.wordStart = /\s/.test(char) || char === ';';
  }

  /** A command ends in `script` (at `;`, a line end, `]` or `}`): its name, read as Tcl reads it. */
  #ended(script: Frame): void {
    if (script.kind === 'group' && expressionBefore.test(script.before)) return;
    const name = /^[\s;]*(\S*)/.exec(script.command)?.[1] ?? '';
    if (name === '' || /^\$Admin(?:Config|Task|Control|App)$/.test(name)) return;
    // A braced name is literal (`{value x}`, a list read as a script); `{*}` expands what follows.
    if (name.startsWith('{*}') || (!name.startsWith('{') && /[$[\\"]/.test(name))) this.builtName = true;
    else if (!this.wsadmin && !tclCommands.has(name)) this.program = true;
  }

  /**
   * A group closed: its tags hold only as a pair's value, `{name [#TAG#]}`, inside an attribute
   * list (the group around it) that a wsadmin object's command takes, with no string around.
   */
  #closeGroup(group: Frame): void {
    if (this.#lost) for (const tag of group.pending) tag.refuseAll(tclReasons.lost);
    if (group.tags.length === 0) return;
    const list = this.#top;
    const ok =
      !this.#lost &&
      pair.test(group.text) &&
      list.kind === 'group' &&
      adminCommand.test(list.before) &&
      !this.#frames.some((f) => f.kind === 'string');
    if (!ok) for (const tag of group.tags) tag.refuseAll(tclReasons.notPair);
    else list.pending.push(...group.tags);
  }
}
