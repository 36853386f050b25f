import { z } from 'zod';
import { idSchema, plainText } from '../domain/common';
import { operationFilterSchema, operationSchema } from '../domain/operation';
import { templateDraftSchema } from '../domain/template';
import { defineEvents, defineMethods } from './define';

/**
 * A test's account and database, by the rules of a credential's Username and Additional
 * information: they go to the operations log and its screens as typed.
 */
const testAccountSchema = plainText(128, 'Account').optional();
const testDatabaseSchema = plainText(256, 'Database').optional();

/** Who runs a test: another credential, or the one the test acts on. */
export const testLoginSchema = z.object({ credentialId: idSchema });

/**
 * The administrator confirmed logging in with a credential of another device than the one the
 * test runs on (audited). Without it the core refuses such a credential.
 */
export const useOnAnotherDeviceSchema = z.boolean().optional();

/**
 * A test run's id, chosen by the caller: its progress (`operations.testProgress`) goes to that
 * caller's connection only, tagged with this id, so the caller knows which run each step is of.
 */
export const testRunIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only')
  .optional();

export const operationsMethods = defineMethods({
  'operations.list': {
    summary: 'Template runs, newest first, filtered',
    input: z.object({
      filter: operationFilterSchema.default({}),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.object({ total: z.number().int(), operations: z.array(operationSchema) }),
  },
  'operations.get': {
    summary: 'One operation with its attempts and logs',
    input: z.object({ id: z.string() }),
    output: operationSchema,
  },
  'operations.cancel': {
    summary: 'Cancel a scheduled or running operation',
    input: z.object({ id: z.string() }),
    output: operationSchema,
  },
  'operations.testTemplate': {
    summary:
      "Test on a device: run a template (a saved one, or the editor's draft) against a device as an authentication credential, with generated test values",
    input: z.object({
      /** The saved template; with `draft`, the template the draft edits (none for a new one). */
      templateId: idSchema.optional(),
      /** The editor's text, run as it is (checked as Save checks it), no version saved. */
      draft: templateDraftSchema.optional(),
      deviceId: idSchema,
      login: testLoginSchema,
      /** The account to act on; a fresh ephemeral name when empty (creation templates). */
      username: testAccountSchema,
      /** For SQL templates: the database ([#ADD_INFO#]). */
      additionalInfo: testDatabaseSchema,
      useOnAnotherDevice: useOnAnotherDeviceSchema,
      runId: testRunIdSchema,
    }),
    output: operationSchema,
  },
  'operations.testRoundTrip': {
    summary:
      'Test a JIT pair on a device: create (or enable), verify, delete (or disable), verify; one operation per step',
    input: z.object({
      firstTemplateId: idSchema,
      secondTemplateId: idSchema,
      deviceId: idSchema,
      login: testLoginSchema,
      username: testAccountSchema,
      additionalInfo: testDatabaseSchema,
      useOnAnotherDevice: useOnAnotherDeviceSchema,
      runId: testRunIdSchema,
    }),
    output: z.object({ ok: z.boolean(), operations: z.array(operationSchema), summary: z.string() }),
  },
});

/** Broadcast: every window's Operations list and session views follow every run. */
export const operationsEvents = defineEvents({
  'operations.changed': operationSchema,
});

/**
 * Per caller: each state of a test run's operations, sent only to the connection that asked for
 * the test (with the `runId` it chose), for its Test dialog's live steps.
 */
export const operationsCallerEvents = defineEvents({
  'operations.testProgress': z.object({ runId: z.string(), operation: operationSchema }),
});
