import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCheckArgs } from '../../../electron/cli/template-args';
import {
  checkExitCode,
  checkSummary,
  checkTemplateFiles,
  pluginFromFolders,
  templateFiles,
} from '../../../electron/cli/template-check';
import { UsageError } from '../../../electron/platform/usage-error';
import { createPluginRegistry } from '../../../electron/plugins/registry';
import { makeTempDir } from '../../support/temp-dir';

const registry = createPluginRegistry();
const runtimeOf = registry.get.bind(registry);
let dir: ReturnType<typeof makeTempDir>;

beforeEach(() => {
  dir = makeTempDir('jit-check-');
});
afterEach(() => dir.remove());

/** Writes a file under the temp dir (creating its folders); returns its path. */
function put(path: string, text: string): string {
  const file = join(dir.path, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

const goodSsh = 'exec "uptime"\nexpect "load"\n';
const goodSql = 'ALTER ROLE [#USERNAME#] PASSWORD [#NEW_PASSWORD#];\n';
const goodLdap = 'find "ou=staff,dc=example,dc=org" "(uid=[#USERNAME#])"\nmod-replace description left\n';

describe('template check: which plugin a file is for', () => {
  it('takes the nearest folder that names a plugin, in any case', () => {
    expect(pluginFromFolders('/lib/SSH/Change password/Router')).toBe('ssh');
    expect(pluginFromFolders('/lib/postgresql/x')).toBe('postgresql');
    expect(pluginFromFolders('/lib/MySQL/LDAP/x')).toBe('ldap');
    expect(pluginFromFolders('/lib/Other/x')).toBeNull();
  });
});

describe('template check: the walk', () => {
  it('finds files in every sub-folder, skipping hidden files, Markdown and licences', () => {
    put('SSH/a/one', goodSsh);
    put('SSH/b/c/two', goodSsh);
    put('SSH/.hidden', 'junk');
    put('README.md', '# not a template');
    put('LICENSE', 'MIT');
    const names = templateFiles([dir.path]).map((f) => f.slice(dir.path.length + 1));
    expect(names).toEqual(['SSH/a/one', 'SSH/b/c/two']);
  });

  it('refuses a path that does not exist, or one with no template, as a usage error', () => {
    expect(() => templateFiles([join(dir.path, 'missing')])).toThrow(/No such file or folder/);
    mkdirSync(join(dir.path, 'empty'));
    expect(() => templateFiles([join(dir.path, 'empty')])).toThrow(UsageError);
  });
});

describe('template check: the report', () => {
  it('accepts good templates of each plugin and names each refused file with line, column and reason', () => {
    put('SSH/good', goodSsh);
    put('SSH/bad', 'exec "uptime"\nfrobnicate now\n');
    put('PostgreSQL/good', goodSql);
    put('LDAP/good', goodLdap);
    put('LDAP/bad', 'bind "cn=admin,dc=example,dc=org\n');
    put('Elsewhere/orphan', goodSsh);
    const outcome = checkTemplateFiles(templateFiles([dir.path]), undefined, runtimeOf, (p) =>
      p.slice(dir.path.length + 1),
    );
    expect(outcome.refusals).toHaveLength(3);
    expect(outcome.refusals[0]).toMatch(/^Elsewhere\/orphan:1:1: no plugin/);
    expect(outcome.refusals[1]).toMatch(/^LDAP\/bad:1:\d+: bind: unterminated/);
    expect(outcome.refusals[2]).toMatch(/^SSH\/bad:2:1: .*frobnicate/);
    expect(checkSummary(outcome)).toBe('3 accepted, 3 refused');
    expect(checkExitCode(outcome)).toBe(1);
  });

  it('accepts a file read as senhasegura reads it, and prints its warnings', () => {
    put('SSH/vendor', 'expect "*]\nexec clish\n');
    const outcome = checkTemplateFiles(templateFiles([dir.path]), undefined, runtimeOf, (p) =>
      p.slice(dir.path.length + 1),
    );
    expect(outcome.refusals).toEqual([]);
    expect(outcome.warnings).toEqual([
      'SSH/vendor:1:8: warning: expect: No closing ": the text runs to the end of the line',
      expect.stringMatching(/^SSH\/vendor:2:6: warning: exec: The text is not in quotes/) as string,
    ]);
    expect(checkSummary(outcome)).toBe('1 accepted, 0 refused (1 accepted with warnings)');
    expect(checkExitCode(outcome)).toBe(0);
  });

  it('lets --plugin win over the folder names', () => {
    const file = put('SSH/really-sql', goodSql);
    expect(checkTemplateFiles([file], undefined, runtimeOf).refused).toBe(1);
    const outcome = checkTemplateFiles([file], 'postgresql', runtimeOf);
    expect(checkSummary(outcome)).toBe('1 accepted, 0 refused');
    expect(checkExitCode(outcome)).toBe(0);
  });

  it('refuses a file that is not UTF-8 text, and goes on with the others', () => {
    const bad = put('SSH/binary', '');
    writeFileSync(bad, Buffer.from([0x65, 0x78, 0xff, 0xfe]));
    const good = put('SSH/good', goodSsh);
    const outcome = checkTemplateFiles([bad, good], undefined, runtimeOf, (p) => p);
    expect(outcome.refusals).toEqual([`${bad}:1:1: not UTF-8 text`]);
    expect(outcome.accepted).toBe(1);
  });
});

describe('template check: a hostile library', () => {
  it('prints no control character of a file name or of a template line (no terminal escapes, no fake lines)', () => {
    put('SSH/\u001b]0;owned\u0007\n0 accepted, 0 refused\r', 'frobnicate\n');
    put('SSH/plain', '\u001b[2J\u001b[1;1Hfrobnicate\u009b\n');
    const outcome = checkTemplateFiles(templateFiles([dir.path]), undefined, runtimeOf, (p) =>
      p.slice(dir.path.length + 1),
    );
    expect(outcome.refused).toBe(2);
    for (const line of outcome.refusals) {
      // eslint-disable-next-line no-control-regex -- the test looks for control characters.
      expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    }
    expect(outcome.refusals[0]).toMatch(/^SSH\/\\x1b\]0;owned\\x07\\x0a0 accepted, 0 refused\\x0d:1:1: /);
    expect(() => templateFiles([join(dir.path, 'no\u001b[2Jne')])).toThrow(/no\\x1b\[2Jne/);
  });

  it('follows links to templates and folders, and ends in a link loop', () => {
    const shared = put('shared/router', 'frobnicate\n');
    mkdirSync(join(dir.path, 'lib', 'SSH'), { recursive: true });
    symlinkSync(shared, join(dir.path, 'lib', 'SSH', 'router'));
    symlinkSync(join(dir.path, 'lib'), join(dir.path, 'lib', 'SSH', 'loop'));
    symlinkSync(join(dir.path, 'gone'), join(dir.path, 'lib', 'SSH', 'dangling'));
    const files = templateFiles([join(dir.path, 'lib')]).map((f) => f.slice(dir.path.length + 1));
    expect(files).toEqual(['lib/SSH/dangling', 'lib/SSH/router']);
    const outcome = checkTemplateFiles(
      files.map((f) => join(dir.path, f)),
      undefined,
      runtimeOf,
      (p) => p.slice(dir.path.length + 1),
    );
    expect(outcome.refusals).toEqual([
      'lib/SSH/dangling:1:1: cannot be read',
      expect.stringMatching(/^lib\/SSH\/router:1:1: .*frobnicate/),
    ]);
  });

  it('refuses a file larger than a template may be, and one that is not a regular file, without reading it', () => {
    const big = put('SSH/big', goodSsh.repeat(Math.ceil((64 * 1024) / goodSsh.length) + 1));
    const fifo = join(dir.path, 'SSH', 'fifo');
    execFileSync('mkfifo', [fifo]);
    const outcome = checkTemplateFiles([big, fifo], undefined, runtimeOf, (p) =>
      p.slice(dir.path.length + 1),
    );
    expect(outcome.refusals).toEqual([
      'SSH/big:1:1: larger than 64 KiB, more than a template may be',
      'SSH/fifo:1:1: not a regular file',
    ]);
  });
});

describe('template check: the command line', () => {
  it('takes --plugin and paths, and refuses the rest', () => {
    expect(parseCheckArgs(['--plugin', 'ldap', 'a', 'b']).paths).toHaveLength(2);
    expect(parseCheckArgs(['--plugin', 'ldap', 'a']).plugin).toBe('ldap');
    expect(() => parseCheckArgs([])).toThrow(/at least one PATH/);
    expect(() => parseCheckArgs(['--plugin', 'telnet', 'a'])).toThrow(/--plugin must be/);
    expect(() => parseCheckArgs(['--host', 'x', 'a'])).toThrow(/Unknown option for check/);
  });

  // The CLI from its sources (tsx), as a library's CI would run it: output and exit status.
  // It runs in the temp dir (paths print relative to it), so tsx's loader is named by its path.
  const root = join(import.meta.dirname, '..', '..', '..');
  const cli = join(root, 'electron', 'cli', 'template-cli.ts');
  const tsx = pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const runCheck = (...args: string[]) => {
    const result = spawnSync(process.execPath, ['--import', tsx, cli, 'check', ...args], {
      encoding: 'utf8',
      cwd: dir.path,
      timeout: 60_000,
    });
    return { code: result.status, out: result.stdout, err: result.stderr };
  };

  it('exits 0 when all are accepted, 1 when any is refused, 2 on a usage error', () => {
    put('lib/SSH/good', goodSsh);
    expect(runCheck('lib')).toEqual({ code: 0, out: '1 accepted, 0 refused\n', err: '' });
    put('lib/SSH/bad', 'frobnicate\n');
    const refused = runCheck('lib');
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/^lib\/SSH\/bad:1:1: .+\n1 accepted, 1 refused\n$/);
    const usage = runCheck('nowhere');
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/No such file or folder[\s\S]*npm run template -- check/);
    // Three Node starts with tsx compiling the CLI: seconds each on a busy 2-CPU machine.
  }, 120_000);
});

// The vendor's library, where a checkout has it beside the project (data for checking only).
const vendor = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'vendor-templates');

describe.skipIf(!existsSync(vendor))("template check: the vendor's library", () => {
  it('accepts all 140 (issue 13)', () => {
    const outcome = checkTemplateFiles(templateFiles([vendor]), undefined, runtimeOf);
    // With warnings: 3 empty files (imported inactive), and lines written loosely (no closing
    // quote, text after the string).
    expect(checkSummary(outcome)).toBe('140 accepted, 0 refused (9 accepted with warnings)');
    expect(checkExitCode(outcome)).toBe(0);
  });
});
