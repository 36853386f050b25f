import { z } from 'zod';
import { isHostName, isIPv4, isIPv6 } from './address';
import { idSchema, isoDateSchema, plainText, requiredText, storedText, tagsSchema } from './common';
import { customFieldViewsSchema, customFieldsInputSchema } from './custom-fields';

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

/** Digits and dots only: meant as an IPv4 address (no top-level domain is all digits, RFC 1123 2.1). */
const numericPattern = /^[\d.]+$/;

/**
 * Host name (RFC 1123 labels, digits allowed: `db01.lab`), IPv4 or bracket-less IPv6. An address of
 * digits and dots is an IPv4 address and must be one: four numbers 0 to 255 (`999.1.1.1` is refused).
 * An address with a colon is an IPv6 address and must be one (`:::::::` is refused).
 */
export const addressSchema = z
  .string()
  .trim()
  .min(1, 'Required')
  .max(253, 'At most 253 characters')
  .superRefine((a, ctx) => {
    const problem = addressProblem(a);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  });

function addressProblem(a: string): string | undefined {
  if (numericPattern.test(a)) {
    if (isIPv4(a)) return undefined;
    const parts = a.split('.');
    if (parts.length !== 4 || !parts.every((p) => /^\d+$/.test(p)))
      return 'Enter a host name or an IP address (IPv4: four numbers from 0 to 255)';
    return parts.every((p) => Number(p) <= 255)
      ? 'Write the numbers without leading zeros: some programs read 010 as octal (8)'
      : 'An IPv4 address is four numbers from 0 to 255';
  }
  if (a.startsWith('[') && a.endsWith(']') && isIPv6(a.slice(1, -1))) {
    return 'Enter the IPv6 address without brackets';
  }
  if (a.includes(':')) {
    return isIPv6(a)
      ? undefined
      : 'Not a valid IPv6 address: eight groups of 1 to 4 hex digits separated by colons, one "::" at most';
  }
  return isHostName(a) ? undefined : 'Enter a host name or an IP address';
}

/** What the Device form edits. */
export const deviceInputSchema = z.object({
  name: requiredText(128, 'Device name'),
  address: addressSchema,
  type: deviceTypeSchema,
  vendor: plainText(64, 'Vendor').default(''),
  product: plainText(64, 'Product').default(''),
  site: plainText(64, 'Site').default(''),
  tags: tagsSchema.default([]),
  active: z.boolean().default(true),
  connectivity: z
    .array(connectivitySchema)
    .max(16)
    .default([])
    .refine((list) => new Set(list.map((c) => c.protocol)).size === list.length, {
      error: 'Each protocol at most once',
    }),
  /** Values for the user-defined tags of templates run on the device's credentials. */
  customFields: customFieldsInputSchema,
});
export type DeviceInput = z.input<typeof deviceInputSchema>;

/**
 * What a stored device's address must be to be read and listed: the rule older builds saved with.
 * Looser than `addressSchema`, which checks what is saved now: a device saved with an address the
 * form now refuses (`999.1.1.1`) must still load and show, so the user can correct it, rather than
 * be set aside.
 */
const legacyOctet = '(25[0-5]|2[0-4]\\d|1?\\d?\\d)';
const legacyIPv4Pattern = new RegExp(`^${legacyOctet}(\\.${legacyOctet}){3}$`);
export const storedAddressSchema = z
  .string()
  .trim()
  .min(1, 'Required')
  .max(253, 'At most 253 characters')
  .refine(
    (a) => isHostName(a) || legacyIPv4Pattern.test(a) || /^[0-9a-fA-F:]+$/.test(a),
    'Enter a host name or an IP address',
  );

/** A device as stored and listed: names and address by the rules older builds saved with. */
export const deviceSchema = deviceInputSchema.extend({
  name: storedText(128),
  vendor: storedText(64).default(''),
  product: storedText(64).default(''),
  site: storedText(64).default(''),
  address: storedAddressSchema,
  id: idSchema,
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
  /** Secret fields carry an empty value (theirs is in the vault) and whether the vault holds one. */
  customFields: customFieldViewsSchema,
  /** Number of credentials (not deleted) that belong to the device. */
  credentialCount: z.number().int().min(0),
});
export type Device = z.infer<typeof deviceSchema>;
