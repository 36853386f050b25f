import { z } from 'zod';
import { auditEntrySchema, auditFilterSchema } from '../domain/audit';
import { defineEvents, defineMethods } from './define';

export const auditMethods = defineMethods({
  'audit.list': {
    summary: 'Audit entries matching a filter, newest first, one page at a time',
    input: z.object({
      filter: auditFilterSchema.default({}),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    output: z.object({ total: z.number().int(), entries: z.array(auditEntrySchema) }),
  },
  'audit.exportCsv': {
    summary: 'Every entry matching a filter as CSV',
    input: z.object({ filter: auditFilterSchema.default({}) }),
    output: z.object({ csv: z.string(), count: z.number().int() }),
  },
});

export const auditEvents = defineEvents({
  'audit.appended': auditEntrySchema,
});
