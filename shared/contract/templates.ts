import { z } from 'zod';
import { idSchema } from '../domain/common';
import { pluginIdSchema } from '../domain/plugin';
import { maxLibraryFilesPerCall, maxLibraryPathLength } from '../domain/template-library';
import {
  executionTypeSchema,
  maxTemplateBytes,
  templateInputSchema,
  templateSaveSchema,
  templateSchema,
  templateVersionSchema,
} from '../domain/template';
import { defineEvents, defineMethods } from './define';

export const templateProblemSchema = z.object({
  line: z.number().int(),
  column: z.number().int(),
  message: z.string(),
  /** A warning does not stop a save or a run; absent means an error, which does. */
  severity: z.literal('warning').optional(),
});

export const templatesMethods = defineMethods({
  'templates.list': {
    summary: 'Every template (content included)',
    input: z.undefined(),
    output: z.array(templateSchema),
  },
  'templates.get': { summary: 'One template', input: z.object({ id: idSchema }), output: templateSchema },
  'templates.versions': {
    summary: 'Every saved version of a template, newest first',
    input: z.object({ id: idSchema }),
    output: z.array(templateVersionSchema),
  },
  'templates.save': {
    summary:
      'Create (no id) or update a template; an update makes a new version. Built-ins are read-only. A new template may name the one it was cloned from (audited).',
    input: z.object({
      id: idSchema.optional(),
      template: templateSaveSchema,
      /** The editor's Clone opens an unsaved copy: its first save says where it came from. */
      clonedFrom: idSchema.optional(),
    }),
    output: templateSchema,
  },
  'templates.clone': {
    summary: 'Copy a template (built-in or not) under a new name, as an editable template',
    // The name follows Save's rule: a name only Clone let in would break the list that reads it.
    input: z.object({ id: idSchema, name: templateInputSchema.shape.name.optional() }),
    output: templateSchema,
  },
  'templates.delete': {
    summary: 'Delete a template no credential uses (built-ins cannot be deleted)',
    input: z.object({ id: idSchema }),
    output: z.object({ id: idSchema }),
  },
  'templates.check': {
    summary: 'Check a template without saving it: unknown tags, and the plugin syntax where known',
    input: z.object({ pluginId: pluginIdSchema, content: z.string().max(64 * 1024) }),
    output: z.array(templateProblemSchema),
  },
  'templates.importLibrary': {
    summary:
      'Import a template library folder: each file checked by its plugin (from the folder names), the accepted ones saved as new templates',
    input: z.object({
      files: z
        .array(
          z.object({
            path: z.string().min(1).max(maxLibraryPathLength),
            content: z.string().max(maxTemplateBytes),
          }),
        )
        .min(1)
        .max(maxLibraryFilesPerCall),
      otherType: executionTypeSchema.optional(),
    }),
    output: z.array(
      z.discriminatedUnion('imported', [
        z.object({
          path: z.string(),
          imported: z.literal(true),
          id: idSchema,
          name: z.string(),
          warnings: z.number().int(),
          /** An empty file: a placeholder, saved inactive. */
          inactive: z.boolean(),
        }),
        z.object({ path: z.string(), imported: z.literal(false), reason: z.string() }),
      ]),
    ),
  },
});

export const templatesEvents = defineEvents({
  'templates.changed': z.object({ ids: z.array(idSchema) }),
});
