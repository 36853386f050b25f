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
  // Only an SSH session's account is meant for an SSH login: a database session's generated or
  // stored password must never be sent to an sshd, even on a device that also lists SSH.
  if (session.pluginId !== 'ssh') {
    throw new ServiceError(
      'invalid_input',
      `This session is for ${session.pluginId}, not SSH: only SSH sessions have a terminal`,
    );
  }
  const device = sources.inventory.devices.get(session.deviceId);
  const ssh = findPlugin('ssh');
  const port = ssh ? pluginPort(device.connectivity, ssh) : null;
  if (port === null) {
    throw new ServiceError('invalid_input', `${device.name} has no SSH port: this session has no terminal`);
  }
  const target = { host: device.address, port: port.port };
  // The account was made (or enabled) where the provisioning ran: a device address edited since
  // would send its password to another host.
  const where = `${target.host}:${target.port}`;
  if (session.target !== null && where !== session.target) {
    throw new ServiceError(
      'conflict',
      `${device.name} is now at ${where}, but this session's account is on ${session.target}: no terminal`,
    );
  }
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
