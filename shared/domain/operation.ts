import { z } from 'zod';
import { isoDateSchema } from './common';
import { pluginIdSchema } from './plugin';

export const operationStatuses = ['Scheduled', 'Running', 'Successful', 'Error', 'Canceled'] as const;
export const operationStatusSchema = z.enum(operationStatuses);
export type OperationStatus = z.infer<typeof operationStatusSchema>;

/** Why a template ran. JIT kinds arrive with the lifecycle runner. */
export const operationKinds = [
  'test',
  'cli',
  'jit-enable',
  'jit-disable',
  'jit-create',
  'jit-delete',
  'verify',
  'end-sessions',
  'password-change',
] as const;
export const operationKindSchema = z.enum(operationKinds);

/** One executed template line. Texts are masked before they are stored. */
export const operationStepSchema = z.object({
  line: z.number().int(),
  command: z.string(),
  output: z.string(),
  ok: z.boolean(),
  durationMs: z.number(),
});

export const operationAttemptSchema = z.object({
  number: z.number().int().positive(),
  startedAt: isoDateSchema,
  endedAt: isoDateSchema.nullable(),
  status: operationStatusSchema,
  steps: z.array(operationStepSchema),
  /** Masked; null while running or on success. */
  error: z.string().nullable(),
});

export const operationSchema = z.object({
  id: z.string(),
  kind: operationKindSchema,
  status: operationStatusSchema,
  pluginId: pluginIdSchema,
  templateId: z.number().int().nullable(),
  templateName: z.string(),
  /** Null when the run was of a draft: text from the editor, not a saved version. */
  templateVersion: z.number().int().nullable(),
  /**
   * The exact text a draft run ran (a saved version's text is kept in its version history, so
   * only draft runs carry it here). Absent on older records.
   */
  templateContent: z.string().optional(),
  deviceId: z.number().int().nullable(),
  deviceLabel: z.string(),
  /** The account the template acted on (for creation: the generated name). */
  account: z.string(),
  /** Who connected to run it: `username @ device`. */
  runAs: z.string(),
  requester: z.string(),
  sessionId: z.string().nullable(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
  attempts: z.array(operationAttemptSchema),
});
export type Operation = z.infer<typeof operationSchema>;

export const operationFilterSchema = z.object({
  status: operationStatusSchema.optional(),
  kind: operationKindSchema.optional(),
  pluginId: pluginIdSchema.optional(),
  text: z.string().max(200).optional(),
});
export type OperationFilter = z.infer<typeof operationFilterSchema>;
