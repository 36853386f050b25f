/**
 * Where each tag sits in the shell input a template types, read the way bash reads it: inside
 * which quotes or expansions, in which word, and in which command. From that, for every tag:
 * - why no value at all may go there (after `\` or `$`, in arithmetic, in `${…}`, in a command
 *   that evaluates variable names), refused at save and at run for every tag;
 * - why a value the plugin would single-quote (a tag without a form) may not go there: anything
 *   but an unquoted word after a word start, a plain character or a closing quote; a word with
 *   globs or braces; an assignment; a command that parses its arguments again, or that is piped
 *   something to run, or whose name is not plain text (command-rules.ts).
 * The exec and write lines of a template are read as one stream, as the shell receives them (a
 * `write` is continued by the next line; an open quote carries over an Enter); a line that is
 * exactly one tag is typed at a program's prompt and starts a fresh reading. Whatever this
 * reader does not follow (case, a function…) refuses quoted values after it.
 * The template's text is never run through this to build anything.
 */
import { consoleOpenedBy, ConsoleReader, type ConsoleStart } from './console-session';
import { readStream, type Item } from './shell-reader';
import { splitTags, type Segment } from './tag-segments';
import { textExpandsHistory } from './history-expansion';
import { Placement, reasons, type TagPlacement } from './tag-placement';
import { newLineModes, type StringArgument, type TemplateCommand } from './template-syntax';

export type { QuoteContext, TagPlacement } from './tag-placement';

/**
 * Variables that, once set (however: an assignment, declare, read, ${…:=}, arithmetic, a loop), make
 * bash run or parse the rest of the input otherwise: prompts and hooks it runs (PS0, PS4 under
 * xtrace, PROMPT_COMMAND), POSIX mode, the history characters, an exported function, BASH_ENV, and
 * the alias and hash tables. A template that names one anywhere is not followed: its values are
 * all refused. PS1 to PS3 only with an expansion in the line ($, `), which prompt expansion runs.
 */
const hookNames =
  /\b(?:PS0|PS4|PROMPT_COMMAND|POSIXLY_CORRECT|histchars|BASH_FUNC_|BASH_ENV|BASH_ALIASES|BASH_CMDS)|\bPS[1-3]\b.*[$`]/;

/**
 * Whether a line names a hook: in its text without quotes and backslashes, as bash finds a name
 * (POSIX''LY_CORRECT), or, for PS1 to PS3, with an escape prompt expansion decodes (`\044` is $).
 */
const hooks = (text: string): boolean =>
  hookNames.test(unquoted(text)) || /\bPS[1-3]\b.*\\(?:[0-7]|x)/.test(text);

/** A text as bash finds a name in it: without quotes (`$'…'` and `$"…"` too) and backslashes. */
const unquoted = (text: string): string => text.replace(/\$?['"]|\\/g, '');

/**
 * The line end an exec types, as the shell reads it: the plugin's shell has a terminal, whose
 * line editor takes a CR for Enter as it takes an LF. So windows' CR LF ends a line twice (a `\`
 * before it continues only into the empty line), and mac's CR once.
 */
const enterItems = (lineEnding: string): Item[] => Array.from(lineEnding, () => '\n');

function itemsOf(segments: readonly Segment[], enter: string | null): { items: Item[]; tags: Placement[] } {
  const items: Item[] = [];
  const tags: Placement[] = [];
  segments.forEach((segment, index) => {
    // Code points: a shell reads bytes, but only ASCII characters mean anything to it.
    if (segment.kind === 'text') items.push(...Array.from(segment.text));
    else {
      const tag = new Placement(index);
      tags.push(tag);
      items.push(tag);
    }
  });
  if (enter !== null) items.push(...enterItems(enter));
  return { items, tags };
}

/** The placement of every tag segment of one command line read alone, in order. */
export function placeTags(segments: readonly Segment[]): TagPlacement[] {
  const { items, tags } = itemsOf(segments, newLineModes.unix);
  readStream([items]);
  return tags;
}

/**
 * The placements of the tags in every exec and write line of a template that is not exactly one
 * tag (those are typed at a prompt), by template line, each in segment order. Lines sent to a
 * console the template opened (console-session.ts) are placed by that console's reader.
 */
export function placeTemplateTags(commands: readonly TemplateCommand[]): Map<number, TagPlacement[]> {
  // A here-document's body lines are data, not commands: a console is not looked for there. Which
  // lines those are is known from a reading, so read again with the body lines the last reading
  // found, until they stay the same. Each reading is safe as long as every line it took for a
  // body line is one in its own reading (a console looked for on a body line only refuses more).
  let assumed = new Set<number>();
  for (let pass = 1; ; pass++) {
    const { byLine, bodyLines } = placeLines(commands, assumed);
    const agrees = [...assumed].every((line) => bodyLines.has(line));
    const settled = agrees && [...bodyLines].every((line) => assumed.has(line));
    if (settled || (agrees && pass === maxPasses)) return byLine;
    // Not expected: a line taken for a body line and skipped by the console check either opened
    // no console (skipping the check changes nothing) or opened one the check cannot follow
    // (nothing after it is read as the shell's), so each reading keeps the body lines of the
    // reading before. Were that wrong, the last reading could have skipped a console's start:
    // refuse rather than trust it.
    if (pass === maxPasses) {
      for (const placements of byLine.values())
        for (const tag of placements) tag.refuseAll(reasons.hereDocumentLines);
      return byLine;
    }
    assumed = bodyLines;
  }
}

/**
 * How many items the one-tag lines' probes of one template may read (see the caller): 16 probes
 * of a whole 64 KiB template (about 0.6 s here), far more than a template of prompt answers
 * reads, since each answer starts a fresh reading.
 */
const probeBudget = 16 * 64 * 1024;

/** Readings of a template before its here-document body lines are taken as they are. */
const maxPasses = 4;

/**
 * One reading of the template, with `bodyLines` (template line numbers) taken for lines of a
 * here-document's body. Returns the placements and the body lines this reading found.
 */
function placeLines(
  commands: readonly TemplateCommand[],
  bodyLines: ReadonlySet<number>,
): { byLine: Map<number, Placement[]>; bodyLines: Set<number> } {
  const byLine = new Map<number, Placement[]>();
  /** The items of each template line read by the shell reader. */
  const itemsByLine = new Map<readonly Item[], number>();
  const lines: (Item[] | null)[] = [];
  /** What the shell has been sent since the last line typed at a prompt. */
  let sent: Item[] = [];
  /** A console launched by the line before, waiting for an expect to prove it is there. */
  let launched: ConsoleStart | null = null;
  let console: ConsoleReader | null = null;
  /** A console exited: until an expect shows the shell is back, no value is followed. */
  let leaving = false;
  /** The template's own text asks an interactive bash for history expansion (`!$`, `^a^b`). */
  let historyExpanded = false;
  /** The template names a variable that changes what bash runs or how it reads (`hookNames`). */
  let hooked = false;
  /** The text of the shell line being assembled (writes, `\` continuations). */
  let shellLine = '';
  /** Every shell line so far, as history expansion may read them: see below. */
  let shellText = '';
  /** PYTHONINSPECT named on a shell line so far, however quoted or split over a write (below). */
  let inspecting = false;
  /** Items the one-tag lines' probes have read so far. */
  let probed = 0;
  /** What each exec types after its text (set-new-line-mode). */
  let lineEnding: string = newLineModes.unix;
  for (const command of commands) {
    if (command.kind === 'set-new-line-mode') lineEnding = newLineModes[command.mode];
    if (command.kind === 'expect' || command.kind === 'expect-regex') {
      if (launched !== null) console = new ConsoleReader(launched);
      launched = null;
      leaving = false;
      continue;
    }
    if (command.kind !== 'exec' && command.kind !== 'write') continue;
    // A console started with no expect after it: it may be there already, reading this line.
    if (launched !== null)
      console = new ConsoleReader({ kind: 'unknown', name: 'a console with no expect after its start' });
    launched = null;
    const segments = splitTags(command.argument.text);
    const oneTag = segments.length === 1 && segments[0]?.kind === 'tag';
    if (console !== null) {
      const closing = command.kind === 'exec' && console.closesOn(command.argument.text);
      placeConsoleLine(console, command, segments, byLine, closing);
      if (closing) {
        console.finish();
        console = null;
        leaving = true;
        // The shell reads again, from where it was when the console started: a clean state.
        lines.push(null);
        sent = [];
        shellLine = '';
      }
      continue;
    }
    if (oneTag && !leaving) {
      // Each probe reads all that was sent since the last prompt answer. Once the probes of a
      // template have read `probeBudget` items, the rest are taken as read by the shell (the
      // stricter answer), so that thousands of one-tag lines are not checked in quadratic time.
      probed += sent.length;
      const shellReads = probed <= probeBudget ? whyTheShellReadsIt(sent) : stillReading;
      if (shellReads === null) {
        lines.push(null);
        sent = [];
        continue;
      }
      // Not a prompt's answer: the shell reads this line as part of what came before, so the
      // value is shell input like any other, and it is typed as it is (never quoted).
      const tag = new Placement(0);
      tag.refuseQuoted(shellReads);
      const items: Item[] = command.kind === 'exec' ? [tag, ...enterItems(lineEnding)] : [tag];
      byLine.set(command.line, [tag]);
      lines.push(items);
      sent.push(...items);
      continue;
    }
    const { items, tags } = itemsOf(segments, command.kind === 'exec' ? lineEnding : null);
    if (leaving)
      for (const tag of tags)
        tag.refuseAll(
          "comes after a console's exit and before an expect shows that the shell reads the lines again",
        );
    byLine.set(command.line, tags);
    lines.push(items);
    itemsByLine.set(items, command.line);
    sent.push(...items);
    const text = segments.map((segment) => (segment.kind === 'text' ? segment.text : 'x')).join('');
    historyExpanded ||= textExpandsHistory(text);
    hooked ||= hooks(command.argument.text);
    // The shell line as bash assembles it: writes before, and lines a `\` continues.
    shellLine += command.argument.text;
    // A \ continues the line into the next exec before one line end, not windows' two; an
    // escaped one (`\\`) does not, nor one in a line that is a comment from its start: bash ends
    // a comment at the newline (`# start python3 \`, then `python3`, starts python3). A comment
    // after a command (`echo a # \`) still joins: the line then names the console, not followed.
    if (
      command.kind === 'write' ||
      (lineEnding !== newLineModes.windows &&
        !/^\s*#/.test(shellLine) &&
        /(?<!\\)(?:\\\\)*\\$/.test(shellLine))
    ) {
      if (command.kind === 'exec') shellLine = shellLine.slice(0, -1);
      continue;
    }
    const whole = shellLine;
    shellLine = '';
    // The shell line as bash's history reads it: `write "sh -c !"` then `exec "$"` is `!$`.
    historyExpanded ||= textExpandsHistory(whole);
    hooked ||= hooks(whole);
    shellText += `${whole}\n`;
    // Launched from a line split over template lines, or with PYTHONINSPECT exported before
    // (Python then stays after -c): a console not followed.
    const split = whole !== command.argument.text;
    inspecting ||= unquoted(whole).includes('PYTHONINSPECT');
    const inspect = inspecting && /python|pypy|jython|wlst/.test(whole);
    const found = bodyLines.has(command.line) ? null : consoleOpenedBy(whole);
    const opened =
      inspect || (found !== null && split) ? { kind: 'unknown' as const, name: 'a console' } : found;
    // A console this check reads starts only from a command the shell reads whole, at a
    // fresh start, with no tag; proved by an expect. Any other start refuses what follows.
    if (opened === null) continue;
    const followed =
      opened.kind !== 'unknown' &&
      segments.length === 1 &&
      whyTheShellReadsIt(sent.slice(0, sent.length - items.length)) === null;
    if (followed) launched = opened;
    else
      console = new ConsoleReader({
        kind: 'unknown',
        name: opened.kind === 'unknown' ? opened.name : 'a console',
      });
  }
  console?.finish();
  // bash's history expansion starts a line inside the single quotes a line before left open
  // (`echo 'a`, then `b' ; sh -c !$`): read as one text too, it counts what either reading finds.
  historyExpanded ||= textExpandsHistory(shellText);
  const inBodies = readStream(lines);
  // An interactive bash brings earlier lines back, values and all, wherever the text asks.
  if (historyExpanded)
    for (const placements of byLine.values()) for (const tag of placements) tag.refuseAll(reasons.history);
  if (hooked)
    for (const placements of byLine.values()) for (const tag of placements) tag.refuseAll(reasons.hooks);
  const found = new Set<number>();
  for (const items of inBodies) {
    const line = itemsByLine.get(items);
    if (line !== undefined) found.add(line);
  }
  return { byLine, bodyLines: found };
}

/**
 * A line sent to a console, read by the console's reader. A line that is exactly one tag is the
 * console's own input (its code): refused, unlike a shell's prompt answers.
 */
function placeConsoleLine(
  console: ConsoleReader,
  command: Extract<TemplateCommand, { argument: StringArgument }>,
  segments: readonly Segment[],
  byLine: Map<number, TagPlacement[]>,
  closing: boolean,
): void {
  const { items, tags } = itemsOf(segments, command.kind === 'exec' ? newLineModes.unix : null);
  if (segments.length === 1 && segments[0]?.kind === 'tag') {
    for (const tag of tags) tag.refuseQuoted('is typed as a whole line of a console, which reads it as code');
  }
  console.feed(items, command.argument.text, closing);
  byLine.set(command.line, tags);
}

/**
 * A line that is exactly one tag is an answer to a program's prompt only when the shell has
 * finished reading what it was sent: every line ended, no open quote, no here-document, nothing
 * this reader does not follow. Otherwise the reason the shell itself would read the value.
 */
function whyTheShellReadsIt(sent: readonly Item[]): string | null {
  if (sent.length > 0 && sent[sent.length - 1] !== '\n')
    return 'is typed right after a write, on the same command line: the shell reads the value unquoted';
  // Probes: a command starting here starts a new top-level command (no `|`, `&&`, `\`, `if`, `(`
  // or `$(` before it is still open), and its plain argument is allowed only in a clean state.
  // Read with stand-ins for the tags sent, whose own places are decided by the whole reading.
  const before = (): Item[] =>
    sent.map((item) => (typeof item === 'string' ? item : new Placement(item.segment)));
  const start = new Placement(-2);
  readStream([[...before(), start, '\n']]);
  const probe = new Placement(-1);
  readStream([[...before(), 'x', ' ', probe, '\n']]);
  if (
    start.freshCommand &&
    probe.context === 'unquoted' &&
    probe.refusedForAll === null &&
    probe.refusedQuoted === null
  )
    return null;
  return stillReading;
}

const stillReading =
  'is typed where the shell is still reading the lines before it (an open quote, an unfinished command, pipeline, if or group, a here-document, a construct this check does not follow), so it would read the value unquoted, as shell code';
