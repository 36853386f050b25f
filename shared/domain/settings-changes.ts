/**
 * What a Settings save changed, field by field, with the labels of the Settings form and the values
 * before and after: for the audit entry. No setting is a secret, so the values may be shown.
 */
import type { Settings } from './settings';

interface SettingField {
  readonly path: string;
  readonly label: string;
  readonly read: (s: Settings) => string | number | boolean;
}

const settingFields: readonly SettingField[] = [
  { path: 'appearance.theme', label: 'Theme', read: (s) => s.appearance.theme },
  { path: 'passwordPolicy.length', label: 'Password length', read: (s) => s.passwordPolicy.length },
  { path: 'passwordPolicy.lowercase', label: 'Lowercase letters', read: (s) => s.passwordPolicy.lowercase },
  { path: 'passwordPolicy.uppercase', label: 'Uppercase letters', read: (s) => s.passwordPolicy.uppercase },
  { path: 'passwordPolicy.digits', label: 'Digits', read: (s) => s.passwordPolicy.digits },
  { path: 'passwordPolicy.symbols', label: 'Symbols', read: (s) => s.passwordPolicy.symbols },
  { path: 'jit.usernamePrefix', label: 'Username prefix', read: (s) => s.jit.usernamePrefix },
  {
    path: 'jit.maxSessionMinutes',
    label: 'Maximum session length (minutes)',
    read: (s) => s.jit.maxSessionMinutes,
  },
  {
    path: 'security.autoLockMinutes',
    label: 'Lock the vault after idle (minutes)',
    read: (s) => s.security.autoLockMinutes,
  },
  { path: 'cleanupRetry.maxAttempts', label: 'Maximum attempts', read: (s) => s.cleanupRetry.maxAttempts },
  {
    path: 'cleanupRetry.baseDelaySeconds',
    label: 'Base delay (seconds)',
    read: (s) => s.cleanupRetry.baseDelaySeconds,
  },
  {
    path: 'cleanupRetry.maxDelaySeconds',
    label: 'Maximum delay (seconds)',
    read: (s) => s.cleanupRetry.maxDelaySeconds,
  },
];

/** Each setting's key as the Settings form labels it (for the audit screens). */
export const settingFieldLabels: Readonly<Record<string, string>> = Object.fromEntries(
  settingFields.map((f) => [f.path, f.label]),
);

export interface SettingChange {
  readonly path: string;
  readonly label: string;
  readonly before: string;
  readonly after: string;
}

const shown = (value: string | number | boolean): string =>
  typeof value === 'boolean' ? (value ? 'on' : 'off') : String(value);

export function settingChanges(before: Settings, after: Settings): SettingChange[] {
  return settingFields.flatMap((field) => {
    const was = field.read(before);
    const now = field.read(after);
    return was === now
      ? []
      : [{ path: field.path, label: field.label, before: shown(was), after: shown(now) }];
  });
}

/** "Username prefix: senseg → adm; Password length: 20 → 24". */
export const describeSettingChanges = (changes: readonly SettingChange[]): string =>
  changes.map((c) => `${c.label}: ${c.before} → ${c.after}`).join('; ');
