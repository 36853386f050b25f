import type { CustomValues } from '../../shared/domain/custom-fields';
import type { Credential } from '../../shared/domain/credential';
import type { Device } from '../../shared/domain/device';
import { jitExecutionTypes, jitPairs, type JitDirection } from '../../shared/domain/jit';
import { findPlugin, pluginPort } from '../../shared/domain/plugin';
import type { Session } from '../../shared/domain/session';
import type { Template } from '../../shared/domain/template';
import type { PluginRuntime, TargetEndpoint } from '../plugins/plugin-runtime';
import type { PluginRegistry } from '../plugins/registry';
import type { CredentialLogins, ResolvedLogin } from '../services/credentials/credential-logins';
import { vaultRef } from '../services/credentials/credential-service';
import { ServiceError } from '../services/service-error';
import type { SecretVault } from '../vault/secret-vault';

/** One half of a session's pair, resolved: the template, its plugin and where it connects. */
export interface PlannedRun {
  readonly direction: JitDirection;
  readonly template: Template;
  readonly runtime: PluginRuntime;
  readonly target: TargetEndpoint;
}

/** What a session's runs need, read from the inventory when they are about to run. */
export interface SessionPlan {
  readonly credential: Credential;
  readonly device: Device;
  readonly provision: PlannedRun;
  readonly cleanup: PlannedRun;
  /** Who connects: the authentication credential, or the credential itself ("use own credential"). */
  readonly login: ResolvedLogin;
  /** The credential's own stored password (Enable/Disable templates may name it), or ''. */
  readonly currentPassword: string;
}

/** The inventory as the lifecycle reads it (structural, so tests can hand in small fakes). */
export interface SessionInventory {
  // customValues: the user-defined tags' values (optional: small fakes have none).
  readonly credentials: { get(id: number): Credential; customValues?(id: number): CustomValues };
  readonly devices: { get(id: number): Device; customValues?(id: number): CustomValues };
  readonly templates: { get(id: number): Template };
  readonly logins: Pick<CredentialLogins, 'loginFor'>;
}

export interface PlanSources {
  readonly inventory: SessionInventory;
  readonly plugins: Pick<PluginRegistry, 'get'>;
  readonly vault: Pick<SecretVault, 'has' | 'get'>;
}

/**
 * Reads again, at each step, what the session's credential says (its JIT settings may have changed
 * since the session started): both templates, their plugins and ports, and the login. Every
 * refusal is a ServiceError whose message is safe to store on the session and show.
 */
export function planSession(sources: PlanSources, session: Pick<Session, 'credentialId'>): SessionPlan {
  const { credentials, devices, templates, logins } = sources.inventory;
  const credential = credentials.get(session.credentialId);
  const device = devices.get(credential.deviceId);
  const label = `${credential.username} @ ${device.name}`;
  const { jit } = credential;
  if (!jit.enabled || jit.type === null) {
    throw new ServiceError('invalid_input', `${label} is not set up for JIT sessions`);
  }
  const pair = jitPairs[jit.type];
  const run = (direction: JitDirection): PlannedRun => {
    const templateId = jit[`${direction}TemplateId`];
    if (templateId === null) {
      throw new ServiceError('invalid_input', `${label} has no ${direction} template in its JIT settings`);
    }
    const template = templates.get(templateId);
    if (!template.active || template.executionType !== jitExecutionTypes[direction]) {
      throw new ServiceError(
        'invalid_input',
        `${template.name} is not an active "${jitExecutionTypes[direction]}" template`,
      );
    }
    const plugin = findPlugin(template.pluginId);
    const runtime = sources.plugins.get(template.pluginId);
    if (!plugin?.available || !runtime) {
      throw new ServiceError('invalid_input', `${template.pluginId} is not available in this build`);
    }
    const port = pluginPort(device.connectivity, plugin)?.port;
    if (port === undefined) {
      throw new ServiceError('invalid_input', `${device.name} has no port for ${plugin.name}`);
    }
    return { direction, template, runtime, target: { host: device.address, port } };
  };
  const provision = run(pair.provision);
  const cleanup = run(pair.cleanup);
  const authId = jit.useOwnCredential ? credential.id : jit.authCredentialId;
  if (authId === null) {
    throw new ServiceError('invalid_input', `${label} has no authentication credential in its JIT settings`);
  }
  const login = logins.loginFor(authId, {
    deviceId: device.id,
    // The JIT settings name the authentication credential on purpose (a domain administrator
    // may live on another device): choosing it there is the confirmation.
    useOnAnotherDevice: true,
    field: 'jit.authCredentialId',
    purpose: 'to run JIT sessions',
  });
  const ref = vaultRef(credential.id);
  const currentPassword = sources.vault.has(ref) ? sources.vault.get(ref) : '';
  return { credential, device, provision, cleanup, login, currentPassword };
}
