/**
 * Custom fields: named values on a credential or a device that fill the user-defined tags of a
 * template (`[#HOME#]` from a field named HOME). The credential's field wins over its device's.
 *
 * A text field's value is kept in the record and shown. A secret field's value is sealed in the
 * vault like the password: the record, the renderer and every log only ever learn that it is set.
 */
import { z } from 'zod';
import { plainText } from './common';
import { maxTagNameLength, tagNames, userTagNamePattern } from './template-tags';

export const customFieldKinds = ['text', 'secret'] as const;
export const customFieldKindSchema = z.enum(customFieldKinds);
export type CustomFieldKind = z.infer<typeof customFieldKindSchema>;

export const maxCustomFields = 32;
/** Like the other fields: a text value as long as additional information, a secret as a password. */
export const maxCustomValueLength = 256;

/** Why `name` cannot name a custom field, or undefined. Names are tags: `[#NAME#]`. */
export function customFieldNameProblem(name: string): string | undefined {
  if (name === '') return 'Required';
  if (name.length > maxTagNameLength) return `At most ${maxTagNameLength} characters`;
  if (!userTagNamePattern.test(name)) return 'Upper-case letters, digits and _ only (it is used as [#NAME#])';
  if (tagNames.has(name)) return `[#${name}#] is a built-in tag: choose another name`;
  return undefined;
}

export const customFieldNameSchema = z
  .string()
  .trim()
  .superRefine((name, ctx) => {
    const problem = customFieldNameProblem(name);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  });

/**
 * One field as a form sends it. For a secret field, an empty value keeps the stored one (like the
 * password: "leave empty to keep"); a secret value is never sent back.
 */
export const customFieldInputSchema = z.object({
  name: customFieldNameSchema,
  kind: customFieldKindSchema,
  value: plainText(maxCustomValueLength, 'Value'),
});
export type CustomFieldInput = z.infer<typeof customFieldInputSchema>;

export const customFieldsInputSchema = z
  .array(customFieldInputSchema)
  .max(maxCustomFields, `At most ${maxCustomFields} custom fields`)
  .default([]);

/** A field as stored in the record: a secret field's value is always empty here (it is in the vault). */
export const customFieldSchema = z.object({
  name: z.string(),
  kind: customFieldKindSchema,
  value: z.string().max(maxCustomValueLength),
});
export type CustomField = z.infer<typeof customFieldSchema>;

/**
 * A field as the renderer sees it: the stored field and whether it has a value. A text field has
 * one when `value` is not empty; a secret field when the vault holds one (a bundle imported
 * without secrets leaves none). Never the secret value, nor its length.
 */
export const customFieldViewSchema = customFieldSchema.extend({ hasValue: z.boolean() });
export type CustomFieldView = z.infer<typeof customFieldViewSchema>;

/** A record's fields as stored. */
export const storedCustomFieldsSchema = z.array(customFieldSchema).max(maxCustomFields).default([]);
/** A record's fields as the renderer sees them: secret ones carry an empty value (see above). */
export const customFieldViewsSchema = z.array(customFieldViewSchema).max(maxCustomFields).default([]);

/** The values of a credential's or device's custom fields, secret ones included (core only). */
export interface CustomValues {
  readonly text: Readonly<Record<string, string>>;
  readonly secret: Readonly<Record<string, string>>;
}

export const noCustomValues: CustomValues = { text: {}, secret: {} };
