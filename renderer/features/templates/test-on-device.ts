/**
 * The Test on a device dialog's model: which of a device's credentials may run a test, which
 * templates pair with the one under test for a round trip, where the run will connect, and where a
 * core failure shows. Pure functions, so the rules are read, and tested (test/unit/renderer/
 * test-on-device.test.ts), apart from the dialog.
 */
import type { Device } from '../../../shared/domain/device';
import { jitPartnerType, opensSession } from '../../../shared/domain/jit';
import { compareNames } from '../../../shared/domain/names';
import { findPlugin, pluginPort, type PluginId } from '../../../shared/domain/plugin';
import type { ExecutionType, Template } from '../../../shared/domain/template';
import type { LoginOption } from '../../stores/templates-store';

export const isSqlPlugin = (id: PluginId): boolean => findPlugin(id)?.family === 'sql';

/** The execution type a round-trip partner of `template` has, or undefined outside the JIT pairs. */
export const partnerTypeOf = (template: Pick<Template, 'executionType'>): ExecutionType | undefined =>
  jitPartnerType(template.executionType);

/**
 * Templates that complete `template`'s JIT pair: the same plugin, the other half's type. The
 * likeliest partner comes first: active, then of the same origin (a built-in pairs with a
 * built-in, a clone with a clone), then by name.
 */
export function partnerCandidates(template: Template, templates: readonly Template[]): Template[] {
  const wanted = partnerTypeOf(template);
  if (wanted === undefined) return [];
  const score = (t: Template) => (t.active ? 0 : 2) + (t.builtIn === template.builtIn ? 0 : 1);
  return templates
    .filter((t) => t.id !== template.id && t.pluginId === template.pluginId && t.executionType === wanted)
    .sort((a, b) => score(a) - score(b) || compareNames(a.name, b.name));
}

/** The round trip's order: the creation (or enable) template first, whichever one is open. */
export function roundTripOrder(template: Template, partner: Template): { first: Template; second: Template } {
  // Create before delete, enable before disable.
  return opensSession(template.executionType)
    ? { first: template, second: partner }
    : { first: partner, second: template };
}

export const loginLabel = (login: Pick<LoginOption, 'username' | 'deviceName'>): string =>
  `${login.username} @ ${login.deviceName}`;

/**
 * The credentials a test can run as, of those the core sent for the chosen device: active, not
 * deleted, with a password or an SSH key (the core refuses the others), by label.
 */
export function usableLogins(options: readonly LoginOption[]): LoginOption[] {
  return options
    .filter((o) => o.status === 'Active' && !o.deleted && (o.hasPassword || o.hasKey === true))
    .sort((a, b) => compareNames(loginLabel(a), loginLabel(b)));
}

/**
 * Where the run connects, as the core decides it: the device's port for the plugin's protocol,
 * else the plugin's usual port.
 */
export function endpointText(device: Device, pluginId: PluginId): string {
  const plugin = findPlugin(pluginId);
  const endpoint = plugin ? pluginPort(device.connectivity, plugin) : null;
  if (!plugin || !endpoint) return `Connects to ${device.address}`;
  const { port } = endpoint;
  const protocol = plugin.protocol ?? plugin.name;
  return !endpoint.listed
    ? `Connects to ${device.address}:${port} (the usual ${protocol} port: the device lists none)`
    : `Connects to ${device.address}:${port} (${protocol})`;
}

export type TestSlot = 'deviceId' | 'credentialId' | 'username' | 'additionalInfo' | 'partnerId' | 'form';
export type TestErrors = Partial<Record<TestSlot, string>>;

/** A core failure's field (its path in the request) to the control it is shown beside. */
export function slotForField(field: string | undefined): TestSlot {
  switch (field?.split('.')[0]) {
    case 'deviceId':
      return 'deviceId';
    case 'login':
      return 'credentialId';
    case 'username':
      return 'username';
    case 'additionalInfo':
      return 'additionalInfo';
    case 'firstTemplateId':
    case 'secondTemplateId':
      return 'partnerId';
    default:
      return 'form';
  }
}

/**
 * Whether a run left the account it made on the target: a single successful test of a creation
 * template (a round trip removes it itself; another type makes none).
 */
export const leftAccount = (
  ran: { readonly executionType: ExecutionType },
  operation: { readonly status: string; readonly kind: string },
): boolean =>
  ran.executionType === 'New user' && operation.status === 'Successful' && operation.kind === 'test';

/**
 * After a run that left its account (leftAccount): the deletion templates of the same plugin that
 * can remove it, the likeliest first (active, then of the same origin as `created`, then by name).
 * None for other runs.
 */
export function removalCandidates(
  created: { readonly executionType: ExecutionType; readonly pluginId: PluginId; readonly builtIn: boolean },
  operation: { readonly status: string; readonly kind: string },
  templates: readonly Template[],
): Template[] {
  if (!leftAccount(created, operation)) return [];
  const score = (t: Template) => (t.active ? 0 : 2) + (t.builtIn === created.builtIn ? 0 : 1);
  return templates
    .filter((t) => t.pluginId === created.pluginId && t.executionType === 'User delete')
    .sort((a, b) => score(a) - score(b) || compareNames(a.name, b.name));
}
