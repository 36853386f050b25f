/**
 * `npm run template -- run ...`: runs one template file against a target, for template authors
 * and lab scripts (a template repository can test its templates in its own CI with it).
 * `npm run template -- check PATH...`: checks a whole library without connecting (template-check.ts).
 */
import { readFileSync } from 'node:fs';
import { findPlugin } from '../../shared/domain/plugin';
import type { RunStep } from '../plugins/plugin-runtime';
import { UsageError } from '../platform/usage-error';
import { createPluginRegistry } from '../plugins/registry';
import { withSecretTags } from '../plugins/tag-engine';
import { fingerprintOf, type HostKeyCheck } from '../plugins/ssh';
import { parseCheckArgs, parseTemplateArgs, templateUsage } from './template-args';
import { checkExitCode, checkSummary, checkTemplateFiles, templateFiles } from './template-check';

/** The first line of a file, or of standard input for `-` (a secret piped in stays off `ps`). */
const firstLine = (path: string) =>
  (readFileSync(path === '-' ? 0 : path, 'utf8').split(/\r?\n/)[0] ?? '').trimEnd();

function printStep(step: RunStep): void {
  console.log(
    `line ${step.line}: ${step.command}  [${step.ok ? 'ok' : 'FAILED'}, ${Math.round(step.durationMs)} ms]`,
  );
  const output = step.output.trimEnd();
  if (output) console.log(output.replace(/^/gm, '    '));
}

/** `--host-key` pins the SSH server's key; without it the key shown is accepted, with a warning. */
function hostKeyCheck(expected: string | undefined): HostKeyCheck {
  return (target, key) => {
    const shown = fingerprintOf(key);
    if (expected === undefined) {
      console.error(
        `warning: ${target.host}:${target.port} shows host key ${shown}, not checked ` +
          `(pass --host-key ${shown} once you have compared it with the server's)`,
      );
      return true;
    }
    return shown === expected || `the server's host key ${shown} is not the expected ${expected}`;
  };
}

/** `check [--plugin P] PATH...`: one line per refused file, then the summary. */
function check(argv: readonly string[]): number {
  let outcome;
  try {
    const args = parseCheckArgs(argv);
    const registry = createPluginRegistry();
    outcome = checkTemplateFiles(templateFiles(args.paths), args.plugin, (id) => registry.get(id));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${templateUsage}`);
      return 2;
    }
    throw error;
  }
  for (const line of [...outcome.warnings, ...outcome.refusals]) console.log(line);
  console.log(checkSummary(outcome));
  return checkExitCode(outcome);
}

async function main(): Promise<number> {
  if (process.argv[2] === 'check') return check(process.argv.slice(3));
  let args;
  try {
    args = parseTemplateArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${templateUsage}`);
      return 2;
    }
    throw error;
  }
  const plugin = findPlugin(args.plugin);
  const runtime = createPluginRegistry({ sshHostKeyCheck: hostKeyCheck(args.hostKey) }).get(args.plugin);
  if (!plugin || !runtime) {
    console.error(`${plugin?.name ?? args.plugin} is not available in this build`);
    return 2;
  }
  let template: string;
  let password: string | undefined;
  let privateKey: string | undefined;
  const fileTags: Record<string, string> = {};
  try {
    template = readFileSync(args.file, 'utf8');
    password = args.passwordFile ? firstLine(args.passwordFile) : undefined;
    privateKey = args.keyFile ? readFileSync(args.keyFile, 'utf8') : undefined;
    for (const [name, path] of Object.entries(args.tagFiles)) fileTags[name] = firstLine(path);
  } catch (error) {
    console.error(`Cannot read an input file: ${error instanceof Error ? error.message : 'error'}`);
    return 2;
  }
  const problems = runtime.check(template);
  for (const p of problems) {
    const label = p.severity === 'warning' ? 'warning: ' : '';
    console.error(`${args.file}:${p.line}:${p.column}: ${label}${p.message}`);
  }
  if (problems.some((p) => p.severity !== 'warning')) return 2;
  const port = args.port ?? plugin.defaultPort;
  if (port === null) {
    console.error('--port is required for this plugin');
    return 2;
  }
  const result = await runtime.run({
    template,
    target: { host: args.host, port },
    login: {
      username: args.user,
      ...(password !== undefined ? { password } : {}),
      ...(privateKey !== undefined ? { privateKey } : {}),
      ...(args.database !== undefined ? { database: args.database } : {}),
      ...(args.domain !== undefined ? { domain: args.domain } : {}),
    },
    // A user-defined tag read from a file is secret (template-args.ts).
    tags: withSecretTags(
      { AUTH_USER: args.user, AUTH_PASSWORD: password ?? '', IP: args.host, ...args.tags, ...fileTags },
      Object.keys(fileTags),
    ),
    ...(args.readTimeout !== undefined ? { timeouts: { readSeconds: args.readTimeout } } : {}),
    onStep: printStep,
  });
  if (result.ok) {
    console.log(`Succeeded in ${Math.round(result.durationMs)} ms.`);
    return 0;
  }
  const failure = result.failure;
  console.error(
    `Failed${failure?.line ? ` at line ${failure.line}` : ''} (${failure?.kind ?? 'unknown'}): ${failure?.message ?? ''}`,
  );
  if (failure?.outputTail) console.error(failure.outputTail.replace(/^/gm, '    '));
  return failure?.kind === 'refused' ? 2 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
