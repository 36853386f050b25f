/**
 * Parses an SSH template into commands, one a line. Problems carry the line and column they
 * are about; a template with problems is never run.
 */
import type { TemplateProblem } from '../../plugin-runtime';
import { readQuotedString } from './quoted-string';
import { parseRegexLiteral } from './regex-literal';
import { looseReadingWarning, readLooseArgument, type LooseReason } from './vendor-reading';
import {
  commandAliases,
  maxSleepSeconds,
  maxTimeoutSeconds,
  newLineModes,
  secondsCommandKinds,
  settingCommandKinds,
  textCommandKinds,
  type NewLineMode,
  type SecondsCommandKind,
  type SettingCommandKind,
  type StringArgument,
  type TemplateCommand,
  type TextCommandKind,
} from './template-syntax';

export interface ParseResult {
  readonly commands: TemplateCommand[];
  readonly problems: TemplateProblem[];
  /** Lines read as senhasegura reads them (vendor-reading.ts): they run, and the editor warns. */
  readonly warnings: TemplateProblem[];
  readonly connectTimeoutSeconds: number | null;
}

const knownCommands = [...textCommandKinds, ...secondsCommandKinds, ...settingCommandKinds, 'end'] as const;

const isTextKind = (word: string): word is TextCommandKind =>
  (textCommandKinds as readonly string[]).includes(word);
const isSecondsKind = (word: string): word is SecondsCommandKind =>
  (secondsCommandKinds as readonly string[]).includes(word);
const isSettingKind = (word: string): word is SettingCommandKind =>
  (settingCommandKinds as readonly string[]).includes(word);

type LineResult =
  { ok: true; command: TemplateCommand; warning?: TemplateProblem } | { ok: false; problem: TemplateProblem };

const problem = (line: number, column: number, message: string): LineResult => ({
  ok: false,
  problem: { line, column, message },
});

/** Index of the first non-blank character at or after `from`, or the line's length. */
function skipBlanks(text: string, from: number): number {
  let i = from;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

/** A word argument; `sleep "2"` and `set-new-line-mode "unix"` too: some vendor templates quote every argument. */
function wordArgument(text: string, at: number): string {
  const raw = text.slice(at).trimEnd();
  return raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2 ? raw.slice(1, -1) : raw;
}

function parseSetting(kind: SettingCommandKind, line: number, text: string, at: number): LineResult {
  const raw = wordArgument(text, at);
  if (kind === 'set-ssh-version') {
    if (raw === '2') return { ok: true, command: { kind, line, version: 2 } };
    if (raw === '1') {
      return problem(line, at + 1, 'set-ssh-version 1: SSH protocol 1 is broken and not spoken here; use 2');
    }
    return problem(line, at + 1, `set-ssh-version takes 2 (the SSH protocol version), not "${raw}"`);
  }
  const mode = raw.toLowerCase();
  if (mode in newLineModes) return { ok: true, command: { kind, line, mode: mode as NewLineMode } };
  return problem(
    line,
    at + 1,
    `set-new-line-mode takes ${Object.keys(newLineModes).join(', ')}, not "${raw}"`,
  );
}

function parseSeconds(kind: SecondsCommandKind, line: number, text: string, at: number): LineResult {
  const raw = wordArgument(text, at);
  if (raw === '') return problem(line, at + 1, `${kind} needs a number of seconds`);
  if (!/^\d+(\.\d+)?$/.test(raw))
    return problem(line, at + 1, `${kind}: "${raw}" is not a number of seconds`);
  const seconds = Number(raw);
  const max = kind === 'sleep' ? maxSleepSeconds : maxTimeoutSeconds;
  if (kind !== 'sleep' && seconds <= 0) return problem(line, at + 1, `${kind} must be more than 0 seconds`);
  if (seconds > max) return problem(line, at + 1, `${kind} is at most ${max} seconds`);
  return { ok: true, command: { kind, line, seconds } };
}

function parseText(kind: TextCommandKind, line: number, text: string, at: number): LineResult {
  if (at >= text.length) return problem(line, at + 1, `${kind} needs a quoted string, e.g. ${kind} "text"`);
  // A terminal reads a carriage return as Enter: the shell would run what follows it as a new
  // command line, out of the quoting and comment the check saw it in (a value there runs).
  const carriageReturn = kind === 'exec' || kind === 'write' ? text.indexOf('\r', at) : -1;
  if (carriageReturn >= 0) {
    return problem(
      line,
      carriageReturn + 1,
      `${kind}: a carriage return inside the line is an Enter to the shell, which would read what follows as a new command: put it on a line of its own`,
    );
  }
  let reason: LooseReason | null = text[at] === '"' ? null : 'unquoted';
  const read = reason === null ? readQuotedString(text, at) : null;
  if (read && !read.ok) reason = 'unterminated';
  else if (read?.ok && skipBlanks(text, read.end) < text.length) reason = 'trailing';
  if (kind === 'expect-regex') {
    // A regular expression is read strictly: a loose reading could change what it matches.
    if (!read) return problem(line, at + 1, `${kind} needs a quoted string, e.g. ${kind} "/text/"`);
    if (!read.ok) return problem(line, read.column, read.message);
    if (reason === 'trailing') {
      return problem(line, skipBlanks(text, read.end) + 1, `Unexpected text after the string of ${kind}`);
    }
    const regex = parseRegexLiteral(read.argument.text);
    if (!regex.ok)
      return problem(line, read.argument.columns[regex.offset] ?? read.argument.column, regex.message);
    return { ok: true, command: { kind, line, argument: read.argument } };
  }
  const argument = reason === null && read?.ok ? read.argument : readLooseArgument(text, at);
  const key = kind === 'exec' || kind === 'write' ? terminalKeyIn(argument) : null;
  if (key !== null) return problem(line, key.column, `${kind}: ${key.message}`);
  if (reason === null) return { ok: true, command: { kind, line, argument } };
  return {
    ok: true,
    command: { kind, line, argument },
    warning: { line, column: at + 1, message: looseReadingWarning(kind, reason) },
  };
}

/**
 * The first character of a line to send that a terminal or bash's line editor acts on instead of
 * typing it: Ctrl-U, Ctrl-W, DEL and Backspace erase what came before, Ctrl-A moves the cursor,
 * Ctrl-O and Esc # end the line, Ctrl-Z and Ctrl-C signal, a tab completes a word (and inserts
 * text). The shell then reads other text than the check read: on the lab's bash each of these
 * ran a value the check saw in a comment or in quotes (test/integration/plugins/ssh/
 * terminal-keys.test.ts). C1 controls go too, as tag values' own rule has it (tag-values.ts).
 */
function terminalKeyIn(argument: StringArgument): { column: number; message: string } | null {
  const at = argument.text.search(terminalKey);
  if (at < 0) return null;
  const code = argument.text.charCodeAt(at);
  return {
    column: argument.columns[at] ?? argument.column,
    message: `${keyName(code)} inside the line is a key to the terminal or the shell's line editor (it erases, moves, ends the line, signals or completes), so the shell would not read the text the check read: take it out`,
  };
}

// eslint-disable-next-line no-control-regex
const terminalKey = /[\u0000-\u001f\u007f-\u009f]/;

function keyName(code: number): string {
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code === 0x09) return `a tab (${hex})`;
  if (code === 0x1b) return `an escape (${hex})`;
  if (code === 0x7f) return `a delete (${hex})`;
  if (code < 0x20) return `a control character (${hex}, Ctrl-${String.fromCharCode(code + 0x40)})`;
  return `a C1 control character (${hex})`;
}

function parseLine(text: string, line: number): LineResult | null {
  const start = skipBlanks(text, 0);
  if (start >= text.length || text[start] === '#') return null;
  const word = /^[A-Za-z][A-Za-z-]*/.exec(text.slice(start))?.[0] ?? '';
  if (word === '') return problem(line, start + 1, 'Expected a command such as exec, expect or end');
  // Commands are case-insensitive: EXEC and exec are the same command.
  const kind = commandAliases[word.toLowerCase()] ?? word.toLowerCase();
  const afterWord = start + word.length;
  if (afterWord < text.length && text[afterWord] !== ' ' && text[afterWord] !== '\t') {
    return problem(line, afterWord + 1, `Expected a space after ${kind}`);
  }
  const at = skipBlanks(text, afterWord);
  if (isTextKind(kind)) return parseText(kind, line, text, at);
  if (isSecondsKind(kind)) return parseSeconds(kind, line, text, at);
  if (isSettingKind(kind)) return parseSetting(kind, line, text, at);
  if (kind === 'end') {
    return at < text.length
      ? problem(line, at + 1, 'end takes no argument')
      : { ok: true, command: { kind, line } };
  }
  return problem(line, start + 1, `Unknown command "${word}" (known: ${knownCommands.join(', ')})`);
}

export function parseTemplate(template: string): ParseResult {
  const commands: TemplateCommand[] = [];
  const problems: TemplateProblem[] = [];
  const warnings: TemplateProblem[] = [];
  let connectTimeoutSeconds: number | null = null;
  let conversationStarted = false;
  template.split('\n').forEach((rawLine, index) => {
    const result = parseLine(rawLine.replace(/\r$/, ''), index + 1);
    if (result === null) return;
    if (!result.ok) {
      problems.push(result.problem);
      return;
    }
    const command = result.command;
    if (result.warning) warnings.push(result.warning);
    if (command.kind === 'set-connect-timeout' || command.kind === 'set-ssh-version') {
      // The connection is made before the first line runs: a later setting could never apply.
      if (conversationStarted) {
        problems.push({
          line: command.line,
          column: 1,
          message: `${command.kind} must come before the first exec, write, expect or sleep`,
        });
        return;
      }
      if (command.kind === 'set-connect-timeout') connectTimeoutSeconds = command.seconds;
    } else if (command.kind !== 'set-read-timeout' && command.kind !== 'set-new-line-mode') {
      conversationStarted = true;
    }
    commands.push(command);
  });
  return { commands, problems, warnings, connectTimeoutSeconds };
}
