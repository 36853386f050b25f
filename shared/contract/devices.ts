import { z } from 'zod';
import { idSchema, isoDateSchema } from '../domain/common';
import { deviceInputSchema, deviceSchema } from '../domain/device';
import { defineEvents, defineMethods } from './define';

export const devicesMethods = defineMethods({
  'devices.list': {
    summary: 'All devices, with the number of credentials each holds',
    input: z.undefined(),
    output: z.array(deviceSchema),
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
