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

const hostNamePattern =
  /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const octet = '(25[0-5]|2[0-4]\\d|1?\\d?\\d)';
const ipv4Pattern = new RegExp(`^${octet}(\\.${octet}){3}$`);
/** Digits and dots only: meant as an IPv4 address (no top-level domain is all digits, RFC 1123 2.1). */
const numericPattern = /^[\d.]+$/;
const ipv6Pattern = /^[0-9a-fA-F:]+$/;

/**
 * Host name (RFC 1123 labels, digits allowed: `db01.lab`), IPv4 or bracket-less IPv6. An address of
 * digits and dots is an IPv4 address and must be one: four numbers 0 to 255 (`999.1.1.1` is refused).
 */
export const addressSchema = z
  .string()
  .trim()
  .min(1, 'Required')
  .max(253, 'At most 253 characters')
  .superRefine((a, ctx) => {
    if (numericPattern.test(a)) {
      if (!ipv4Pattern.test(a)) {
        const parts = a.split('.');
        ctx.addIssue({
          code: 'custom',
          message:
            parts.length === 4 && parts.every((p) => /^\d+$/.test(p))
              ? 'An IPv4 address is four numbers from 0 to 255'
              : 'Enter a host name or an IP address (IPv4: four numbers from 0 to 255)',
        });
      }
      return;
    }
    if (!hostNamePattern.test(a) && !ipv6Pattern.test(a)) {
      ctx.addIssue({ code: 'custom', message: 'Enter a host name or an IP address' });
    }
  });

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

/**
 * What a stored device's address must be to be read and listed: the rule older builds saved with.
 * Looser than `addressSchema`, which checks what is saved now: a device saved with an address the
 * form now refuses (`999.1.1.1`) must still load and show, so the user can correct it, rather than
 * be set aside.
 */
export const storedAddressSchema = z
  .string()
  .trim()
  .min(1, 'Required')
  .max(253, 'At most 253 characters')
  .refine(
    (a) => hostNamePattern.test(a) || ipv4Pattern.test(a) || ipv6Pattern.test(a),
    'Enter a host name or an IP address',
  );

export const deviceSchema = deviceInputSchema.extend({
  address: storedAddressSchema,
  id: idSchema,
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
  /** Number of credentials (not deleted) that belong to the device. */
  credentialCount: z.number().int().min(0),
});
export type Device = z.infer<typeof deviceSchema>;
