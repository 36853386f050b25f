import { describe, expect, it } from 'vitest';
import {
  chooseAll,
  choiceProblems,
  choicesToSend,
  initialChoices,
  type Preview,
} from '../../../renderer/features/transfer/import-choices';

const preview: Preview = {
  previewed: true,
  token: 't',
  devices: ['web-01', 'db-01'],
  templates: ['Disable'],
  credentials: [],
  passwords: 0,
  keys: 0,
  secretFields: 0,
  clashes: [
    { kind: 'device', path: 'devices[0]', name: 'web-01', proposed: 'web-01 (2)', existingCredentials: [] },
    { kind: 'device', path: 'devices[1]', name: 'db-01', proposed: 'db-01 (2)', existingCredentials: [] },
    {
      kind: 'template',
      path: 'templates[0]',
      name: 'Disable',
      pluginId: 'ssh',
      proposed: 'Disable (2)',
      existingCredentials: [],
    },
  ],
  takenDevices: ['web-01', 'db-01', 'other'],
  takenTemplates: ['ssh/disable', 'postgresql/enable'],
};

describe('import choices in the dialog: checked live as the core checks them', () => {
  it('asks for a choice for every clash, and Rename all as proposed is accepted', () => {
    const start = initialChoices(preview);
    expect([...choiceProblems(preview, start).values()]).toEqual([
      'Choose Skip or Rename',
      'Choose Skip or Rename',
      'Choose Skip or Rename',
    ]);
    const renamed = chooseAll(start, 'rename');
    expect(choiceProblems(preview, renamed).size).toBe(0);
    expect(choicesToSend(preview, renamed)).toEqual([
      { path: 'devices[0]', action: 'rename', name: 'web-01 (2)' },
      { path: 'devices[1]', action: 'rename', name: 'db-01 (2)' },
      { path: 'templates[0]', action: 'rename', name: 'Disable (2)' },
    ]);
    expect(choicesToSend(preview, chooseAll(start, 'skip')).map((c) => c.action)).toEqual([
      'skip',
      'skip',
      'skip',
    ]);
  });

  it('refuses a taken name, the same new name twice, and a name the form would refuse', () => {
    const choices = {
      'devices[0]': { action: 'rename' as const, name: 'Other' },
      'devices[1]': { action: 'rename' as const, name: '' },
      // Another plugin's name is free: names are unique per plugin.
      'templates[0]': { action: 'rename' as const, name: 'Enable' },
    };
    const problems = choiceProblems(preview, choices);
    expect(problems.get('devices[0]')).toMatch(/A device named "Other" already exists/);
    expect(problems.get('devices[1]')).toBe('Device name: Required');
    expect(problems.has('templates[0]')).toBe(false);
    const twice = choiceProblems(preview, {
      ...choices,
      'devices[0]': { action: 'rename', name: 'same' },
      'devices[1]': { action: 'rename', name: 'SAME' },
    });
    expect(twice.get('devices[1]')).toMatch(/already exists or is imported too/);
  });
});
