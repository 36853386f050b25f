import { randomUUID } from 'node:crypto';
import type { ChangePasswordOutcome, PasswordChangePlan } from '../../shared/contract/credentials';
import type { Credential, CredentialFields } from '../../shared/domain/credential';
import type { Device } from '../../shared/domain/device';
import { findPlugin, pluginPort } from '../../shared/domain/plugin';
import { jitDependencies } from '../../shared/domain/rules/credential-rules';
import type { Settings } from '../../shared/domain/settings';
import type { AuditTrail } from '../audit/audit-trail';
import type { Clock } from '../platform/clock';
import type { PluginRegistry } from '../plugins/registry';
import { vaultRef } from '../services/credentials/credential-service';
import type { Inventory } from '../services/inventory';
import { generatePassword } from '../services/credentials/password-generator';
import { ServiceError } from '../services/service-error';
import { refuseStale } from '../services/stale-save';
import type { SecretVault } from '../vault/secret-vault';
import { tagValues } from './tag-values';
import type { TemplateExecutor } from './template-executor';

export interface PasswordChangeDeps {
  readonly inventory: Pick<Inventory, 'devices' | 'templates' | 'credentials' | 'logins'>;
  readonly vault: SecretVault;
  /** Runs the template as an operation (shared with Test on a device and the lifecycle). */
  readonly executor: TemplateExecutor;
  readonly plugins: Pick<PluginRegistry, 'get'>;
  readonly audit: AuditTrail;
  readonly settings: () => Settings;
  readonly clock: Clock;
}

export interface ChangePasswordRequest {
  readonly id: number;
  readonly password: { readonly action: 'set'; readonly value: string } | { readonly action: 'generate' };
  readonly templateId: number;
  readonly runAsCredentialId: number;
  readonly expectedUpdatedAt?: string | undefined;
}

/**
 * Changing a stored password on the device first. Saving a new password only changes the vault's
 * copy: the device keeps the old one, and JIT credentials this one authenticates fail at their
 * next session. Here a "Password change" template runs as an operation (its log in Executions >
 * Operations), and the new password is stored only when the run succeeded; on a failure the vault
 * keeps the old one.
 *
 * Tags (docs/user-guide.md, "Template tags"): `[#USERNAME#]` is this credential's account, `[#CURRENT_PASSWORD#]` its stored
 * password, `[#NEW_PASSWORD#]` the new one, `[#AUTH_USER#]`/`[#AUTH_PASSWORD#]`/`[#AUTH_DOMAIN#]` the
 * credential that connects to run it: this one itself (with its current password) or another, e.g.
 * its JIT authentication credential (the built-ins run as root / an administrator).
 *
 * Audited twice: the request before the connection opens, and the result. No password appears in
 * an operation, an audit entry or an error.
 *
 * It runs its template through the TemplateExecutor, as Test on a device does, but with the
 * credential's real passwords rather than generated test values.
 */
export class PasswordChangeService {
  readonly #running = new Set<number>();

  constructor(private readonly deps: PasswordChangeDeps) {}

  plan(id: number): PasswordChangePlan {
    const { credentials, devices, templates } = this.deps.inventory;
    const credential = credentials.get(id);
    const device = devices.get(credential.deviceId);
    const label = (c: { username: string; deviceId: number }) =>
      `${c.username} @ ${c.deviceId === device.id ? device.name : devices.get(c.deviceId).name}`;

    const authenticates = credentials
      .exportRows()
      .filter(
        (row) => row.id !== id && row.jit.enabled && jitDependencies(row.jit).credentialIds.includes(id),
      )
      .map((row) => ({ id: row.id, label: label(row) }));

    // The plugins of the protocols the device lists; when it lists none of them, every plugin
    // that has a usual port.
    const candidates = templates
      .rows()
      .filter((t) => t.executionType === 'Password change' && t.active && this.#portFor(device, t.pluginId));
    const listed = candidates.filter((t) => this.#listed(device, t.pluginId));
    const changeTemplates = (listed.length > 0 ? listed : candidates)
      .sort((a, b) => Number(b.builtIn) - Number(a.builtIn) || a.name.localeCompare(b.name) || a.id - b.id)
      .map((t) => ({ id: t.id, name: t.name, pluginId: t.pluginId, builtIn: t.builtIn }));

    const others = credentials
      .options({ deviceId: device.id, usable: true, limit: 50 })
      .rows.filter((o) => o.id !== id)
      .map((o) => ({ id: o.id, label: `${o.username} @ ${o.deviceName}`, self: false }));
    const selfUsable = credential.status === 'Active' && credential.hasPassword;
    const runAs = [...(selfUsable ? [{ id, label: label(credential), self: true }] : []), ...others];
    const { jit } = credential;
    const auth =
      jit.enabled && !jit.useOwnCredential && jit.authCredentialId !== null
        ? runAs.find((r) => r.id === jit.authCredentialId)
        : undefined;

    return {
      deviceName: device.name,
      deviceAddress: device.address,
      authenticates,
      templates: changeTemplates,
      runAs,
      templateId: changeTemplates[0]?.id ?? null,
      runAsCredentialId: (auth ?? runAs[0])?.id ?? null,
    };
  }

  /**
   * Runs the template with the new password, then stores it. Refusals (a stale form, a template of
   * the wrong type, a locked vault) throw before anything is sent; a failed run is an outcome with
   * its operation, and nothing is stored.
   */
  async change(request: ChangePasswordRequest, actor: string): Promise<ChangePasswordOutcome> {
    // One change of a credential's password at a time: two concurrent runs would leave the
    // device with one password and the vault with the other.
    if (this.#running.has(request.id)) {
      throw new ServiceError('conflict', 'A password change of this credential is already running');
    }
    this.#running.add(request.id);
    try {
      return await this.#change(request, actor);
    } finally {
      this.#running.delete(request.id);
    }
  }

  async #change(request: ChangePasswordRequest, actor: string): Promise<ChangePasswordOutcome> {
    const { credentials, devices, templates } = this.deps.inventory;
    const credential = credentials.get(request.id);
    const device = devices.get(credential.deviceId);
    const label = `${credential.username} @ ${device.name}`;
    if (credential.deleted) {
      throw new ServiceError('conflict', `${label} was deleted; it is kept for audit only`);
    }
    refuseStale(label, credential.updatedAt, request.expectedUpdatedAt);

    const template = templates.get(request.templateId);
    if (template.executionType !== 'Password change' || !template.active) {
      throw new ServiceError(
        'invalid_input',
        `${template.name} is not an active "Password change" template`,
        'templateId',
      );
    }
    const plugin = findPlugin(template.pluginId);
    const runtime = this.deps.plugins.get(template.pluginId);
    if (!plugin?.available || !runtime) {
      throw new ServiceError(
        'invalid_input',
        `${plugin?.name ?? template.pluginId} is not available in this build`,
        'templateId',
      );
    }
    const port = this.#portFor(device, template.pluginId);
    if (port === null) {
      throw new ServiceError('invalid_input', `${device.name} has no port for ${plugin.name}`, 'templateId');
    }

    // The plan offers the credential itself and its JIT authentication credential: no device rule.
    const {
      credential: runAs,
      login,
      label: runAsLabel,
    } = this.deps.inventory.logins.loginFor(request.runAsCredentialId, {
      field: 'runAsCredentialId',
      purpose: 'to change a password',
    });
    const newPassword =
      request.password.action === 'set'
        ? request.password.value
        : generatePassword(this.deps.settings().passwordPolicy);
    const currentRef = vaultRef(credential.id);
    const currentPassword = this.deps.vault.has(currentRef) ? this.deps.vault.get(currentRef) : '';
    const loginPassword = login.password ?? '';

    // Audited (on disk) before the connection opens.
    const how = `template ${template.name} v${template.version}, run as ${runAsLabel}`;
    await this.deps.audit.record({
      actor,
      action: 'change_password',
      entity: 'credential',
      entityId: credential.id,
      label,
      fields: ['password'],
      detail: `Requested on ${device.name} (${device.address}): ${how}`,
    });

    const now = this.deps.clock.now();
    const operationId = randomUUID();
    const ended = await this.deps.executor.execute({
      operationId,
      kind: 'password-change',
      pluginId: template.pluginId,
      template,
      target: { host: device.address, port },
      login,
      tags: tagValues({
        username: credential.username,
        newPassword,
        currentPassword,
        login: { username: runAs.username, password: loginPassword, domain: runAs.domain },
        device: { name: device.name, address: device.address },
        additionalInfo: credential.additionalInfo,
        domain: credential.domain,
        expiration: new Date(now.getTime() + this.deps.settings().jit.maxSessionMinutes * 60_000),
        sessionId: `password-change-${operationId.slice(0, 8)}`,
        requester: actor,
        custom: {
          credential: this.deps.inventory.credentials.customValues(credential.id),
          device: this.deps.inventory.devices.customValues(device.id),
        },
      }),
      deviceId: device.id,
      deviceLabel: `${device.name} (${device.address})`,
      account: credential.username,
      runAs: runAsLabel,
      requester: actor,
      sessionId: null,
    });

    if (ended.status !== 'Successful') {
      const message = `The password was not changed on ${device.name}: the run ended ${ended.status}. The vault keeps the current password.`;
      await this.#auditResult(
        actor,
        credential,
        label,
        'failure',
        `${message} ${how}; operation ${ended.id}`,
      );
      return { changed: false, operationId: ended.id, message };
    }

    // The device has the new password now: store it whatever else changed meanwhile (the fields
    // are read again, so a concurrent save of other fields is kept, not overwritten).
    const stored = await this.#store(credential.id, newPassword, actor);
    await this.#auditResult(
      actor,
      credential,
      label,
      'success',
      `Changed on ${device.name} and stored: ${how}; operation ${ended.id}`,
    );
    return { changed: true, operationId: ended.id, credential: stored };
  }

  #portFor(device: Device, pluginId: string): number | null {
    const plugin = findPlugin(pluginId);
    return plugin?.available ? (pluginPort(device.connectivity, plugin)?.port ?? null) : null;
  }

  #listed(device: Device, pluginId: string): boolean {
    const plugin = findPlugin(pluginId);
    return plugin !== undefined && pluginPort(device.connectivity, plugin)?.listed === true;
  }

  /**
   * Stores the password the device now has. Should the record's save be refused (the credential
   * was deleted while the run went on, or its rules no longer pass), the password still goes into
   * the vault under the credential: a vault out of step with the device is what this avoids.
   * Even for a deleted record (kept for audit, its password still revealable): the device's
   * account has this password now, and the vault is the only place it is known.
   */
  async #store(id: number, password: string, actor: string): Promise<Credential> {
    const current = this.deps.inventory.credentials.get(id);
    try {
      return await this.deps.inventory.credentials.save(
        id,
        fieldsOf(current),
        { action: 'set', value: password },
        actor,
      );
    } catch (error) {
      const why = error instanceof ServiceError ? error.message : 'the record could not be written';
      // Audited (on disk) first: a crash in between leaves an entry that over-claims, never a
      // password in the vault that no entry accounts for.
      await this.deps.audit.record({
        actor,
        action: 'update',
        entity: 'credential',
        entityId: id,
        label: `${current.username} @ ${this.deps.inventory.devices.get(current.deviceId).name}`,
        fields: ['password'],
        detail: `Password stored in the vault only (the record's save was refused: ${why})`,
      });
      await this.deps.vault.put(vaultRef(id), password);
      return this.deps.inventory.credentials.get(id);
    }
  }

  async #auditResult(
    actor: string,
    credential: Credential,
    label: string,
    result: 'success' | 'failure',
    detail: string,
  ): Promise<void> {
    await this.deps.audit.record({
      actor,
      action: 'change_password',
      entity: 'credential',
      entityId: credential.id,
      label,
      fields: ['password'],
      result,
      detail,
    });
  }
}

function fieldsOf(c: Credential): CredentialFields {
  const { username, type, deviceId, domain, additionalInfo, status, tags, jit, customFields } = c;
  // A secret custom field's empty value keeps the stored one.
  return { username, type, deviceId, domain, additionalInfo, status, tags, jit, customFields };
}
