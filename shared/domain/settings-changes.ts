/**
 * What a Settings save changed, field by field, with the labels of the Settings form and the values
 * before and after: for the audit entry. No setting is a secret, so the values may be shown.
 */
import type { AuditFieldChange } from './audit';
import { fieldChanges, labelsOf, type AuditedField } from './audit-changes';
import type { Settings } from './settings';

const settingFields: readonly AuditedField<Settings>[] = [
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
export const settingFieldLabels = labelsOf(settingFields);

export const settingChanges = (before: Settings, after: Settings): AuditFieldChange[] =>
  fieldChanges(settingFields, before, after);
