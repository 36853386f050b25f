/**
 * Tag substitution in the SSH plugin's contexts (the rules are in MATCHING.md, "Tag values"):
 * - a tag with a known form (USERNAME, dates, the session id…) must have it, in every context,
 *   and is then inserted as it is: its characters mean nothing to a shell, and the programs a
 *   template calls cannot misread it (quoting would not help there: `pkill -u ','` is root);
 * - a string that is exactly one tag is typed at a prompt as it is (a password), but a value
 *   holding Enter or another control character is refused: it would type extra input;
 * - a tag without a form (ADD_INFO, the passwords) inside a command line is single-quoted, and
 *   refused where quoting cannot work (shell-context.ts: anything but a plain unquoted word of a
 *   command that does not parse its arguments again; as an option);
 * - no tag at all goes where the shell would evaluate it (after `\` or `$`, in arithmetic);
 * - in expect patterns a value is matched literally.
 * Values are never scanned for tags again, so a value that looks like a tag stays text.
 */
import type { TagValues } from '../../plugin-runtime';
import { isKnownTag, isSecretTag, MASK, Refusal, tagText, tagValue } from '../../tag-engine';
import { escapeRegExp, regexMatcher, wildcardMatcher, type PatternPart } from './output-matchers';
import type { PreparedStep } from './prepared-steps';
import { splitRegexLiteral } from './regex-literal';
import { consoleEscape } from './console-session';
import { sedEscape } from './sed-script';
import { placeTemplateTags, type TagPlacement } from './shell-context';
import { expandedBangs, startsQuickSubstitution } from './history-expansion';
import { doubleQuotedBody, shellQuote, singleQuotedBody } from './shell-quote';
import { splitTags, type Segment } from './tag-segments';
import {
  hasControlCharacter,
  isPrintableAscii,
  maxCommandLineBytes,
  maxTypedValueBytes,
  passesStrictPattern,
  requiredFormat,
} from './tag-values';
import { newLineModes, type StringArgument, type TemplateCommand } from './template-syntax';

export type SubstitutionResult =
  | { readonly ok: true; readonly steps: PreparedStep[]; readonly secrets: string[] }
  | { readonly ok: false; readonly refusal: Refusal };

type TagSegment = Extract<Segment, { kind: 'tag' }>;

class Substitution {
  readonly secrets = new Set<string>();

  constructor(
    private readonly tags: TagValues,
    private readonly command: TemplateCommand,
    private readonly argument: StringArgument,
  ) {}

  #column(segment: TagSegment): number {
    return this.argument.columns[segment.start] ?? this.argument.column;
  }

  #refuse(segment: TagSegment, reason: string): never {
    throw new Refusal(
      `The value of ${tagText(segment.name)} ${reason}`,
      this.command.line,
      this.#column(segment),
    );
  }

  /**
   * The value, or a refusal: unknown tag, missing or empty value, NUL (the shared rules), or a
   * date or session id out of its format.
   */
  value(segment: TagSegment): string {
    if (!isKnownTag(segment.name)) this.#refuse(segment, 'cannot be set: the tag is unknown');
    const at = { line: this.command.line, column: this.#column(segment) };
    const value = tagValue(this.tags, { name: segment.name, start: segment.start, end: segment.start }, at);
    const format = requiredFormat(segment.name);
    if (format !== undefined && !passesStrictPattern(segment.name, value))
      this.#refuse(segment, `is not ${format}`);
    if (isSecretTag(segment.name, this.tags)) this.secrets.add(value);
    return value;
  }

  /** How a value appears in logs: secrets masked. */
  shown(segment: TagSegment, text: string): string {
    return isSecretTag(segment.name, this.tags) ? MASK : text;
  }

  /** `exec "[#NEW_PASSWORD#]"`: an answer typed at a program's prompt, sent as it is. */
  typed(segment: TagSegment): string {
    const value = this.value(segment);
    if (hasControlCharacter(value)) {
      this.#refuse(
        segment,
        'contains a line break or another control character: typed at a prompt it would end the answer early or act as a key (Ctrl-C, Ctrl-U…)',
      );
    }
    if (Buffer.byteLength(value) > maxTypedValueBytes) {
      this.#refuse(
        segment,
        `is longer than ${maxTypedValueBytes} bytes, more than a prompt reads as one answer`,
      );
    }
    return value;
  }

  /** A one-tag line that reaches the shell rather than a prompt: only a value with its form, as it is. */
  typedToShell(segment: TagSegment, placement: TagPlacement): string {
    if (placement.refusedForAll !== null)
      this.#refuse(segment, `is refused: the tag ${placement.refusedForAll}`);
    const value = this.typed(segment);
    if (!passesStrictPattern(segment.name, value))
      this.#refuse(
        segment,
        `cannot be typed here: the tag ${placement.refusedQuoted ?? 'is read by the shell'}`,
      );
    return value;
  }

  /**
   * A tag inside a command line: as it is when it has its form (checked by value()), else quoted
   * or refused. Where a tag may go at all is decided from the template alone (shell-context.ts),
   * the same way the editor's check decides it; the value only adds its own refusals.
   */
  inline(segment: TagSegment, placement: TagPlacement): string {
    if (placement.refusedForAll !== null)
      this.#refuse(segment, `is refused: the tag ${placement.refusedForAll}`);
    const value = this.value(segment);
    // With a second reader (sed, a console) every value is escaped for it: a user name's `.` is
    // any character in a sed pattern.
    if (placement.inner === null && passesStrictPattern(segment.name, value)) return value;
    if (hasControlCharacter(value)) {
      this.#refuse(
        segment,
        'contains a line break or another control character, which would type extra input into the shell',
      );
    }
    if (!isPrintableAscii(value)) {
      this.#refuse(
        segment,
        'has characters other than printable ASCII, which cannot be typed into a command line safely',
      );
    }
    if (placement.refusedQuoted !== null && !passesStrictPattern(segment.name, value))
      this.#refuse(segment, `would be quoted, but the tag ${placement.refusedQuoted}`);
    if (
      placement.inner?.kind === 'tcl' &&
      placement.inner.plainArgument === true &&
      (/[\s/:#[\]{}"\\;$]/.test(value) || value.startsWith('-'))
    )
      this.#refuse(
        segment,
        'starts with - or has a blank or one of / : # [ ] { } " \\ ; $, which wsadmin reads itself in this argument (an option, a containment path, a list)',
      );
    if (placement.wordStart && value.startsWith('-'))
      this.#refuse(segment, 'starts with "-" and would be read as an option');
    const quoted = quoteFor(placement, value);
    if (isSecretTag(segment.name, this.tags)) this.secrets.add(quoted);
    return quoted;
  }

  /** Refuses a value that starts a shell line with ^ (see caller). */
  refuseQuickSubstitution(segment: TagSegment): never {
    this.#refuse(
      segment,
      'starts with "^" at the start of a shell line (it continues the template\'s quotes on a new line), which an interactive bash reads as a quick substitution (^old^new) of the previous command',
    );
  }

  /** Refuses a value whose `!` an interactive bash would expand from its history (see caller). */
  refuseHistoryExpansion(segment: TagSegment): never {
    this.#refuse(
      segment,
      'contains "!", which an interactive bash could expand from its history here: history expansion reads the line before the shell and may not see the quotes around the tag as the shell does (quotes nested in $(…), a \\" before the tag)',
    );
  }
}

/**
 * The value as the quotes around the tag need it: inside the template's own '…' or "…" it is
 * escaped for them (the template's quotes stay the value's); elsewhere it is single-quoted whole.
 */
function quoteFor(placement: TagPlacement, value: string): string {
  const inner = placement.inner;
  if (inner?.kind === 'python' || inner?.kind === 'tcl') return consoleEscape(value);
  if (inner?.kind === 'sed') return quoteFor({ ...placement, inner: null }, sedEscape(value, inner));
  switch (placement.context) {
    case 'single-quotes':
      return singleQuotedBody(value);
    case 'double-quotes':
      return doubleQuotedBody(value);
    case 'here-document':
      // Only a quoted delimiter's body takes a value without a form: bash expands nothing there.
      return value;
    default:
      return shellQuote(value);
  }
}

/** Words of a command line for diagnostics: the template's own words and each value whole. */
function commandWords(segments: readonly Segment[], values: ReadonlyMap<number, string>): string[] {
  return segments.flatMap((segment, index) =>
    segment.kind === 'tag'
      ? [values.get(index) ?? '']
      : segment.text
          .split(/[\s;|&()<>]+/)
          .map((word) => word.replace(/['"`\\]/g, ''))
          .filter((word) => word !== ''),
  );
}

type TextCommand = Extract<TemplateCommand, { argument: StringArgument }>;

function prepareInput(
  sub: Substitution,
  command: TextCommand,
  kind: 'exec' | 'write',
  placed: readonly TagPlacement[],
  lineEnding: string,
  /** What was sent of the current shell line before this step (after a write). */
  linePrefix: string,
): PreparedStep {
  const segments = splitTags(command.argument.text);
  const [only] = segments;
  let text = '';
  let display = '';
  const values = new Map<number, string>();
  const [readByShell] = placed;
  if (segments.length === 1 && only?.kind === 'tag' && readByShell !== undefined) {
    // A one-tag line the shell reads (shell-context.ts): sent as it is, so only a value with a
    // form may go, and only where any value may.
    text = sub.typedToShell(only, readByShell);
    display = sub.shown(only, text);
    values.set(0, text);
  } else if (segments.length === 1 && only?.kind === 'tag') {
    text = sub.typed(only);
    display = sub.shown(only, text);
    values.set(0, text);
  } else {
    const placements = new Map(placed.map((placement) => [placement.segment, placement]));
    const quotedValues: { segment: TagSegment; start: number; end: number }[] = [];
    segments.forEach((segment, index) => {
      if (segment.kind === 'text') {
        text += segment.text;
        display += segment.text;
        return;
      }
      const placement = placements.get(index);
      if (placement === undefined) throw new Error('every tag segment has a placement');
      const inserted = sub.inline(segment, placement);
      // Only values escaped inside the template's quotes: a whole single-quoted value is kept
      // from history expansion by its quotes wherever the check allows it (tested on bash).
      if (placement.context === 'single-quotes' || placement.context === 'double-quotes')
        quotedValues.push({ segment, start: text.length, end: text.length + inserted.length });
      text += inserted;
      display += sub.shown(segment, inserted);
      values.set(index, sub.value(segment));
    });
    // The shell reads the line through readline, whose history expansion acts on a value's ! if
    // the escaping did not keep it single-quoted as history expansion reads quotes.
    for (const at of expandedBangs(linePrefix + text)) {
      const hit = quotedValues.find(
        (v) => at - linePrefix.length >= v.start && at - linePrefix.length < v.end,
      );
      if (hit !== undefined) sub.refuseHistoryExpansion(hit.segment);
    }
    for (const value of quotedValues) {
      if (startsQuickSubstitution(linePrefix + text, linePrefix.length + value.start))
        sub.refuseQuickSubstitution(value.segment);
    }
  }
  const send = kind === 'exec' ? `${text}${lineEnding}` : text;
  if (Buffer.byteLength(send) > maxCommandLineBytes) {
    throw new Refusal(
      `With its values the input is longer than ${maxCommandLineBytes} bytes, more than a terminal line holds`,
      command.line,
      command.argument.column,
    );
  }
  return {
    kind,
    line: command.line,
    send,
    display: `${kind} "${display}"`,
    sent: { text, words: commandWords(segments, values) },
  };
}

function preparePattern(
  sub: Substitution,
  command: TextCommand,
  kind: 'expect' | 'no-expect' | 'expect-regex',
): PreparedStep {
  let display = '';
  if (kind === 'expect-regex') {
    const literal = splitRegexLiteral(command.argument.text);
    if (!literal.ok) throw new Error('the parser checked the regex literal');
    let source = '';
    for (const segment of splitTags(literal.source)) {
      if (segment.kind === 'text') source += segment.text;
      else source += escapeRegExp(sub.value({ ...segment, start: segment.start + literal.sourceOffset }));
    }
    for (const segment of splitTags(command.argument.text)) {
      display += segment.kind === 'text' ? segment.text : sub.shown(segment, sub.value(segment));
    }
    return {
      kind,
      line: command.line,
      matcher: regexMatcher(new RegExp(source, literal.flags)),
      display: `${kind} "${display}"`,
    };
  }
  const parts: PatternPart[] = splitTags(command.argument.text).map((segment) => {
    if (segment.kind === 'text') {
      display += segment.text;
      return { text: segment.text, literal: false };
    }
    const value = sub.value(segment);
    display += sub.shown(segment, value);
    return { text: value, literal: true };
  });
  return { kind, line: command.line, matcher: wildcardMatcher(parts), display: `${kind} "${display}"` };
}

function prepareOne(
  command: TemplateCommand,
  tags: TagValues,
  secrets: Set<string>,
  placements: ReadonlyMap<number, readonly TagPlacement[]>,
  lineEnding: string,
  linePrefix: string,
): PreparedStep {
  switch (command.kind) {
    case 'end':
      return { kind: 'end', line: command.line, display: 'end' };
    case 'set-ssh-version':
      return { kind: command.kind, line: command.line, display: `set-ssh-version ${command.version}` };
    case 'set-new-line-mode':
      return { kind: command.kind, line: command.line, display: `set-new-line-mode ${command.mode}` };
    case 'set-connect-timeout':
    case 'set-read-timeout':
    case 'sleep':
      return { ...command, display: `${command.kind} ${command.seconds}` };
    case 'exec':
    case 'write':
    case 'expect':
    case 'expect-regex':
    case 'no-expect': {
      const sub = new Substitution(tags, command, command.argument);
      const step =
        command.kind === 'exec' || command.kind === 'write'
          ? prepareInput(
              sub,
              command,
              command.kind,
              placements.get(command.line) ?? [],
              lineEnding,
              linePrefix,
            )
          : preparePattern(sub, command, command.kind);
      for (const secret of sub.secrets) secrets.add(secret);
      return step;
    }
  }
}

/** Substitutes every command; the first refusal stops it (nothing has been sent yet). */
export function substitute(commands: readonly TemplateCommand[], tags: TagValues): SubstitutionResult {
  const secrets = new Set<string>();
  // Secret tags are masked even where the template does not use them (a password in an error).
  for (const [name, value] of Object.entries(tags)) if (isSecretTag(name, tags)) secrets.add(value);
  try {
    const placements = placeTemplateTags(commands);
    // Each exec ends its line as the last set-new-line-mode before it says (unix by default).
    let lineEnding: string = newLineModes.unix;
    /** What was sent since the last line ending: the start of the line the shell is reading. */
    let linePrefix = '';
    const steps = commands.map((command) => {
      if (command.kind === 'set-new-line-mode') lineEnding = newLineModes[command.mode];
      const step = prepareOne(command, tags, secrets, placements, lineEnding, linePrefix);
      if (step.kind === 'exec' || step.kind === 'write')
        linePrefix = (linePrefix + step.send).split(/[\r\n]/).pop() ?? '';
      return step;
    });
    return { ok: true, steps, secrets: [...secrets] };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, refusal: error };
    throw error;
  }
}
