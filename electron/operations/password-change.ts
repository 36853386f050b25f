import { randomUUID } from 'node:crypto';
import type { ChangePasswordOutcome, PasswordChangePlan } from '../../shared/contract/credentials';
import type { Credential, CredentialFields } from '../../shared/domain/credential';
import type { Device } from '../../shared/domain/device';
import type { Operation } from '../../shared/domain/operation';
import { findPlugin, pluginPort } from '../../shared/domain/plugin';
import { jitDependencies } from '../../shared/domain/rules/credential-rules';
import type { Settings } from '../../shared/domain/settings';
import type { ConnectionLogin, PluginRuntime, RunResult } from '../plugins/plugin-runtime';
import type { AuditTrail } from '../audit/audit-trail';
import type { Clock } from '../platform/clock';
import type { PluginRegistry } from '../plugins/registry';
import { vaultRef } from '../services/credential-service';
import type { Inventory } from '../services/inventory';
import { generatePassword } from '../services/password-generator';
import { ServiceError } from '../services/service-error';
import { refuseStale } from '../services/stale-save';
import type { SecretVault } from '../vault/secret-vault';
import type { OperationLog } from './operation-log';
import { tagValues } from './tag-values';
import { StorageGuard } from './storage-guard';

export interface PasswordChangeDeps {
  readonly inventory: Pick<Inventory, 'devices' | 'templates' | 'credentials'>;
  readonly vault: SecretVault;
  readonly operations: OperationLog;
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
 * Tags (the template tags of the README's user guide): `[#USERNAME#]` is this credential's account, `[#CURRENT_PASSWORD#]` its stored
 * password, `[#NEW_PASSWORD#]` the new one, `[#AUTH_USER#]`/`[#AUTH_PASSWORD#]`/`[#AUTH_DOMAIN#]` the
 * credential that connects to run it: this one itself (with its current password) or another, e.g.
 * its JIT authentication credential (the built-ins run as root / an administrator).
 *
 * Audited twice: the request before the connection opens, and the result. No password appears in
 * an operation, an audit entry or an error.
 *
 * It runs templates itself rather than through TemplateRunner, whose runs generate their passwords
 * (tests); what they share (tag values, the operation log, the plugins) is shared code.
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

    const runAs = credentials.get(request.runAsCredentialId);
    const runAsLabel = `${runAs.username} @ ${devices.get(runAs.deviceId).name}`;
    if (runAs.deleted || runAs.status !== 'Active') {
      throw new ServiceError(
        'invalid_input',
        `${runAsLabel} is not an active credential`,
        'runAsCredentialId',
      );
    }
    if (this.deps.vault.status().state !== 'unlocked') {
      throw new ServiceError('locked', 'The vault is locked: unlock it to change a password');
    }
    if (!this.deps.vault.has(vaultRef(runAs.id))) {
      throw new ServiceError(
        'invalid_input',
        `${runAsLabel} has no password to connect with`,
        'runAsCredentialId',
      );
    }

    const newPassword =
      request.password.action === 'set'
        ? request.password.value
        : generatePassword(this.deps.settings().passwordPolicy);
    const currentRef = vaultRef(credential.id);
    const currentPassword = this.deps.vault.has(currentRef) ? this.deps.vault.get(currentRef) : '';
    const loginPassword = this.deps.vault.get(vaultRef(runAs.id));
    const login: ConnectionLogin = {
      username: runAs.username,
      password: loginPassword,
      ...(runAs.domain ? { domain: runAs.domain } : {}),
      ...(runAs.additionalInfo ? { database: runAs.additionalInfo } : {}),
    };

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
    const operation = await this.deps.operations.save({
      id: randomUUID(),
      kind: 'password-change',
      status: 'Running',
      pluginId: template.pluginId,
      templateId: template.id,
      templateName: template.name,
      templateVersion: template.version,
      deviceId: device.id,
      deviceLabel: `${device.name} (${device.address})`,
      account: credential.username,
      runAs: runAsLabel,
      requester: actor,
      sessionId: null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      attempts: [
        { number: 1, startedAt: now.toISOString(), endedAt: null, status: 'Running', steps: [], error: null },
      ],
    });
    const result = await this.#run(runtime, operation, {
      template: template.content,
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
        sessionId: `password-change-${operation.id.slice(0, 8)}`,
        requester: actor,
      }),
    });
    const ended = await this.#finish(operation, result);

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

  async #run(
    runtime: PluginRuntime,
    operation: Operation,
    request: Omit<Parameters<PluginRuntime['run']>[0], 'onStep'>,
  ): Promise<RunResult> {
    const steps: Operation['attempts'][number]['steps'] = [];
    // As in the template runner: every text that is stored or shown is masked again with the
    // secrets' common transforms, and withheld if one still shows (see StorageGuard).
    const guard = new StorageGuard(request.tags, request.login);
    try {
      const result = await runtime.run({
        ...request,
        onStep: (step) => {
          steps.push(guard.step(step));
          const attempt = operation.attempts[0];
          if (attempt)
            this.deps.operations.announce({ ...operation, attempts: [{ ...attempt, steps: [...steps] }] });
        },
      });
      const failure = result.failure;
      return {
        ...result,
        steps: result.steps.map((step) => guard.step(step)),
        ...(failure
          ? {
              failure: {
                ...failure,
                message: guard.text(failure.message),
                outputTail: guard.text(failure.outputTail),
              },
            }
          : {}),
      };
    } catch (error) {
      // Plugins report target failures as values; anything thrown is still a failed run here,
      // recorded by its kind only (a message could carry target output).
      return {
        ok: false,
        steps,
        failure: {
          kind: 'target',
          line: null,
          message: `The plugin failed (${error instanceof Error ? error.name : 'unknown error'}); check the password on the device`,
          outputTail: '',
        },
        durationMs: 0,
      };
    }
  }

  async #finish(operation: Operation, result: RunResult): Promise<Operation> {
    const ended = this.deps.clock.now().toISOString();
    const status = result.ok ? 'Successful' : result.failure?.kind === 'canceled' ? 'Canceled' : 'Error';
    const failure = result.failure;
    const error = failure
      ? `${failure.line === null ? '' : `line ${failure.line}: `}${failure.message}${failure.outputTail ? `\n${failure.outputTail}` : ''}`
      : null;
    return this.deps.operations.save({
      ...operation,
      status,
      updatedAt: ended,
      attempts: [
        {
          number: 1,
          startedAt: operation.createdAt,
          endedAt: ended,
          status,
          steps: [...result.steps],
          error,
        },
      ],
    });
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
  const { username, type, deviceId, domain, additionalInfo, status, tags, jit } = c;
  return { username, type, deviceId, domain, additionalInfo, status, tags, jit };
}
