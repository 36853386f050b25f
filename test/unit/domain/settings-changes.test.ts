import { describe, expect, it } from 'vitest';
import { describeChanges } from '../../../shared/domain/audit-changes';
import { defaultSettings } from '../../../shared/domain/settings';
import { settingChanges, settingFieldLabels } from '../../../shared/domain/settings-changes';

/** Every leaf of the settings object, as `section.key`. */
const leaves = (value: object, prefix = ''): string[] =>
  Object.entries(value).flatMap(([key, v]) =>
    typeof v === 'object' && v !== null ? leaves(v as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  );

describe('what a Settings save changed', () => {
  it('knows every setting: a new one cannot be saved unaudited', () => {
    expect(Object.keys(settingFieldLabels).sort()).toEqual(leaves(defaultSettings).sort());
  });

  it('lists each changed field with its label, before and after; nothing when nothing changed', () => {
    const after = {
      ...defaultSettings,
      passwordPolicy: { ...defaultSettings.passwordPolicy, symbols: !defaultSettings.passwordPolicy.symbols },
      security: { autoLockMinutes: 0 },
    };
    const changes = settingChanges(defaultSettings, after);
    expect(changes.map((c) => c.field)).toEqual(['passwordPolicy.symbols', 'security.autoLockMinutes']);
    expect(describeChanges(changes)).toBe(
      `Symbols: ${defaultSettings.passwordPolicy.symbols ? 'on → off' : 'off → on'}; Lock the vault after idle (minutes): ${defaultSettings.security.autoLockMinutes} → 0`,
    );
    expect(settingChanges(defaultSettings, structuredClone(defaultSettings))).toEqual([]);
  });
});
