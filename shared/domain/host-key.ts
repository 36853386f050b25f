import { z } from 'zod';
import { idSchema, isoDateSchema } from './common';
import { portSchema } from './device';

/** `SHA256:` and the unpadded base64 of the key's SHA-256: what `ssh-keygen -l` prints. */
export const fingerprintSchema = z
  .string()
  .regex(
    /^SHA256:[A-Za-z0-9+/]{43}$/,
    'A fingerprint reads SHA256: and 43 characters, as ssh-keygen -l prints it',
  );

/** How addresses compare for host keys: `Server.Example` and `server.example` are one host. */
export const sameHost = (host: string): string => host.trim().toLowerCase();

/** An address as a device holds it (a name or an IP). */
export const hostSchema = z.string().trim().min(1).max(253);

/**
 * An SSH server's host key, trusted for one address and port. Runs connect to that endpoint only
 * when the server shows this key: another key (a reinstalled server, or someone in the middle) is
 * refused until an administrator forgets this one.
 */
export const hostKeySchema = z.object({
  id: idSchema,
  host: hostSchema,
  port: portSchema,
  /** The key's algorithm as the server names it, e.g. `ssh-ed25519`. */
  keyType: z.string().min(1).max(100),
  fingerprint: fingerprintSchema,
  /** `first-use`: trusted at the first connection; `confirmed`: fetched and trusted by a person. */
  trustedBy: z.enum(['first-use', 'confirmed']),
  trustedAt: isoDateSchema,
  /** Who trusted it (the OS user of the app for a first use). */
  actor: z.string(),
});
export type HostKey = z.infer<typeof hostKeySchema>;

/** What a server showed when asked for its key, and how it compares with the trusted one. */
export const hostKeyScanSchema = z.object({
  host: hostSchema,
  port: portSchema,
  keyType: z.string(),
  fingerprint: fingerprintSchema,
  /** `new`: none trusted yet; `same`: the trusted key; `changed`: another key than the trusted one. */
  status: z.enum(['new', 'same', 'changed']),
  trusted: hostKeySchema.nullable(),
});
export type HostKeyScan = z.infer<typeof hostKeyScanSchema>;
