import { z } from 'zod';

/** A Linux/DB-safe user name prefix: the ephemeral JIT accounts are `<prefix><7 digits>`. */
export const usernamePrefixSchema = z
  .string()
  .regex(
    /^[a-z_][a-z0-9_]{0,15}$/,
    'Use 1 to 16 lower-case letters, digits or _, starting with a letter or _',
  );

export const passwordPolicySchema = z
  .object({
    length: z.number().int().min(8, 'At least 8').max(256, 'At most 256'),
    lowercase: z.boolean(),
    uppercase: z.boolean(),
    digits: z.boolean(),
    symbols: z.boolean(),
  })
  .refine((p) => p.lowercase || p.uppercase || p.digits || p.symbols, {
    error: 'Choose at least one character class',
    path: ['lowercase'],
  });

export const jitDefaultsSchema = z.object({
  usernamePrefix: usernamePrefixSchema,
  maxSessionMinutes: z
    .number()
    .int()
    .min(1, 'At least 1 minute')
    .max(24 * 60, 'At most 24 hours'),
});

export const cleanupRetrySchema = z
  .object({
    maxAttempts: z.number().int().min(1, 'At least 1').max(20, 'At most 20'),
    baseDelaySeconds: z.number().int().min(1, 'At least 1 second').max(3600, 'At most 1 hour'),
    maxDelaySeconds: z.number().int().min(1, 'At least 1 second').max(86400, 'At most 1 day'),
  })
  .refine((r) => r.maxDelaySeconds >= r.baseDelaySeconds, {
    error: 'Must not be below the base delay',
    path: ['maxDelaySeconds'],
  });

export const themeModeSchema = z.enum(['light', 'dark', 'system']);

/** Idle auto-lock: minutes without activity before the vault locks; 0 never locks. */
export const securitySchema = z.object({
  autoLockMinutes: z
    .number()
    .int()
    .min(0, 'At least 0 (0 never locks)')
    .max(24 * 60, 'At most 24 hours'),
});

export const settingsSchema = z.object({
  appearance: z.object({ theme: themeModeSchema }),
  passwordPolicy: passwordPolicySchema,
  jit: jitDefaultsSchema,
  cleanupRetry: cleanupRetrySchema,
  // A configuration saved before auto-lock existed gets the default, rather than being refused.
  security: securitySchema.default({ autoLockMinutes: 15 }),
});
export type Settings = z.infer<typeof settingsSchema>;
export type ThemeMode = z.infer<typeof themeModeSchema>;

export const defaultSettings: Settings = {
  appearance: { theme: 'system' },
  passwordPolicy: { length: 24, lowercase: true, uppercase: true, digits: true, symbols: true },
  jit: { usernamePrefix: 'senseg', maxSessionMinutes: 60 },
  cleanupRetry: { maxAttempts: 6, baseDelaySeconds: 5, maxDelaySeconds: 300 },
  security: { autoLockMinutes: 15 },
};
