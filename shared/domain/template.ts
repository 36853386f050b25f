import { z } from 'zod';
import { idSchema, isoDateSchema, requiredText } from './common';
import { pluginIdSchema } from './plugin';

export const executionTypes = [
  'Credential enable',
  'Credential disable',
  'New user',
  'User delete',
  'Password change',
] as const;
export const executionTypeSchema = z.enum(executionTypes);
export type ExecutionType = z.infer<typeof executionTypeSchema>;

export const maxTemplateBytes = 64 * 1024;

/** What the template editor saves. Every save of an existing template makes a new version. */
export const templateInputSchema = z.object({
  name: requiredText(128),
  pluginId: pluginIdSchema,
  executionType: executionTypeSchema,
  active: z.boolean().default(true),
  description: z.string().max(1000, 'At most 1000 characters').default(''),
  content: z
    .string()
    .max(maxTemplateBytes, 'At most 64 KiB')
    .refine((c) => c.trim().length > 0, 'The template is empty')
    .refine((c) => !c.includes('\u0000'), 'NUL characters are not allowed'),
});
export type TemplateInput = z.input<typeof templateInputSchema>;

export const templateVersionSchema = z.object({
  version: z.number().int().positive(),
  name: z.string(),
  content: z.string(),
  description: z.string(),
  savedAt: isoDateSchema,
  savedBy: z.string(),
});
export type TemplateVersion = z.infer<typeof templateVersionSchema>;

export const templateSchema = templateInputSchema.extend({
  id: idSchema,
  version: z.number().int().positive(),
  /** Built-in originals are read-only: Clone to edit. */
  builtIn: z.boolean(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type Template = z.infer<typeof templateSchema>;

/** The execution type each JIT direction needs. */
export const jitExecutionTypes = {
  enable: 'Credential enable',
  disable: 'Credential disable',
  create: 'New user',
  delete: 'User delete',
} as const satisfies Record<string, ExecutionType>;
