import { z } from 'zod';
import { textProblem, type TextRuleOptions } from './text-rules';

/** Entity ids are small positive integers, shown in the ID column. */
export const idSchema = z.number().int().positive();
export type Id = z.infer<typeof idSchema>;

export const isoDateSchema = z.iso.datetime({ offset: true });

/**
 * A name or label the user types (see text-rules.ts): at most `max` characters, no control or
 * bidirectional formatting characters. `label` names the field in the message ("Device name ...").
 */
export const plainText = (max: number, label: string, options: TextRuleOptions = {}) =>
  z
    .string()
    .max(max, `At most ${max} characters`)
    .superRefine((s, ctx) => {
      const problem = textProblem(s, label, options);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
    });

export const requiredText = (max: number, label: string) =>
  plainText(max, label)
    .transform((s) => s.trim())
    .pipe(z.string().min(1, 'Required'));

/**
 * What a stored name or label must be to be read and listed: the rule older builds saved with
 * (no C0 control characters). Looser than `plainText`, so that a record saved before the stricter
 * rule still loads and shows, and the user can correct it, rather than be set aside.
 */
export const storedText = (max: number) =>
  z
    .string()
    .max(max, `At most ${max} characters`)
    // eslint-disable-next-line no-control-regex -- the point is to refuse control characters
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'Control characters are not allowed');

export const tagSchema = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}_.:@-]{1,32}$/u, 'Tags are 1 to 32 letters, digits or _ . : @ -');
export const tagsSchema = z.array(tagSchema).max(20, 'At most 20 tags');

export const activeSchema = z.boolean();

/** Sorting of server-side lists. */
export const sortDirectionSchema = z.enum(['asc', 'desc']);

/** A page of a server-side list. */
export const pageSchema = z.object({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
