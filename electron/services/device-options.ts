/**
 * Device pickers' search: one bounded page of the devices whose name or address holds the typed
 * text, the form's current choice (`ids`) first whatever it matches. Pure, over the list in name
 * order, so the service decides where the devices come from.
 */
import type { DeviceOptions } from '../../shared/contract/devices';
import type { Device } from '../../shared/domain/device';

export interface DeviceOptionsRequest {
  readonly search?: string | undefined;
  readonly ids?: readonly number[] | undefined;
  readonly limit: number;
}

const matches = (device: Device, text: string): boolean =>
  text === '' || device.name.toLowerCase().includes(text) || device.address.toLowerCase().includes(text);

/** `byName`: every device, sorted by name (then id). */
export function deviceOptions(byName: readonly Device[], request: DeviceOptionsRequest): DeviceOptions {
  const text = request.search?.trim().toLowerCase() ?? '';
  const wanted = new Set(request.ids ?? []);
  const chosen: Device[] = [];
  const others: Device[] = [];
  let total = 0;
  for (const device of byName) {
    const matching = matches(device, text);
    if (matching) total += 1;
    if (wanted.has(device.id)) chosen.push(device);
    else if (matching && others.length < request.limit) others.push(device);
  }
  return { total, rows: [...chosen, ...others] };
}
