/**
 * The settings form's model. Numbers are edited as text (so a half-typed value is kept as typed),
 * validated with the shared zod schema on Save, and every error is mapped to the field it belongs to,
 * whether it came from the schema here or from the core's `field`.
 */
import { settingsSchema, type Settings, type ThemeMode } from '../../../shared/domain/settings';
import type { Failure } from '../../../shared/result';

export interface SettingsDraft {
  theme: ThemeMode;
  passwordLength: string;
  lowercase: boolean;
  uppercase: boolean;
  digits: boolean;
  symbols: boolean;
  usernamePrefix: string;
  maxSessionMinutes: string;
  maxAttempts: string;
  baseDelaySeconds: string;
  maxDelaySeconds: string;
  autoLockMinutes: string;
}

/** Where an error is shown: a field, the character-class group, or the form as a whole. */
export type ErrorSlot =
  | 'theme'
  | 'passwordLength'
  | 'characterClasses'
  | 'usernamePrefix'
  | 'maxSessionMinutes'
  | 'maxAttempts'
  | 'baseDelaySeconds'
  | 'maxDelaySeconds'
  | 'autoLockMinutes'
  | 'form';

export type FieldErrors = Partial<Record<ErrorSlot, string>>;

/** Schema paths (as the core names them in `field`) to the slot beside which the error shows. */
const slotByPath: Readonly<Record<string, ErrorSlot>> = {
  appearance: 'theme',
  'appearance.theme': 'theme',
  'passwordPolicy.length': 'passwordLength',
  passwordPolicy: 'characterClasses',
  'passwordPolicy.lowercase': 'characterClasses',
  'passwordPolicy.uppercase': 'characterClasses',
  'passwordPolicy.digits': 'characterClasses',
  'passwordPolicy.symbols': 'characterClasses',
  'jit.usernamePrefix': 'usernamePrefix',
  'jit.maxSessionMinutes': 'maxSessionMinutes',
  'cleanupRetry.maxAttempts': 'maxAttempts',
  'cleanupRetry.baseDelaySeconds': 'baseDelaySeconds',
  'cleanupRetry.maxDelaySeconds': 'maxDelaySeconds',
  'security.autoLockMinutes': 'autoLockMinutes',
};

const slotFor = (path: string): ErrorSlot => slotByPath[path] ?? 'form';

export function toDraft(s: Settings): SettingsDraft {
  return {
    theme: s.appearance.theme,
    passwordLength: String(s.passwordPolicy.length),
    lowercase: s.passwordPolicy.lowercase,
    uppercase: s.passwordPolicy.uppercase,
    digits: s.passwordPolicy.digits,
    symbols: s.passwordPolicy.symbols,
    usernamePrefix: s.jit.usernamePrefix,
    maxSessionMinutes: String(s.jit.maxSessionMinutes),
    maxAttempts: String(s.cleanupRetry.maxAttempts),
    baseDelaySeconds: String(s.cleanupRetry.baseDelaySeconds),
    maxDelaySeconds: String(s.cleanupRetry.maxDelaySeconds),
    autoLockMinutes: String(s.security.autoLockMinutes),
  };
}

export function draftsEqual(a: SettingsDraft, b: SettingsDraft): boolean {
  return (Object.keys(a) as (keyof SettingsDraft)[]).every((key) => a[key] === b[key]);
}

type NumberSlot =
  | 'passwordLength'
  | 'maxSessionMinutes'
  | 'maxAttempts'
  | 'baseDelaySeconds'
  | 'maxDelaySeconds'
  | 'autoLockMinutes';
const numberSlots: readonly NumberSlot[] = [
  'passwordLength',
  'maxSessionMinutes',
  'maxAttempts',
  'baseDelaySeconds',
  'maxDelaySeconds',
  'autoLockMinutes',
];

/** Whole numbers only; anything else becomes NaN and gets a plainer message than zod's. */
function parseWholeNumber(text: string): number {
  const trimmed = text.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

function numberFormatError(text: string): string | undefined {
  if (text.trim() === '') return 'Required';
  return Number.isNaN(parseWholeNumber(text)) ? 'Enter a whole number' : undefined;
}

export type DraftResult = { ok: true; settings: Settings } | { ok: false; errors: FieldErrors };

/** Validates the draft with the shared schema, the same one the core checks on `settings.set`. */
export function fromDraft(d: SettingsDraft): DraftResult {
  const candidate = {
    appearance: { theme: d.theme },
    passwordPolicy: {
      length: parseWholeNumber(d.passwordLength),
      lowercase: d.lowercase,
      uppercase: d.uppercase,
      digits: d.digits,
      symbols: d.symbols,
    },
    jit: { usernamePrefix: d.usernamePrefix, maxSessionMinutes: parseWholeNumber(d.maxSessionMinutes) },
    cleanupRetry: {
      maxAttempts: parseWholeNumber(d.maxAttempts),
      baseDelaySeconds: parseWholeNumber(d.baseDelaySeconds),
      maxDelaySeconds: parseWholeNumber(d.maxDelaySeconds),
    },
    security: { autoLockMinutes: parseWholeNumber(d.autoLockMinutes) },
  };
  const parsed = settingsSchema.safeParse(candidate);
  const errors: FieldErrors = {};
  for (const slot of numberSlots) {
    const message = numberFormatError(d[slot]);
    if (message) errors[slot] = message;
  }
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const slot = slotFor(issue.path.map(String).join('.'));
      errors[slot] ??= issue.message;
    }
  }
  return parsed.success && Object.keys(errors).length === 0
    ? { ok: true, settings: parsed.data }
    : { ok: false, errors };
}

/** Puts the core's failure beside its field; `failureFromZod` prefixes the path, which is redundant there. */
export function errorsFromFailure(failure: Failure): FieldErrors {
  if (failure.field === undefined) return { form: failure.message };
  const slot = slotFor(failure.field);
  const prefix = `${failure.field}: `;
  const message =
    slot !== 'form' && failure.message.startsWith(prefix)
      ? failure.message.slice(prefix.length)
      : failure.message;
  return { [slot]: message };
}
