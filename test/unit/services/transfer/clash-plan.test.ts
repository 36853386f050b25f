import { describe, expect, it } from 'vitest';
import { freeName, renameProblem } from '../../../../shared/domain/import-clash';
import {
  findClashes,
  proposedResolutions,
  resolveChoices,
} from '../../../../electron/services/transfer/clash-plan';
import type { ParsedBundle } from '../../../../electron/services/transfer/parse';
import { ProblemList } from '../../../../electron/services/transfer/problems';

type Value<K extends 'devices' | 'templates'> = NonNullable<ParsedBundle[K][number]['value']>;

/** A parsed bundle holding only what the clash plan reads (names, plugins, paths). */
function bundle(devices: string[], templates: [string, 'ssh' | 'postgresql'][]): ParsedBundle {
  return {
    version: 2,
    devices: devices.map((name, index) => ({
      index,
      path: `devices[${index}]`,
      ref: `d${index}`,
      value: { name } as Value<'devices'>,
    })),
    templates: templates.map(([name, pluginId], index) => ({
      index,
      path: `templates[${index}]`,
      ref: `t${index}`,
      value: { name, pluginId } as Value<'templates'>,
    })),
    builtInTemplates: [],
    credentials: [],
    secrets: null,
  };
}

const existing = {
  devices: [
    { id: 1, name: 'web-01' },
    { id: 2, name: 'WEB-01 (2)' },
    { id: 3, name: 'db-01' },
  ],
  templates: [
    { id: 10, name: 'Disable', pluginId: 'ssh' as const },
    { id: 11, name: 'Enable', pluginId: 'postgresql' as const },
  ],
};

describe('findClashes: what a preview offers to skip or rename', () => {
  it('finds devices by name (case-blind) and templates by plugin and name, with free proposals', () => {
    const plan = findClashes(
      bundle(
        ['Web-01', 'new-01', 'web-01 (3)'],
        [
          ['disable', 'ssh'],
          ['Disable', 'postgresql'],
          ['Enable', 'postgresql'],
        ],
      ),
      existing,
    );
    expect(plan.clashes).toEqual([
      // "(2)" is taken here, "(3)" by another item of the bundle: the first free one is "(4)".
      { kind: 'device', path: 'devices[0]', name: 'Web-01', existingId: 1, proposed: 'Web-01 (4)' },
      {
        kind: 'template',
        path: 'templates[0]',
        name: 'disable',
        pluginId: 'ssh',
        existingId: 10,
        proposed: 'disable (2)',
      },
      // The PostgreSQL "Disable" is no clash: names are unique per plugin.
      {
        kind: 'template',
        path: 'templates[2]',
        name: 'Enable',
        pluginId: 'postgresql',
        existingId: 11,
        proposed: 'Enable (2)',
      },
    ]);
    expect(plan.takenDevices.has('new-01')).toBe(true);
  });

  it('proposes names free of each other, so "Rename all" as proposed is always accepted', () => {
    const plan = findClashes(bundle(['a', 'b'], []), {
      devices: [
        { id: 1, name: 'a' },
        { id: 2, name: 'b' },
        { id: 3, name: 'a (2)' },
      ],
      templates: [],
    });
    expect(plan.clashes.map((c) => c.proposed)).toEqual(['a (3)', 'b (2)']);
    const problems = new ProblemList();
    const choices = plan.clashes.map((c) => ({ path: c.path, action: 'rename' as const, name: c.proposed }));
    expect([...resolveChoices(plan, choices, problems)]).toEqual([...proposedResolutions(plan)]);
    expect(problems.list()).toEqual([]);
  });

  it('cuts a long name to fit the 128 characters the forms allow', () => {
    const long = 'x'.repeat(128);
    const name = freeName(long, new Set());
    expect(name).toHaveLength(128);
    expect(name.endsWith(' (2)')).toBe(true);
  });

  it('never cuts a long name inside a surrogate pair (half an emoji is not a character)', () => {
    // 123 letters, then an emoji whose second half is the 125th unit: " (2)" leaves room for 124.
    const long = `${'x'.repeat(123)}😀tail`;
    const name = freeName(long, new Set());
    expect(name).toBe(`${'x'.repeat(123)} (2)`);
  });
});

describe('resolveChoices: the core checks every choice', () => {
  const plan = findClashes(bundle(['web-01', 'db-01', 'fresh'], [['Disable', 'ssh']]), existing);

  it('turns Skip into the existing record and Rename into the new name', () => {
    const problems = new ProblemList();
    const resolutions = resolveChoices(
      plan,
      [
        { path: 'devices[0]', action: 'skip' },
        { path: 'devices[1]', action: 'rename', name: '  db-02 ' },
        { path: 'templates[0]', action: 'rename', name: 'Disable v2' },
      ],
      problems,
    );
    expect(problems.list()).toEqual([]);
    expect(Object.fromEntries(resolutions)).toEqual({
      'devices[0]': { action: 'skip', existingId: 1 },
      'devices[1]': { action: 'rename', name: 'db-02' },
      'templates[0]': { action: 'rename', name: 'Disable v2' },
    });
  });

  it('refuses a missing choice, a name taken here, in the bundle or by another rename, and a bad name', () => {
    const problems = new ProblemList();
    resolveChoices(
      plan,
      [
        { path: 'devices[0]', action: 'rename', name: 'FRESH' },
        { path: 'devices[1]', action: 'rename', name: '' },
        { path: 'templates[0]', action: 'rename', name: 'bad\u0007name' },
        { path: 'devices[2]', action: 'skip' },
      ],
      problems,
    );
    const list = problems.list();
    // In the file's order (ProblemList sorts by path).
    expect(list.map((p) => p.path)).toEqual([
      'devices[0].name',
      'devices[1].name',
      'devices[2]',
      'templates[0].name',
    ]);
    expect(list[0]?.message).toBe(
      'Rename the device "web-01": A device named "FRESH" already exists or is imported too',
    );
    expect(list[1]?.message).toMatch(/Device name: Required/);
    expect(list[2]?.message).toMatch(/not taken: preview the bundle again/);
    expect(list[3]?.message).toMatch(/Template name/);
  });

  it('refuses two renames to one name, and a clash left without a choice', () => {
    const problems = new ProblemList();
    resolveChoices(
      plan,
      [
        { path: 'devices[0]', action: 'rename', name: 'same' },
        { path: 'devices[1]', action: 'rename', name: 'Same' },
      ],
      problems,
    );
    expect(problems.list()).toEqual([
      {
        path: 'devices[1].name',
        message: 'Rename the device "db-01": A device named "Same" already exists or is imported too',
      },
      {
        path: 'templates[0].name',
        message: 'The SSH template "Disable" already exists here: choose Skip or Rename',
      },
    ]);
  });

  it('renameProblem is the form rule first: the live check in the dialog says what the core will', () => {
    expect(renameProblem('device', 'ok-name', new Set(['web-01']))).toBeUndefined();
    expect(renameProblem('device', 'Web-01', new Set(['web-01']))).toMatch(/already exists/);
    expect(renameProblem('template', 'x'.repeat(129), new Set())).toMatch(/At most 128 characters/);
  });
});
