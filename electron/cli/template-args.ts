import { resolve } from 'node:path';
import { fingerprintSchema } from '../../shared/domain/host-key';
import { pluginIds, type PluginId } from '../../shared/domain/plugin';
import { maxTagNameLength } from '../../shared/domain/template-tags';
import { secretTagNames } from '../plugins/plugin-runtime';
import { derivedTags } from '../plugins/tag-engine';
import { UsageError } from '../platform/usage-error';

export interface TemplateCliArgs {
  readonly plugin: PluginId;
  readonly host: string;
  readonly port: number | undefined;
  readonly user: string;
  readonly passwordFile: string | undefined;
  readonly keyFile: string | undefined;
  readonly database: string | undefined;
  readonly domain: string | undefined;
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Tags whose value is the first line of a file (`-`: standard input), e.g. NEW_PASSWORD. A
   * user-defined tag given so is secret: masked in every log like a password.
   */
  readonly tagFiles: Readonly<Record<string, string>>;
  readonly readTimeout: number | undefined;
  /** SSH: the fingerprint the server's host key must have (`SHA256:...`, as ssh-keygen -l prints). */
  readonly hostKey: string | undefined;
  readonly file: string;
}

/** The secret tags a caller gives; the hash tags are computed from NEW_PASSWORD by the run. */
const givenSecretTags = secretTagNames.filter((name) => !(name in derivedTags));

export const templateUsage = `Usage: npm run template -- run --plugin ssh|postgresql|mysql|ldap --host H [--port P]
         --user U [--password-file F] [--key-file F] [--database D] [--domain D]
         [--tag NAME=VALUE ...] [--tag-file NAME=FILE ...] [--read-timeout S]
         [--host-key SHA256:...] FILE

Runs one template against a target and prints each step (secrets masked).
AUTH_USER, AUTH_PASSWORD and IP are filled from --user, --password-file and --host; give every
other tag the template uses with --tag (USERNAME=...). Secret tags (${givenSecretTags.join(', ')})
take --tag-file NAME=FILE: the first line of FILE, or of standard input when FILE is -
(a command line is visible to every local user). The hash tags (${Object.keys(derivedTags).join(', ')})
are computed from NEW_PASSWORD.
A template may also use tags of its own ([#HOME#], [#API_KEY#]: upper-case letters, digits and _,
up to ${maxTagNameLength}): give them with --tag NAME=VALUE, or with --tag-file NAME=FILE to make the
value secret (masked in the output). A tag the template uses without a value is refused by name
before anything is sent.
SSH: --host-key pins the server's key (ssh-keygen -l -f the server's key.pub prints it); without
it the key is not checked and a warning names the key shown.
Exit status: 0 the run succeeded, 1 it failed on the target, 2 bad input (usage, unknown tag,
syntax error, a value refused by the escaping rules).

       npm run template -- check [--plugin ssh|postgresql|mysql|ldap] PATH...

Checks every template file under the paths (folders recursively; hidden files, *.md and licence
files skipped) without connecting: each file's plugin is --plugin, or else the nearest folder named
SSH, PostgreSQL, MySQL or LDAP (any case). Prints path:line:column: reason for each refused file,
then "N accepted, M refused". Exit status: 0 all accepted, 1 any refused, 2 bad usage.`;

export interface TemplateCheckArgs {
  /** Wins over the folder names when given. */
  readonly plugin: PluginId | undefined;
  readonly paths: readonly string[];
}

/** `check [--plugin P] PATH...` (argv without the leading "check"). */
export function parseCheckArgs(argv: readonly string[]): TemplateCheckArgs {
  let plugin: PluginId | undefined;
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) {
      paths.push(resolve(arg));
      continue;
    }
    if (arg !== '--plugin') throw new UsageError(`Unknown option for check: ${arg}`);
    const value = argv[++i];
    if (value === undefined || !(pluginIds as readonly string[]).includes(value))
      throw new UsageError('--plugin must be one of ssh, postgresql, mysql, ldap');
    plugin = value as PluginId;
  }
  if (paths.length === 0) throw new UsageError('check needs at least one PATH (a template file or folder)');
  return { plugin, paths };
}

export function parseTemplateArgs(argv: readonly string[]): TemplateCliArgs {
  if (argv[0] !== 'run')
    throw new UsageError(
      argv[0] === undefined ? 'Missing command: run or check' : `Unknown command: ${argv[0]}`,
    );
  const options = new Map<string, string>();
  const tags: Record<string, string> = {};
  const tagFiles: Record<string, string> = {};
  let file: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) {
      if (file !== undefined) throw new UsageError(`Only one template file, got "${file}" and "${arg}"`);
      file = resolve(arg);
      continue;
    }
    const value = argv[++i];
    if (value === undefined) throw new UsageError(`${arg} needs a value`);
    if (arg === '--tag' || arg === '--tag-file') {
      const [name, tagValue] = tagAssignment(arg, value);
      if (Object.hasOwn(tags, name) || Object.hasOwn(tagFiles, name))
        throw new UsageError(`The tag ${name} is given twice`);
      if (arg === '--tag') tags[name] = tagValue;
      else tagFiles[name] = tagValue === '-' ? '-' : resolve(tagValue);
      continue;
    }
    if (
      ![
        '--plugin',
        '--host',
        '--port',
        '--user',
        '--password-file',
        '--key-file',
        '--database',
        '--domain',
        '--read-timeout',
        '--host-key',
      ].includes(arg)
    ) {
      throw new UsageError(`Unknown option: ${arg}`);
    }
    options.set(arg, value);
  }
  const plugin = options.get('--plugin');
  if (!plugin || !(pluginIds as readonly string[]).includes(plugin)) {
    throw new UsageError(`--plugin must be one of ssh, postgresql, mysql, ldap`);
  }
  const host = options.get('--host');
  if (!host) throw new UsageError('--host is required');
  const user = options.get('--user');
  if (!user) throw new UsageError('--user is required');
  if (!file) throw new UsageError('The template FILE is required');
  const number = (name: string, max: number): number | undefined => {
    const raw = options.get(name);
    if (raw === undefined) return undefined;
    if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max)
      throw new UsageError(`${name} must be 1..${max}`);
    return Number(raw);
  };
  const path = (name: string) => {
    const raw = options.get(name);
    return raw === undefined ? undefined : resolve(raw);
  };
  const hostKey = options.get('--host-key');
  if (hostKey !== undefined && !fingerprintSchema.safeParse(hostKey).success) {
    throw new UsageError(
      '--host-key takes a fingerprint as ssh-keygen -l prints it: SHA256: and 43 characters',
    );
  }
  if (hostKey !== undefined && plugin !== 'ssh') throw new UsageError('--host-key is for --plugin ssh');
  if (Object.values(tagFiles).filter((f) => f === '-').length > 1)
    throw new UsageError('Only one --tag-file can read standard input (-)');
  return {
    plugin: plugin as PluginId,
    host,
    port: number('--port', 65535),
    user,
    passwordFile: path('--password-file'),
    keyFile: path('--key-file'),
    database: options.get('--database'),
    domain: options.get('--domain'),
    tags,
    tagFiles,
    readTimeout: number('--read-timeout', 3600),
    hostKey,
    file,
  };
}

/**
 * `NAME=VALUE` of --tag or --tag-file. A secret tag's value is refused on the command line (every
 * local user can read a process's arguments); the message names the tag, never the value.
 */
function tagAssignment(option: '--tag' | '--tag-file', text: string): [string, string] {
  const match = /^([A-Z0-9_]+)=(.*)$/s.exec(text);
  const name = match?.[1];
  if (name === undefined) {
    const shape = option === '--tag' ? 'NAME=VALUE' : 'NAME=FILE';
    throw new UsageError(
      `${option} takes ${shape} with NAME in upper case, got "${text.split('=')[0] ?? ''}"`,
    );
  }
  if (name.length > maxTagNameLength)
    throw new UsageError(`${option}: a tag name has at most ${maxTagNameLength} characters`);
  if (option === '--tag' && secretTagNames.includes(name)) {
    throw new UsageError(
      `--tag ${name}=... would put a secret on the command line, where every local user can read it; ` +
        `use --tag-file ${name}=FILE (the first line of FILE, or - for standard input)`,
    );
  }
  if (name in derivedTags) {
    throw new UsageError(`${name} is computed from NEW_PASSWORD by the run: give NEW_PASSWORD instead`);
  }
  if (option === '--tag-file' && !match?.[2]) throw new UsageError(`--tag-file ${name}= needs a FILE (or -)`);
  return [name, match?.[2] ?? ''];
}
