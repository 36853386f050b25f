import { findPlugin, pluginPort } from '../../shared/domain/plugin';
import type { Session } from '../../shared/domain/session';
import { sessionSecretRef } from '../lifecycle/session-lifecycle';
import type { SessionInventory } from '../lifecycle/session-plan';
import type { ConnectionLogin, TargetEndpoint } from '../plugins/plugin-runtime';
import { ServiceError } from '../services/service-error';
import type { SecretVault } from '../vault/secret-vault';

export interface TerminalLoginSources {
  readonly inventory: Pick<SessionInventory, 'devices' | 'logins'>;
  readonly vault: Pick<SecretVault, 'has' | 'get'>;
}

/**
 * Where a session's terminal connects and as whom, with the secret: the generated account and
 * its password (Creation and deletion), or the credential itself with its stored password or key
 * (Enable/Disable). It stays in the core: the renderer gets a stream of bytes, never this.
 */
export function terminalLogin(
  sources: TerminalLoginSources,
  session: Session,
): { target: TargetEndpoint; login: ConnectionLogin } {
  const device = sources.inventory.devices.get(session.deviceId);
  const ssh = findPlugin('ssh');
  const port = ssh ? pluginPort(device.connectivity, ssh) : null;
  // A device lists SSH, or the session's own templates run over SSH (its default port then).
  if (port === null || (!port.listed && session.pluginId !== 'ssh')) {
    throw new ServiceError('invalid_input', `${device.name} has no SSH port: this session has no terminal`);
  }
  const target = { host: device.address, port: port.port };
  if (session.jitType === 'enable_disable') {
    const own = sources.inventory.logins.loginFor(session.credentialId, {
      deviceId: session.deviceId,
      field: 'sessionId',
      purpose: "to open the session's terminal",
    });
    return { target, login: own.login };
  }
  const ref = sessionSecretRef(session.id);
  if (!sources.vault.has(ref)) {
    throw new ServiceError('conflict', `The password of ${session.account} is no longer in the vault`);
  }
  return { target, login: { username: session.account, password: sources.vault.get(ref) } };
}
