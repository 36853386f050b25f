import type { hostKeysMethods } from '../../../shared/contract/host-keys';
import type { HostKeyService } from '../../services/host-key-service';
import { toResult } from '../../services/service-error';
import type { DomainHandlers } from '../handler-types';

/** Thin: the service scans, compares, writes, audits and emits `hostKeys.changed`. */
export const hostKeysHandlers = (hostKeys: HostKeyService): DomainHandlers<typeof hostKeysMethods> => ({
  'hostKeys.list': ({ host }) => toResult(() => hostKeys.list(host)),
  'hostKeys.scan': ({ host, port }) => toResult(() => hostKeys.scan(host, port)),
  'hostKeys.trust': ({ host, port, fingerprint }, ctx) =>
    toResult(() => hostKeys.trust(host, port, fingerprint, ctx.actor)),
  'hostKeys.forget': ({ id }, ctx) => toResult(() => hostKeys.forget(id, ctx.actor)),
});
