import { z } from 'zod';

/** Entity ids are small positive integers, shown in the ID column. */
export const idSchema = z.number().int().positive();
export type Id = z.infer<typeof idSchema>;

export const isoDateSchema = z.iso.datetime({ offset: true });

/** Free text shown in lists: no control characters (they break CSV and templates alike). */
export const plainText = (max: number) =>
  z
    .string()
    .max(max, `At most ${max} characters`)
    // eslint-disable-next-line no-control-regex -- the point is to refuse control characters
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'Control characters are not allowed');

export const requiredText = (max: number) =>
  plainText(max)
    .transform((s) => s.trim())
    .pipe(z.string().min(1, 'Required'));

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
