import { z } from 'zod';
import { idSchema, isoDateSchema } from '../domain/common';
import { deviceInputSchema, deviceSchema } from '../domain/device';
import { defineEvents, defineMethods } from './define';

/** The largest page of matches, and the most `ids` one call may name. */
export const maxDeviceOptionsLimit = 200;
export const maxDeviceOptionIds = 50;

/**
 * A searched, bounded look-up for device pickers: never every device (a picker asks again as the
 * user types, so 1,000 devices never all reach the renderer).
 */
export const deviceOptionsQuerySchema = z
  .object({
    /** Matched case-insensitively against the name and the address. */
    search: z.string().trim().max(100).optional(),
    /** Returned first whenever they exist, matching or not: a form's current choice. */
    ids: z.array(idSchema).max(maxDeviceOptionIds).optional(),
    limit: z.number().int().min(1).max(maxDeviceOptionsLimit).default(50),
  })
  .strict();
export type DeviceOptionsQuery = z.input<typeof deviceOptionsQuerySchema>;

export const deviceOptionsSchema = z.object({
  /** How many devices match, before the limit (the `ids` count only when they match). */
  total: z.number().int().min(0),
  /** The `ids` first, then the first `limit` other matches, each part by name; no device twice. */
  rows: z.array(deviceSchema),
});
export type DeviceOptions = z.infer<typeof deviceOptionsSchema>;

export const devicesMethods = defineMethods({
  'devices.list': {
    summary: 'All devices, with the number of credentials each holds',
    input: z.undefined(),
    output: z.array(deviceSchema),
  },
  'devices.options': {
    summary: 'Devices matching a search, bounded, for pickers',
    input: deviceOptionsQuerySchema,
    output: deviceOptionsSchema,
  },
  'devices.get': { summary: 'One device', input: z.object({ id: idSchema }), output: deviceSchema },
  'devices.save': {
    summary: 'Create a device (no id) or update one. Deactivating a device deactivates its credentials.',
    input: z.object({
      id: idSchema.optional(),
      device: deviceInputSchema,
      /** The `updatedAt` the form loaded: the save is refused if the device changed since. */
      expectedUpdatedAt: isoDateSchema.optional(),
    }),
    output: deviceSchema,
  },
  'devices.delete': {
    summary: 'Delete a device that holds no credentials',
    input: z.object({ id: idSchema }),
    output: z.object({ id: idSchema }),
  },
});

export const devicesEvents = defineEvents({
  /** Something about devices changed; lists refetch. */
  'devices.changed': z.object({ ids: z.array(idSchema) }),
});
