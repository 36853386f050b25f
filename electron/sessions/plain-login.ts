import { findPlugin, pluginPort } from '../../shared/domain/plugin';
import type { Session } from '../../shared/domain/session';
import type { PlanSources } from '../lifecycle/session-plan';
import type { ConnectionLogin, TargetEndpoint } from '../plugins/plugin-runtime';
import { runSecrets } from '../plugins/tag-engine';
import { ServiceError } from '../services/service-error';

/**
 * Where a plain session's SQL console logs in (a credential without JIT): the credential itself,
 * with its stored password, on its device's port for the session's plugin, and only where the
 * session started (an address edited since would send the password elsewhere). The secret stays
 * in the core, as for JIT sessions.
 */
export function plainConsoleLogin(
  sources: Pick<PlanSources, 'inventory'>,
  session: Session,
): { target: TargetEndpoint; login: ConnectionLogin; secrets: string[] } {
  const device = sources.inventory.devices.get(session.deviceId);
  const plugin = findPlugin(session.pluginId);
  const port = plugin ? pluginPort(device.connectivity, plugin) : null;
  if (!plugin || port === null) {
    throw new ServiceError('invalid_input', `${device.name} has no port for ${session.pluginId}`);
  }
  const target = { host: device.address, port: port.port };
  if (session.target !== null && `${target.host}:${target.port}` !== session.target) {
    throw new ServiceError(
      'conflict',
      `${session.credentialLabel}: the device's address or port changed since the session started`,
    );
  }
  const own = sources.inventory.logins.loginFor(session.credentialId, {
    deviceId: session.deviceId,
    field: 'sessionId',
    purpose: "to open the session's console",
  });
  if (own.login.password === undefined) {
    throw new ServiceError(
      'invalid_input',
      `${session.credentialLabel} has no stored password: ${plugin.name} logs in with one`,
    );
  }
  return { target, login: own.login, secrets: runSecrets({}, own.login) };
}
