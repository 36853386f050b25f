import type { devicesMethods } from '../../../shared/contract/devices';
import type { DeviceService } from '../../services/device-service';
import { inside, toResult } from '../../services/service-error';
import type { DomainHandlers } from '../handler-types';

/** Thin: the service checks, writes, audits and emits `devices.changed` (and cascades). */
export const devicesHandlers = (devices: DeviceService): DomainHandlers<typeof devicesMethods> => ({
  'devices.list': () => toResult(() => devices.list()),
  'devices.options': (query) => toResult(() => devices.options(query)),
  'devices.get': ({ id }) => toResult(() => devices.get(id)),
  'devices.save': ({ id, device, expectedUpdatedAt }, ctx) =>
    toResult(() => devices.save(id, device, ctx.actor, expectedUpdatedAt), inside('device')),
  'devices.delete': ({ id }, ctx) => toResult(() => devices.delete(id, ctx.actor)),
});
