import { FilterParser } from 'ldapts';
import type { TagValues, TemplateProblem } from '../plugin-runtime';
import {
  describeProblems,
  isSecretTag,
  LineIndex,
  MASK,
  Refusal,
  sortProblems,
  tagProblems,
  tagText,
  tagValue,
  type TagOccurrence,
} from '../tag-engine';
import { checkDn, escapeDnValue } from './dn';
import { escapeFilterValue } from './filter';
import { renderDn, renderFilter, renderValue, type LdapContext, type Resolve } from './render';
import { parseLdapTemplate, type LdapCommand, type LdapOption, type TemplateText } from './template-parser';

/** An attribute value as sent: text, or bytes (Active Directory's unicodePwd, see adPassword). */
export type LdapValue = string | Buffer;

export interface LdapAttribute {
  readonly type: string;
  readonly values: LdapValue[];
}

/** A command with every value in place, ready to send. `display` is its masked text for the log. */
export type LdapOperation = { readonly line: number; readonly display: string } & (
  | { readonly kind: 'set-option'; readonly option: LdapOption }
  | { readonly kind: 'bind'; readonly dn: string; readonly password: string | null }
  | { readonly kind: 'find'; readonly base: string; readonly filter: string }
  | { readonly kind: 'add'; readonly dn: string; readonly attributes: readonly LdapAttribute[] }
  | { readonly kind: 'modify' | 'delete'; readonly dn: string }
  | {
      readonly kind: 'change';
      readonly operation: 'add' | 'delete' | 'replace';
      readonly attribute: string;
      readonly values: LdapValue[];
    }
);

/** The escaping of each context (see LdapContext); throws a Refusal (without the tag) to refuse. */
function writeValue(value: string, context: LdapContext): string {
  switch (context) {
    case 'dn-value':
      return escapeDnValue(value);
    case 'dn-suffix': {
      const dn = checkDn(value);
      if (!dn.ok)
        throw new Refusal(`stands for a DN suffix here, and its value is not a valid DN (${dn.message})`);
      return value;
    }
    case 'filter-value':
      return escapeFilterValue(value);
    case 'bind-name':
    case 'attribute-value':
      if (/[\r\n]/.test(value))
        throw new Refusal('contains a line break, which is not allowed in an LDAP value here');
      return value;
  }
}

/** What check() puts in place of values: enough to prove the template's own syntax. */
const placeholders: Record<LdapContext, string> = {
  'dn-value': 'x',
  'dn-suffix': 'dc=x',
  'bind-name': 'cn=x',
  'filter-value': 'x',
  'attribute-value': 'x',
};

function resolver(tags: TagValues | null, lines: LineIndex, display: boolean): Resolve {
  return (tag: TagOccurrence, context: LdapContext) => {
    if (tags === null) return placeholders[context];
    const position = lines.position(tag.start);
    const value = tagValue(tags, tag, position);
    try {
      const written = writeValue(value, context);
      return display && isSecretTag(tag.name, tags) ? MASK : written;
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      throw new Refusal(`The value of ${tagText(tag.name)} ${error.message}`, position.line, position.column);
    }
  };
}

class Renderer {
  constructor(
    private readonly resolve: Resolve,
    private readonly lines: LineIndex,
    /** Off for the display copy, whose masked values need not form a valid DN or filter. */
    private readonly validate = true,
  ) {}

  dn(arg: TemplateText, line: number, options: { bind?: boolean; allowEmpty?: boolean } = {}): string {
    const dn = renderDn(arg, this.resolve, this.lines, options.bind === true ? 'bind-name' : undefined);
    if (!this.validate || (options.bind === true && isWholeTag(arg))) return dn;
    if (options.allowEmpty === true && dn.trim() === '') return '';
    const checked = checkDn(dn);
    if (!checked.ok) throw new Refusal(`Not a valid DN: ${checked.message}`, line, null);
    return dn;
  }

  filter(arg: TemplateText, line: number): string {
    const filter = renderFilter(arg, this.resolve, this.lines);
    if (!this.validate) return filter;
    try {
      FilterParser.parseString(filter);
    } catch (error) {
      throw new Refusal(
        `Not a valid filter: ${error instanceof Error ? error.message : String(error)}`,
        line,
        null,
      );
    }
    return filter;
  }

  value(arg: TemplateText): string {
    return renderValue(arg, this.resolve);
  }
}

/** Whether an argument is exactly one tag (bind's name is then taken as given). */
const isWholeTag = (arg: TemplateText): boolean => /^\s*\[#[A-Z0-9_]+#\]\s*$/.test(arg.text);

/**
 * Active Directory takes a password only as `unicodePwd`, whose value is the password in double
 * quotes encoded as UTF-16LE. The vendor writes it `unicodePwd "u([#NEW_PASSWORD#])"` (the quotes
 * optional): the text inside u(…) is rendered like any value, then quoted and encoded. Only for the
 * unicodePwd attribute, so that another attribute's value that looks like u(…) stays text.
 */
const adPasswordForm = /^([ \t]*"?u\()(.*)\)"?[ \t]*$/;

function adPassword(attribute: string, value: TemplateText): TemplateText | null {
  if (attribute.toLowerCase() !== 'unicodepwd') return null;
  const match = adPasswordForm.exec(value.text);
  if (match === null) return null;
  const [, before = '', inner = ''] = match;
  return { text: inner, offset: value.offset + before.length };
}

/** A value as sent, and as the run log shows it. */
function attributeValue(
  attribute: string,
  value: TemplateText,
  send: Renderer,
  show: Renderer,
): [LdapValue, string] {
  const password = adPassword(attribute, value);
  if (password === null) return [send.value(value), show.value(value)];
  return [Buffer.from(`"${send.value(password)}"`, 'utf16le'), `u(${show.value(password)})`];
}

const changeOperations = { 'mod-add': 'add', 'mod-del': 'delete', 'mod-replace': 'replace' } as const;

function operation(command: LdapCommand, send: Renderer, show: Renderer): LdapOperation {
  const { line } = command;
  switch (command.kind) {
    case 'set-option': {
      const { name, value } = command.option;
      const shown = typeof value === 'boolean' ? (value ? 'on' : 'off') : String(value);
      return { kind: 'set-option', line, display: `set-option ${name} ${shown}`, option: command.option };
    }
    case 'bind': {
      const password = command.password === null ? null : send.value(command.password);
      const dn = send.dn(command.dn, line, { bind: true });
      const display = `bind "${show.dn(command.dn, line, { bind: true })}"${password === null ? '' : ` "${MASK}"`}`;
      return { kind: 'bind', line, display, dn, password };
    }
    case 'find': {
      const base = send.dn(command.base, line, { allowEmpty: true });
      const filter = send.filter(command.filter, line);
      const display = `find "${show.dn(command.base, line, { allowEmpty: true })}" "${show.filter(command.filter, line)}"`;
      return { kind: 'find', line, display, base, filter };
    }
    case 'add': {
      const attributes = new Map<string, LdapValue[]>();
      const shown: string[] = [];
      for (const attribute of command.attributes) {
        const values = attributes.get(attribute.attribute) ?? [];
        const [sent, displayed] = attributeValue(attribute.attribute, attribute.value, send, show);
        values.push(sent);
        attributes.set(attribute.attribute, values);
        shown.push(`  ${attribute.attribute}: ${displayed}`);
      }
      const display = [`add "${show.dn(command.dn, line)}"`, ...shown].join('\n');
      const list = [...attributes].map(([type, values]) => ({ type, values }));
      return { kind: 'add', line, display, dn: send.dn(command.dn, line), attributes: list };
    }
    case 'modify':
    case 'delete':
      return {
        kind: command.kind,
        line,
        display: `${command.kind} "${show.dn(command.dn, line)}"`,
        dn: send.dn(command.dn, line),
      };
    case 'mod-add':
    case 'mod-del':
    case 'mod-replace': {
      const value =
        command.value === null ? null : attributeValue(command.attribute, command.value, send, show);
      const values = value === null ? [] : [value[0]];
      const shownValue = value === null ? '' : ` ${value[1]}`;
      return {
        kind: 'change',
        line,
        display: `${command.kind} ${command.attribute}${shownValue}`,
        operation: changeOperations[command.kind],
        attribute: command.attribute,
        values,
      };
    }
  }
}

interface Analysed {
  readonly commands: readonly LdapCommand[];
  readonly lines: LineIndex;
  /** Syntax and tag problems (not yet those of DNs and filters). */
  readonly problems: readonly TemplateProblem[];
}

function analyse(template: string): Analysed {
  const parsed = parseLdapTemplate(template);
  return {
    commands: parsed.commands,
    lines: new LineIndex(template),
    problems: [...tagProblems(template), ...parsed.problems],
  };
}

/** Template problems: syntax, tags, and tags or DNs/filters that cannot work whatever the values. */
export function checkLdapTemplate(template: string): TemplateProblem[] {
  const { commands, lines, problems: found } = analyse(template);
  const renderer = new Renderer(resolver(null, lines, false), lines);
  const problems = [...found];
  for (const command of commands) {
    try {
      operation(command, renderer, renderer);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      problems.push({ line: error.line ?? command.line, column: error.column ?? 1, message: error.message });
    }
  }
  return sortProblems(problems);
}

/**
 * Every operation with its values in place; throws a Refusal before anything is sent. (The DN and
 * filter problems check() finds with placeholders, rendering with the values finds too.)
 */
export function prepareLdapOperations(template: string, tags: TagValues): LdapOperation[] {
  const { commands, lines, problems } = analyse(template);
  const [first] = sortProblems(problems);
  if (first !== undefined)
    throw new Refusal(describeProblems(sortProblems(problems)), first.line, first.column);
  const send = new Renderer(resolver(tags, lines, false), lines);
  const show = new Renderer(resolver(tags, lines, true), lines, false);
  return commands.map((command) => operation(command, send, show));
}
