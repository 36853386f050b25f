import { z } from 'zod';
import { isoDateSchema } from './common';

export const auditEntities = [
  'device',
  'credential',
  'template',
  'settings',
  'vault',
  'bundle',
  'host_key',
] as const;
export const auditEntitySchema = z.enum(auditEntities);
export type AuditEntity = z.infer<typeof auditEntitySchema>;

export const auditActions = [
  'create',
  'update',
  'delete',
  'activate',
  'deactivate',
  'reveal_password',
  /** A password changed on the device through a template (then stored), or the attempt that failed. */
  'change_password',
  /** A run logged in with the credential's password (Test on a device). */
  'use_password',
  'import',
  'export',
  'vault_setup',
  'vault_unlock',
  'vault_unlock_failed',
  'vault_lock',
  'vault_passphrase_changed',
  'trust_host_key',
  'forget_host_key',
  'refuse_host_key',
  /** JIT sessions: each step of the lifecycle, with the session, account, device and template. */
  'session_start',
  'session_provision',
  'session_end',
  'session_cleanup',
  'session_force_close',
  'session_terminal_open',
  'session_terminal_close',
  /** A session's SQL console logged in as its account (before it connects), or closed that login. */
  'session_console_open',
  'session_console_close',
] as const;
export const auditActionSchema = z.enum(auditActions);
export type AuditAction = z.infer<typeof auditActionSchema>;

/**
 * One changed field of a save, by its form's label: its value before and after when it is not a
 * secret, or a note ("changed" for a secret, "added X; removed Y" for a list, a template content's
 * versions and line counts). See audit-changes.ts.
 */
export const auditFieldChangeSchema = z.object({
  field: z.string(),
  label: z.string(),
  before: z.string().optional(),
  after: z.string().optional(),
  note: z.string().optional(),
});
export type AuditFieldChange = z.infer<typeof auditFieldChangeSchema>;

/**
 * One line of the append-only audit log. It names what changed (entity, id, field names) and, for
 * saves, each changed field's value before and after: never a value that could be a secret.
 */
export const auditEntrySchema = z.object({
  seq: z.number().int().positive(),
  at: isoDateSchema,
  actor: z.string(),
  action: auditActionSchema,
  entity: auditEntitySchema,
  entityId: z.number().int().nullable(),
  /** A human label at the time of the event, e.g. `root @ web-01`. */
  label: z.string(),
  fields: z.array(z.string()),
  /** Absent in entries written before values were kept (and in entries that change no field). */
  changes: z.array(auditFieldChangeSchema).optional(),
  result: z.enum(['success', 'failure']),
  detail: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditFilterSchema = z.object({
  entity: auditEntitySchema.optional(),
  entityId: z.number().int().optional(),
  action: auditActionSchema.optional(),
  actor: z.string().max(128).optional(),
  text: z.string().max(200).optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;
