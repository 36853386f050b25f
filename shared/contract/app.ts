import { z } from 'zod';
import { defineEvents, defineMethods } from './define';

export const shellKindSchema = z.enum(['electron', 'browser']);

/** Something the user must know about, e.g. a corrupt store file that was moved aside. */
export const noticeSchema = z.object({
  id: z.string(),
  level: z.enum(['info', 'warning', 'error']),
  message: z.string(),
  at: z.string(),
});
export type Notice = z.infer<typeof noticeSchema>;

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  shell: shellKindSchema,
  dataDir: z.string(),
  notices: z.array(noticeSchema),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const appMethods = defineMethods({
  'app.info': {
    summary: 'Version, which shell runs the core, the data directory and start-up notices',
    input: z.undefined(),
    output: appInfoSchema,
  },
});

export const appEvents = defineEvents({
  'app.notice': noticeSchema,
});
