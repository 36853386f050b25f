import type { TemplateProblem } from '../plugin-runtime';
import { LineIndex, locateTags } from '../tag-engine';

/** A piece of template text that takes tag values: its raw text and where it starts. */
export interface TemplateText {
  readonly text: string;
  readonly offset: number;
}

export interface AttributeLine {
  readonly line: number;
  readonly attribute: string;
  readonly value: TemplateText;
}

export type ChangeKind = 'mod-add' | 'mod-del' | 'mod-replace';

/** What set-option sets: the only options with a meaning for this client (set-option.ts). */
export type LdapOption =
  | { readonly name: 'LDAP_OPT_PROTOCOL_VERSION'; readonly value: 3 }
  | { readonly name: 'LDAP_OPT_REFERRALS'; readonly value: boolean };

export type LdapCommand =
  | { readonly kind: 'set-option'; readonly line: number; readonly option: LdapOption }
  | {
      readonly kind: 'bind';
      readonly line: number;
      readonly dn: TemplateText;
      readonly password: TemplateText | null;
    }
  | {
      readonly kind: 'find';
      readonly line: number;
      readonly base: TemplateText;
      readonly filter: TemplateText;
    }
  | {
      readonly kind: 'add';
      readonly line: number;
      readonly dn: TemplateText;
      readonly attributes: readonly AttributeLine[];
    }
  | { readonly kind: 'modify' | 'delete'; readonly line: number; readonly dn: TemplateText }
  | {
      readonly kind: ChangeKind;
      readonly line: number;
      readonly attribute: string;
      readonly value: TemplateText | null;
    };

export interface ParsedTemplate {
  readonly commands: readonly LdapCommand[];
  readonly problems: readonly TemplateProblem[];
}

const commandPattern = /^(set-option|bind|find|add|modify|mod-add|mod-del|mod-replace|delete)(?=\s|$)/;
/** An attribute description: a name (or OID) with options (cn;lang-de). */
export const attributeNamePattern = /^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)+)(?:;[A-Za-z0-9-]+)*$/;
const attributeLinePattern = /^([^\s:]+)[ \t]*:(:?)[ \t]*/;

/** Quoted arguments: "…" with \ keeping the next character as it is (DNs and filters escape with \). */
function quotedArgs(rest: string, restOffset: number): { args: TemplateText[]; error: string | null } {
  const args: TemplateText[] = [];
  let i = 0;
  for (;;) {
    while (rest[i] === ' ' || rest[i] === '\t') i++;
    if (i >= rest.length) return { args, error: null };
    if (rest[i] !== '"') return { args, error: 'arguments are written in double quotes' };
    const start = i + 1;
    let j = start;
    while (j < rest.length && rest[j] !== '"') j += rest[j] === '\\' ? 2 : 1;
    if (j >= rest.length) return { args, error: 'unterminated quoted argument: no closing "' };
    args.push({ text: rest.slice(start, j), offset: restOffset + start });
    i = j + 1;
  }
}

/** Turns the template's lines into commands; every problem has a line and column. */
export function parseLdapTemplate(template: string): ParsedTemplate {
  const lines = new LineIndex(template);
  const commands: LdapCommand[] = [];
  const problems: TemplateProblem[] = [];
  let addBlock: { line: number; dn: TemplateText; attributes: AttributeLine[] } | null = null;
  const closeAdd = (): void => {
    if (addBlock === null) return;
    if (addBlock.attributes.length === 0) {
      problems.push({
        line: addBlock.line,
        column: 1,
        message: 'add needs attribute lines ("name: value") after it',
      });
    }
    commands.push({ kind: 'add', ...addBlock });
    addBlock = null;
  };

  let offset = 0;
  for (const rawLine of template.split('\n')) {
    const lineStart = offset;
    offset += rawLine.length + 1;
    const line = lines.line(lineStart);
    const indent = rawLine.length - rawLine.trimStart().length;
    const text = rawLine.trim();
    const at = lineStart + indent;
    const problem = (message: string, column = indent + 1): void => {
      problems.push({ line, column, message });
    };
    if (text === '') {
      closeAdd();
      continue;
    }
    if (text.startsWith('#')) continue;

    const command = commandPattern.exec(text)?.[1];
    if (command === undefined) {
      if (addBlock === null) {
        problem(
          `Unknown command "${text.split(/\s/)[0] ?? ''}": expected set-option, bind, find, add, modify, mod-add, mod-del, mod-replace or delete`,
        );
        continue;
      }
      const attributeLine = attributeLinePattern.exec(text);
      const attribute = attributeLine?.[1];
      if (attributeLine === null || attribute === undefined) {
        problem('Expected an attribute line "name: value" (or a blank line to end the add)');
      } else if (attributeLine[2] === ':') {
        problem('Base64 values ("name:: …") are not supported: write the value as text');
      } else if (!attributeNamePattern.test(attribute)) {
        problem(`"${attribute}" is not an attribute name (a tag cannot be one)`);
      } else {
        const valueText = text.slice(attributeLine[0].length);
        addBlock.attributes.push({
          line,
          attribute,
          value: { text: valueText, offset: at + attributeLine[0].length },
        });
      }
      continue;
    }

    closeAdd();
    const restOffset = at + command.length;
    const rest = text.slice(command.length);
    if (command === 'set-option') {
      // Options set the connection up: after a command they would apply to part of the run only.
      const option = commands.some((c) => c.kind !== 'set-option')
        ? 'set-option comes before the first command'
        : parseSetOption(rest);
      if (typeof option === 'string') problem(option);
      else commands.push({ kind: 'set-option', line, option });
      continue;
    }
    // The vendor writes find's filter without quotes: find "base" (filter) up to the end of the line.
    const unquotedFind = command === 'find' ? /^([ \t]+)"((?:[^"\\]|\\.)*)"[ \t]+(\(.*)$/.exec(rest) : null;
    if (unquotedFind !== null) {
      const [, space = '', base = '', filter = ''] = unquotedFind;
      commands.push({
        kind: 'find',
        line,
        base: { text: base, offset: restOffset + space.length + 1 },
        filter: { text: filter, offset: restOffset + rest.length - filter.length },
      });
      continue;
    }
    if (command === 'mod-add' || command === 'mod-del' || command === 'mod-replace') {
      const parsed = parseChange(command, rest, restOffset, line);
      if (typeof parsed === 'string') problem(parsed);
      else commands.push(parsed);
      continue;
    }
    const { args, error } = quotedArgs(rest, restOffset);
    if (error !== null) {
      problem(`${command}: ${error}`);
      continue;
    }
    const [first, second] = args;
    const expected = command === 'find' ? 2 : command === 'bind' ? [1, 2] : 1;
    const counts = Array.isArray(expected) ? expected : [expected];
    if (first === undefined || !counts.includes(args.length)) {
      const usage: Record<string, string> = {
        bind: 'bind "dn" ["password"]',
        find: 'find "baseDN" "(filter)" (or the filter without quotes: find "baseDN" (filter))',
        add: 'add "dn"',
        modify: 'modify "dn"',
        delete: 'delete "dn"',
      };
      problem(`Usage: ${usage[command] ?? command}`);
      continue;
    }
    if (command === 'bind') commands.push({ kind: 'bind', line, dn: first, password: second ?? null });
    else if (command === 'find' && second !== undefined)
      commands.push({ kind: 'find', line, base: first, filter: second });
    else if (command === 'add') addBlock = { line, dn: first, attributes: [] };
    else if (command === 'modify' || command === 'delete') commands.push({ kind: command, line, dn: first });
  }
  closeAdd();
  problems.push(...selectionProblems(commands));
  if (commands.length === 0 && problems.length === 0) {
    problems.push({ line: 1, column: 1, message: 'The template has no command' });
  }
  return { commands, problems };
}

/** mod-add attr value | mod-del attr [value] | mod-replace attr [value]: the value is the rest of the line. */
function parseChange(kind: ChangeKind, rest: string, restOffset: number, line: number): LdapCommand | string {
  const match = /^[ \t]+(\S+)(?:[ \t]+(.*))?$/.exec(rest);
  const attribute = match?.[1];
  if (match === null || attribute === undefined)
    return `Usage: ${kind} attribute${kind === 'mod-add' ? ' value' : ' [value]'}`;
  if (!attributeNamePattern.test(attribute) || locateTags(attribute).length > 0) {
    return `"${attribute}" is not an attribute name (a tag cannot be one)`;
  }
  const valueText = match[2];
  if (valueText === undefined && kind === 'mod-add') return 'Usage: mod-add attribute value';
  const value =
    valueText === undefined ? null : { text: valueText, offset: restOffset + rest.length - valueText.length };
  return { kind, line, attribute, value };
}

/**
 * set-option NAME VALUE, the vendor's (PHP ldap_set_option) options that mean something here:
 * LDAP_OPT_PROTOCOL_VERSION 3 (the only version spoken) and LDAP_OPT_REFERRALS (0 off, any other
 * number on, as C and PHP read it; on/off/true/false too). Any other option is refused by name.
 */
function parseSetOption(rest: string): LdapOption | string {
  const match = /^[ \t]+(\S+)[ \t]+(\S+)$/.exec(rest);
  const [, name, value = ''] = match ?? [];
  if (name === undefined)
    return 'Usage: set-option LDAP_OPT_PROTOCOL_VERSION 3 | set-option LDAP_OPT_REFERRALS 0|1';
  if (name === 'LDAP_OPT_PROTOCOL_VERSION') {
    if (value === '3') return { name, value: 3 };
    return `set-option LDAP_OPT_PROTOCOL_VERSION takes 3 (LDAPv3, the only version spoken), not "${value}"`;
  }
  if (name === 'LDAP_OPT_REFERRALS') {
    const word = value.toLowerCase();
    if (/^\d+$/.test(value)) return { name, value: Number(value) !== 0 };
    if (word === 'on' || word === 'true') return { name, value: true };
    if (word === 'off' || word === 'false') return { name, value: false };
    return `set-option LDAP_OPT_REFERRALS takes 0 (off) or 1 (on), not "${value}"`;
  }
  return `set-option ${name} is not supported: only LDAP_OPT_PROTOCOL_VERSION and LDAP_OPT_REFERRALS are`;
}

/** mod-* lines change the entry of the last add, find or modify; a delete clears it. */
function selectionProblems(commands: readonly LdapCommand[]): TemplateProblem[] {
  let selected = false;
  const problems: TemplateProblem[] = [];
  for (const command of commands) {
    if (command.kind === 'add' || command.kind === 'find' || command.kind === 'modify') selected = true;
    else if (command.kind === 'delete') selected = false;
    else if (command.kind !== 'bind' && command.kind !== 'set-option' && !selected) {
      problems.push({
        line: command.line,
        column: 1,
        message: `${command.kind} needs an entry: put add, find or modify "dn" before it`,
      });
    }
  }
  return problems;
}
