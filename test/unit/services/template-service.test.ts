import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtInReadOnly } from '../../../electron/services/template-service';
import { makeTempDir } from '../../support/temp-dir';
import {
  actor,
  credential,
  device,
  enableDisableJit,
  keep,
  openServices,
  seedJit,
  settle,
  template,
  type Services,
} from './harness';

let dir: ReturnType<typeof makeTempDir>;
let s: Services;
beforeEach(() => {
  dir = makeTempDir();
  s = openServices(dir.path);
});
afterEach(async () => {
  await s.audit.close();
  dir.remove();
});

describe('TemplateService versions', () => {
  it('creates version 1, adds a version per edit, keeps old versions readable after a restart', async () => {
    const t = await s.templates.save(undefined, template({ content: 'exec "one"' }), actor);
    expect(t).toMatchObject({ id: 1, version: 1, builtIn: false, active: true });
    s.clock.tick(60);
    const v2 = await s.templates.save(t.id, template({ content: 'exec "two"' }), 'bob');
    expect(v2.version).toBe(2);
    await settle();

    const again = openServices(dir.path);
    expect(again.templates.get(t.id).content).toBe('exec "two"');
    expect(again.templates.versions(t.id)).toEqual([
      expect.objectContaining({
        version: 2,
        content: 'exec "two"',
        savedBy: 'bob',
        savedAt: '2026-11-29T10:01:00.000Z',
      }),
      expect.objectContaining({
        version: 1,
        content: 'exec "one"',
        savedBy: actor,
        savedAt: '2026-11-29T10:00:00.000Z',
      }),
    ]);
    await again.audit.close();
  });

  it('makes no version (and no audit entry) for an unchanged save, and none for switching it off', async () => {
    const t = await s.templates.save(undefined, template(), actor);
    const entries = s.audit.size;
    expect((await s.templates.save(t.id, template(), actor)).version).toBe(1);
    expect(s.audit.size).toBe(entries);
    const off = await s.templates.save(t.id, template({ active: false }), actor);
    expect(off).toMatchObject({ version: 1, active: false });
    expect(s.templates.versions(t.id)).toHaveLength(1);
    expect(s.audit.list({ entity: 'template' }, 0, 1).entries[0]).toMatchObject({
      action: 'deactivate',
      fields: ['active'],
    });
  });

  it('names must be unique per plugin', async () => {
    await s.templates.save(undefined, template({ name: 'Enable' }), actor);
    await expect(s.templates.save(undefined, template({ name: 'ENABLE' }), actor)).rejects.toMatchObject({
      code: 'conflict',
      field: 'name',
    });
    const pg = await s.templates.save(
      undefined,
      template({ name: 'Enable', pluginId: 'postgresql', content: 'ALTER ROLE x' }),
      actor,
    );
    expect(pg.name).toBe('Enable');
  });

  it('a new template needs an available plugin', async () => {
    await expect(s.templates.save(undefined, template({ pluginId: 'winrm' }), actor)).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'pluginId',
      message: 'Windows (WinRM) is not available in this build',
    });
  });
});

describe('TemplateService content check', () => {
  it('refuses malformed tags, naming the first problem’s line; other names are user-defined tags', async () => {
    const content = 'exec "useradd [#USERNAME#]"\nexec "echo [#home#]"\nexec "[#user#]"';
    await expect(s.templates.save(undefined, template({ content }), actor)).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'content',
      message: 'Line 2: Malformed tag [#home#]: write [#NAME#] in upper case (and 1 more problem)',
    });
    expect(s.templates.list()).toEqual([]);
    expect(s.templates.check('ssh', content)).toEqual([
      { line: 2, column: 12, message: 'Malformed tag [#home#]: write [#NAME#] in upper case' },
      { line: 3, column: 7, message: 'Malformed tag [#user#]: write [#NAME#] in upper case' },
    ]);
    expect(s.templates.check('ssh', 'exec "echo [#HOME#]"')).toEqual([]);
    expect(s.templates.check('ssh', 'exec "[#NEW_PASSWORD#]"')).toEqual([]);
  });
});

describe('TemplateService built-ins and clones', () => {
  const builtIn = (overrides: Parameters<typeof template>[0] = {}) => ({
    ...template({ name: 'Linux: enable user', ...overrides }),
    key: 'ssh.enable-user',
  });

  it('built-ins are read-only, and a clone of one is editable', async () => {
    const [id = 0] = await s.templates.installBuiltIns([builtIn()]);
    const original = s.templates.get(id);
    expect(original.builtIn).toBe(true);
    await expect(
      s.templates.save(id, template({ name: 'Linux: enable user', content: 'x' }), actor),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: builtInReadOnly,
    });
    await expect(s.templates.delete(id, actor)).rejects.toMatchObject({ message: builtInReadOnly });

    const copy = await s.templates.clone(id, undefined, actor);
    expect(copy).toMatchObject({
      name: 'Copy of Linux: enable user',
      builtIn: false,
      version: 1,
      content: original.content,
    });
    const copy2 = await s.templates.clone(id, undefined, actor);
    expect(copy2.name).toBe('Copy of Linux: enable user (2)');
    await expect(s.templates.clone(id, 'copy of linux: ENABLE user', actor)).rejects.toMatchObject({
      field: 'name',
    });
    expect(
      (await s.templates.save(copy.id, template({ name: copy.name, content: 'exec "changed"' }), actor))
        .version,
    ).toBe(2);
  });

  it('a clone saved from the editor is a new template at version 1 whose audit names its source', async () => {
    const source = await s.templates.save(undefined, template({ name: 'Create' }), actor);
    await s.templates.save(source.id, template({ name: 'Create', content: 'exec "two"' }), actor);
    const copy = await s.templates.save(
      undefined,
      template({ name: 'Copy of Create', content: 'exec "three"' }),
      actor,
      { clonedFrom: source.id },
    );
    expect(copy).toMatchObject({ version: 1, name: 'Copy of Create', content: 'exec "three"' });
    expect(s.templates.versions(copy.id)).toHaveLength(1);
    expect(s.audit.list({ entity: 'template' }, 0, 1).entries[0]).toMatchObject({
      action: 'create',
      entityId: copy.id,
      detail: 'Version 1, cloned from Create (version 2)',
    });
  });

  it('installing built-ins again changes nothing; a newer build’s change (even a rename) makes a new version', async () => {
    const [id = 0] = await s.templates.installBuiltIns([builtIn()]);
    expect(await s.templates.installBuiltIns([builtIn()])).toEqual([]);
    expect(
      await s.templates.installBuiltIns([
        builtIn({ name: 'Linux: unlock user', content: 'exec "usermod -U [#USERNAME#]"; true' }),
      ]),
    ).toEqual([id]);
    expect(s.templates.get(id)).toMatchObject({ name: 'Linux: unlock user', version: 2, builtIn: true });
    expect(s.templates.list()).toHaveLength(1);
  });

  it('a built-in whose name a user template has is installed under another name', async () => {
    await s.templates.save(undefined, template({ name: 'Linux: enable user' }), actor);
    const [id = 0] = await s.templates.installBuiltIns([builtIn()]);
    expect(s.templates.get(id).name).toBe('Linux: enable user (built-in)');
  });

  it('adds the plugin’s own check to the tag check, without duplicates', async () => {
    await s.audit.close();
    const { openServices: open } = await import('./harness');
    s = open(dir.path, {
      syntaxCheck: (_plugin, content) => [
        ...(content.includes('[#X#]') ? [{ line: 1, column: 1, message: 'Unknown tag [#X#]' }] : []),
        ...(content.includes('bogus') ? [{ line: 2, column: 1, message: 'Unknown command bogus' }] : []),
      ],
    });
    expect(s.templates.check('ssh', '[#X#]\nbogus').filter((p) => p.severity !== 'warning')).toEqual([
      { line: 1, column: 1, message: 'Unknown tag [#X#]' },
      { line: 2, column: 1, message: 'Unknown command bogus' },
    ]);
    await expect(
      s.templates.save(undefined, template({ content: 'exec "a"\nbogus' }), actor),
    ).rejects.toMatchObject({
      field: 'content',
      message: 'Line 2: Unknown command bogus',
    });
  });

  it('saves an empty template only inactive (a placeholder), whichever way it comes', async () => {
    await expect(s.templates.save(undefined, template({ content: '  \n' }), actor)).rejects.toMatchObject({
      field: 'content',
      message: expect.stringContaining('The template is empty') as string,
    });
    const placeholder = await s.templates.save(undefined, template({ content: '', active: false }), actor);
    expect(placeholder.active).toBe(false);
    await expect(
      s.templates.save(placeholder.id, template({ content: '', active: true }), actor),
    ).rejects.toMatchObject({ field: 'content' });
    expect(s.templates.check('ssh', '')).toEqual([
      { line: 1, column: 1, message: expect.stringContaining('empty') as string, severity: 'warning' },
    ]);
  });

  it('saves a template whose only findings are warnings, and check still returns them', async () => {
    await s.audit.close();
    const { openServices: open } = await import('./harness');
    const { checkSshTemplate } = await import('../../../electron/plugins/ssh');
    s = open(dir.path, { syntaxCheck: (_plugin, content) => checkSshTemplate(content) });
    expect(s.templates.check('ssh', 'expect "*]\nexec "x"')).toEqual([
      { line: 1, column: 8, message: expect.stringContaining('No closing') as string, severity: 'warning' },
    ]);
    const saved = await s.templates.save(undefined, template({ content: 'expect "*]\nexec clish' }), actor);
    expect(saved.content).toBe('expect "*]\nexec clish');
    await expect(
      s.templates.save(undefined, template({ name: 'other', content: 'expect "*]\nbogus' }), actor),
    ).rejects.toMatchObject({
      field: 'content',
      message: expect.stringContaining('Line 2: Unknown command') as string,
    });
  });
});

describe('TemplateService and the JIT credentials that use a template', () => {
  it('refuses to switch off, delete or re-type a template in use, naming the credentials', async () => {
    const seed = await seedJit(s);
    const db = await s.devices.save(undefined, device({ name: 'db-02' }), actor);
    await s.credentials.save(
      undefined,
      credential({ username: 'root', deviceId: seed.web.id, jit: enableDisableJit(seed) }),
      keep,
      actor,
    );
    await s.credentials.save(
      undefined,
      credential({ username: 'postgres', deviceId: db.id, jit: enableDisableJit(seed) }),
      keep,
      actor,
    );
    const inUse = 'In use by JIT credentials: root @ web-01, postgres @ db-02';

    const enable = template({ name: 'Enable', executionType: 'Credential enable' });
    await expect(s.templates.save(seed.enable.id, { ...enable, active: false }, actor)).rejects.toMatchObject(
      {
        code: 'conflict',
        field: 'active',
        message: inUse,
      },
    );
    await expect(s.templates.delete(seed.enable.id, actor)).rejects.toMatchObject({
      code: 'conflict',
      message: inUse,
    });
    await expect(
      s.templates.save(seed.enable.id, { ...enable, executionType: 'Credential disable' }, actor),
    ).rejects.toMatchObject({ field: 'executionType' });
    // Editing its text is fine: the credentials run the newest version.
    expect(
      (
        await s.templates.save(
          seed.enable.id,
          { ...enable, content: 'exec "usermod -U -e -1 [#USERNAME#]"' },
          actor,
        )
      ).version,
    ).toBe(2);
    // A template no JIT credential uses (the creation one) can be deleted; its versions stay readable.
    expect(await s.templates.delete(seed.create.id, actor)).toEqual({ id: seed.create.id });
    expect(s.templates.versions(seed.create.id)).toHaveLength(1);
    expect(() => s.templates.get(seed.create.id)).toThrow(/does not exist/);
  });

  it('a credential that stopped using JIT, or was deleted, no longer holds the template', async () => {
    const seed = await seedJit(s);
    const root = await s.credentials.save(
      undefined,
      credential({ deviceId: seed.web.id, jit: enableDisableJit(seed) }),
      keep,
      actor,
    );
    await s.credentials.delete(root.id, actor);
    expect(await s.templates.delete(seed.enable.id, actor)).toEqual({ id: seed.enable.id });
  });
});
