import { z } from 'zod';
import { idSchema } from '../domain/common';
import { portSchema } from '../domain/device';
import { fingerprintSchema, hostKeyScanSchema, hostKeySchema, hostSchema } from '../domain/host-key';
import { defineEvents, defineMethods } from './define';

const endpointSchema = z.object({ host: hostSchema, port: portSchema }).strict();

export const hostKeysMethods = defineMethods({
  'hostKeys.list': {
    summary: 'The SSH host keys trusted for an address (every port), by port',
    input: z.object({ host: hostSchema }).strict(),
    output: z.array(hostKeySchema),
  },
  'hostKeys.scan': {
    summary: 'Asks an SSH server for its host key (no login) and compares it with the trusted one',
    input: endpointSchema,
    output: hostKeyScanSchema,
  },
  'hostKeys.trust': {
    summary:
      'Trusts the key the server shows now, if its fingerprint is the one the user compared; replaces a trusted key',
    input: endpointSchema.extend({ fingerprint: fingerprintSchema }).strict(),
    output: hostKeySchema,
  },
  'hostKeys.forget': {
    summary: 'Forgets a trusted host key: the next connection trusts the key it is shown (first use)',
    input: z.object({ id: idSchema }).strict(),
    output: z.object({ id: idSchema }),
  },
});

export const hostKeysEvents = defineEvents({
  /** A host key was trusted or forgotten for these addresses; open Connectivity tabs refetch. */
  'hostKeys.changed': z.object({ hosts: z.array(hostSchema) }),
});
