import { z } from 'zod';
import { idSchema, isoDateSchema, plainText, requiredText, tagsSchema } from './common';

export const deviceTypes = [
  'Server',
  'Database',
  'Directory',
  'Workstation',
  'Network device',
  'Other',
] as const;
export const deviceTypeSchema = z.enum(deviceTypes);

/** Connection protocols a device can offer, with their usual ports. */
export const protocols = {
  SSH: 22,
  PostgreSQL: 5432,
  MySQL: 3306,
  LDAP: 389,
  LDAPS: 636,
  RDP: 3389,
  HTTPS: 443,
} as const;
export type Protocol = keyof typeof protocols;
export const protocolSchema = z.enum(Object.keys(protocols) as [Protocol, ...Protocol[]]);

export const portSchema = z.number().int().min(1, 'Ports are 1 to 65535').max(65535, 'Ports are 1 to 65535');

export const connectivitySchema = z.object({ protocol: protocolSchema, port: portSchema });
export type Connectivity = z.infer<typeof connectivitySchema>;

/** Host name (RFC 1123 labels), IPv4 or bracket-less IPv6. */
export const addressSchema = z
  .string()
  .trim()
  .min(1, 'Required')
  .max(253, 'At most 253 characters')
  .refine(
    (a) =>
      /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/.test(
        a,
      ) ||
      /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(a) ||
      /^[0-9a-fA-F:]+$/.test(a),
    'Enter a host name or an IP address',
  );

/** What the Device form edits. */
export const deviceInputSchema = z.object({
  name: requiredText(128),
  address: addressSchema,
  type: deviceTypeSchema,
  vendor: plainText(64).default(''),
  product: plainText(64).default(''),
  site: plainText(64).default(''),
  tags: tagsSchema.default([]),
  active: z.boolean().default(true),
  connectivity: z
    .array(connectivitySchema)
    .max(16)
    .default([])
    .refine((list) => new Set(list.map((c) => c.protocol)).size === list.length, {
      error: 'Each protocol at most once',
    }),
});
export type DeviceInput = z.input<typeof deviceInputSchema>;

export const deviceSchema = deviceInputSchema.extend({
  id: idSchema,
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
  /** Number of credentials (not deleted) that belong to the device. */
  credentialCount: z.number().int().min(0),
});
export type Device = z.infer<typeof deviceSchema>;
