import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { templateFiles } from '../../../electron/cli/template-check';
import { createPluginRegistry } from '../../../electron/plugins/registry';
import { checkSshTemplate } from '../../../electron/plugins/ssh';
import { TemplateLibraryImport } from '../../../electron/services/template-library-import';
import { makeTempDir } from '../../support/temp-dir';
import { actor, openServices, template, type Services } from './harness';

let dir: ReturnType<typeof makeTempDir>;
let s: Services;
let library: TemplateLibraryImport;
beforeEach(() => {
  dir = makeTempDir();
  // The SSH plugin's own check; the other plugins' checks are not what is under test here.
  s = openServices(dir.path, {
    syntaxCheck: (id, content) => (id === 'ssh' ? checkSshTemplate(content) : []),
  });
  library = new TemplateLibraryImport(s.templates);
});
afterEach(async () => {
  await s.audit.close();
  dir.remove();
});

const good = 'expect "*$"\nexec "passwd [#USERNAME#]"\n';

describe('Import templates from a library folder', () => {
  it('takes plugin and type from the folder names and saves each as a new version 1, audited with its path', async () => {
    const outcomes = await library.importFiles(
      [
        { path: 'lib/SSH/Change password/Alcatel', content: good },
        {
          path: 'lib/PostgreSQL/Change password/Postgres 9',
          content: 'ALTER ROLE [#USERNAME#] PASSWORD [#NEW_PASSWORD#];',
        },
        { path: 'lib/LDAP/Disable credential/AD', content: 'whatever' },
        { path: 'lib/SSH/Create user/loose', content: 'expect "*]\nexec clish\n' },
      ],
      undefined,
      actor,
    );
    expect(outcomes.map((o) => o.imported)).toEqual([true, true, true, true]);
    expect(outcomes[3]).toMatchObject({ name: 'loose', warnings: 2 });
    const byName = (name: string) => s.templates.list().find((t) => t.name === name);
    expect(byName('Alcatel')).toMatchObject({
      pluginId: 'ssh',
      executionType: 'Password change',
      version: 1,
      builtIn: false,
      content: good,
    });
    expect(byName('Postgres 9')).toMatchObject({ pluginId: 'postgresql', executionType: 'Password change' });
    expect(byName('AD')).toMatchObject({ pluginId: 'ldap', executionType: 'Credential disable' });
    expect(byName('loose')).toMatchObject({
      executionType: 'New user',
      description: 'Imported from lib/SSH/Create user/loose',
    });
    const [last] = s.audit.list({ entity: 'template' }, 0, 1).entries;
    expect(last).toMatchObject({
      action: 'create',
      detail: 'Version 1, imported from lib/SSH/Create user/loose',
    });
  });

  it('refuses, each with its reason, what it cannot place or what its plugin refuses, and imports the rest', async () => {
    const outcomes = await library.importFiles(
      [
        { path: 'lib/Elsewhere/Change password/x', content: good },
        { path: 'lib/SSH/Secret Management Automation/y', content: good },
        { path: 'lib/SSH/Change password/bad', content: 'exec "ok"\nfrobnicate\n' },
        { path: 'lib/SSH/Change password/\u202eevil', content: good },
        { path: 'lib/SSH/Change password/fine', content: good },
      ],
      undefined,
      actor,
    );
    expect(outcomes).toEqual([
      {
        path: 'lib/Elsewhere/Change password/x',
        imported: false,
        reason: expect.stringMatching(/^no plugin/) as string,
      },
      {
        path: 'lib/SSH/Secret Management Automation/y',
        imported: false,
        reason: expect.stringMatching(/^no execution type/) as string,
      },
      {
        path: 'lib/SSH/Change password/bad',
        imported: false,
        reason: expect.stringMatching(/^Line 2: Unknown command "frobnicate"/) as string,
      },
      {
        path: 'lib/SSH/Change password/\u202eevil',
        imported: false,
        reason: expect.stringMatching(
          /^its path contains a bidirectional control character \(U\+202E\)/,
        ) as string,
      },
      expect.objectContaining({ imported: true, name: 'fine' }),
    ]);
    expect(s.templates.list().map((t) => t.name)).toEqual(['fine']);
  });

  it('refuses a path with a line break, a control or a bidi character in a folder name, naming the character; nothing of it reaches the audit', async () => {
    const hostile = [
      'lib\nVersion 1, imported by admin/SSH/Change password/a',
      'lib/SSH\r/Change password/b',
      'lib/SSH/Change password\u0085/c',
      'lib/\u2066x\u2069/SSH/Change password/d',
      'lib/\u2028/SSH/Change password/e',
    ];
    const outcomes = await library.importFiles(
      hostile.map((path) => ({ path, content: good })),
      undefined,
      actor,
    );
    expect(outcomes.map((o) => (o.imported ? 'imported' : o.reason))).toEqual([
      'its path contains a control character (U+000A); only printable text is allowed',
      'its path contains a control character (U+000D); only printable text is allowed',
      'its path contains a control character (U+0085); only printable text is allowed',
      'its path contains a bidirectional control character (U+2066), which makes text display differently from what it is',
      'its path contains a line break (U+2028); it must be one line',
    ]);
    expect(s.templates.list()).toEqual([]);
    expect(s.audit.list({ entity: 'template' }, 0, 10).entries).toEqual([]);
  });

  it('cuts a long file name to 128 characters without splitting a character in two', async () => {
    const name = `${'a'.repeat(127)}\u{1f511}tail`;
    const [outcome] = await library.importFiles(
      [{ path: `lib/SSH/Change password/${name}`, content: good }],
      undefined,
      actor,
    );
    expect(outcome).toMatchObject({ imported: true, name: 'a'.repeat(127) });
    // The second of a name gets " (imported)": the cut before it falls inside the key too.
    const other = `${'b'.repeat(116)}\u{1f511}${'x'.repeat(20)}`;
    const twice = await library.importFiles(
      [other, other].map((file) => ({ path: `lib/SSH/Change password/${file}`, content: good })),
      undefined,
      actor,
    );
    expect(twice.map((o) => (o.imported ? o.name : o.reason))).toEqual([
      `${'b'.repeat(116)}\u{1f511}${'x'.repeat(10)}`,
      `${'b'.repeat(116)} (imported)`,
    ]);
  });

  it('gives files outside the type folders the type chosen for them', async () => {
    const [outcome] = await library.importFiles(
      [{ path: 'SSH/Create group/g', content: good }],
      'New user',
      actor,
    );
    expect(outcome).toMatchObject({ imported: true });
    expect(s.templates.list()[0]).toMatchObject({ name: 'g', executionType: 'New user' });
  });

  it('never replaces a template: a taken name gets " (imported)", then a number, also for two imports at once', async () => {
    await s.templates.save(
      undefined,
      template({ name: 'Alcatel', pluginId: 'ssh', content: 'exec "mine"' }),
      actor,
    );
    const file = { path: 'SSH/Change password/ALCATEL', content: good };
    const [one, two] = await Promise.all([
      library.importFiles([file], undefined, actor),
      library.importFiles([file], undefined, actor),
    ]);
    expect([one[0], two[0]]).toEqual([
      expect.objectContaining({ imported: true, name: 'ALCATEL (imported)' }),
      expect.objectContaining({ imported: true, name: 'ALCATEL (imported 2)' }),
    ]);
    expect(s.templates.list().find((t) => t.name === 'Alcatel')?.content).toBe('exec "mine"');
  });
});

// The vendor's library, where a checkout has it beside the project (data for checking only).
const vendor = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'vendor-templates');

describe.skipIf(!existsSync(vendor))("Import templates: the vendor's library", () => {
  it('imports what `template -- check` accepts: the app adds no refusal of its own', async () => {
    await s.audit.close();
    const registry = createPluginRegistry();
    s = openServices(dir.path, { syntaxCheck: (id, content) => registry.get(id)?.check(content) ?? [] });
    library = new TemplateLibraryImport(s.templates);
    const files = templateFiles([vendor]).map((path) => ({
      path: relative(vendor, path),
      content: readFileSync(path, 'utf8'),
    }));
    const outcomes = await library.importFiles(files, 'Password change', actor);
    expect(outcomes.filter((o) => !o.imported)).toEqual([]);
    // The three empty files are placeholders: imported inactive, each with its warning.
    const empty = ['CISCO PCRF', 'Cisco ITX PCRF', 'Huawei RNC'];
    const inactive = s.templates.list().filter((t) => !t.builtIn && !t.active);
    expect(inactive.map((t) => t.name).sort()).toEqual(empty);
    for (const name of empty)
      expect(outcomes.find((o) => o.path === `SSH/Change password/${name}`)).toMatchObject({ warnings: 1 });
    expect(outcomes).toHaveLength(140);
  });
});
