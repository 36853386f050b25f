import { randomUUID } from 'node:crypto';
import { jitPairOf } from '../../shared/domain/jit';
import type { Operation } from '../../shared/domain/operation';
import { findPlugin, pluginPort, type PluginId } from '../../shared/domain/plugin';
import type { Settings } from '../../shared/domain/settings';
import type { ExecutionType, TemplateDraftInput } from '../../shared/domain/template';
import type { ConnectionLogin, TargetEndpoint } from '../plugins/plugin-runtime';
import type { AuditTrail } from '../audit/audit-trail';
import type { Clock } from '../platform/clock';
import type { PluginRegistry } from '../plugins/registry';
import type { Inventory } from '../services/inventory';
import { generatePassword } from '../services/credentials/password-generator';
import { ServiceError } from '../services/service-error';
import { ephemeralUsername } from './ephemeral-name';
import { auditSecretUse } from './secret-use';
import { tagValues } from './tag-values';
import type { Execution, TemplateExecutor } from './template-executor';

export interface TemplateRunnerDeps {
  readonly inventory: Inventory;
  /** Runs each template as an operation (shared with the password change and the lifecycle). */
  readonly executor: TemplateExecutor;
  /** Every run is audited as a use of its credential's password before it connects. */
  readonly audit: AuditTrail;
  readonly plugins: PluginRegistry;
  readonly settings: () => Settings;
  readonly clock: Clock;
}

export interface TestRequest {
  /** The saved template; with `draft`, the one the draft edits (undefined for a new template). */
  readonly templateId?: number | undefined;
  /** The editor's text, run as it is: checked as Save checks it, no version saved. */
  readonly draft?: TemplateDraftInput | undefined;
  readonly deviceId: number;
  readonly login: { readonly credentialId: number };
  readonly username?: string | undefined;
  readonly additionalInfo?: string | undefined;
  /**
   * The administrator confirmed logging in to this device with a credential of another device.
   * Without it a credential logs in only to its own device (no password tried anywhere else).
   */
  readonly useOnAnotherDevice?: boolean | undefined;
}

/** Hears each state of a run's operation. */
type Progress = (operation: Operation) => void;

/** The template a run runs: a saved version, or a draft (no version; a new one has no id). */
type RunTemplate = Execution['template'];

/** Everything a run needs, resolved and checked before anything is sent to the target. */
interface Prepared {
  readonly pluginId: PluginId;
  readonly deviceId: number;
  readonly credentialId: number;
  /** The credential belongs to another device (the administrator confirmed it). */
  readonly otherDevice: boolean;
  readonly target: TargetEndpoint;
  readonly login: ConnectionLogin;
  readonly loginLabel: string;
  readonly deviceLabel: string;
  readonly username: string;
  readonly additionalInfo: string;
  readonly deviceName: string;
  readonly deviceAddress: string;
  readonly loginDomain: string;
}

/**
 * Runs templates through their plugins and records each run as an operation: "Test on a device"
 * from the template editor, and (with the lifecycle) the JIT steps. Test values are generated:
 * an ephemeral user name when none is given, and a password by the policy.
 */
export class TemplateRunner {
  constructor(private readonly deps: TemplateRunnerDeps) {}

  /** `onProgress` hears each state of the run's operation (the caller's live view). */
  async test(request: TestRequest, actor: string, onProgress?: Progress): Promise<Operation> {
    const template = this.#testSubject(request);
    const prepared = this.#prepare(template.pluginId, request);
    if (template.executionType !== 'New user') this.#refuseKnownAccount(prepared, template.executionType);
    return this.#run(prepared, template, 'test', actor, onProgress);
  }

  /**
   * A test acts on a real account. Never on the one it logs in as: a disable, a deletion or a
   * password change would lock the test's own credential out. And a Password change never on an
   * account a stored credential of the device holds: it sets a generated password that is neither
   * stored nor shown (a test as root changed the server's root password to one nobody knew).
   * Enable and disable tests on a stored account are what a JIT Enable/Disable credential needs.
   */
  #refuseKnownAccount(prepared: Prepared, type: ExecutionType): void {
    const same = (name: string) => name.trim().toLowerCase() === prepared.username.toLowerCase();
    const holder = same(prepared.login.username)
      ? prepared.loginLabel
      : type !== 'Password change'
        ? undefined
        : this.deps.inventory.credentials
            .exportRows()
            .filter((row) => row.deviceId === prepared.deviceId && same(row.username))
            .map((row) => `${row.username} @ ${prepared.deviceName}`)[0];
    if (holder === undefined) return;
    const what = same(prepared.login.username)
      ? 'the test logs in as it, and would lock that credential out'
      : 'a Password change test would set a generated password on it that is neither stored nor shown';
    throw new ServiceError(
      'invalid_input',
      `${prepared.username} is the account of the stored credential ${holder}: ${what}. Test on an account made for it, or leave Account empty.`,
      'username',
    );
  }

  /**
   * What a test runs: the saved template, or the editor's draft. A draft is checked exactly as
   * Save checks it (the contract parsed it with Save's schema; the tag and plugin syntax checks
   * follow here) before anything is sent, and runs without a version (its operation keeps the text).
   */
  #testSubject(request: TestRequest): RunTemplate & { pluginId: PluginId; executionType: ExecutionType } {
    const { draft, templateId } = request;
    if (draft === undefined) {
      if (templateId === undefined)
        throw new ServiceError('invalid_input', 'Choose a template to test', 'templateId');
      return this.deps.inventory.templates.get(templateId);
    }
    const edited = templateId === undefined ? undefined : this.deps.inventory.templates.get(templateId);
    try {
      this.deps.inventory.templates.checkDraft(draft.pluginId, draft.content);
    } catch (error) {
      // Said as Save says it: the problem belongs to the draft's content, not to the test's form.
      if (error instanceof ServiceError)
        throw new ServiceError(error.code, error.message, `draft.${error.field ?? 'content'}`);
      throw error;
    }
    return {
      id: edited?.id ?? null,
      name: draft.name.trim(),
      version: null,
      content: draft.content,
      pluginId: draft.pluginId,
      executionType: draft.executionType,
    };
  }

  /**
   * A JIT pair's round trip: create (or enable), verify, delete (or disable), verify. The second
   * template runs even when the verification fails, so nothing is left behind on the target.
   */
  async roundTrip(
    request: Omit<TestRequest, 'templateId'> & { firstTemplateId: number; secondTemplateId: number },
    actor: string,
    onProgress?: Progress,
  ): Promise<{ ok: boolean; operations: Operation[]; summary: string }> {
    const first = this.deps.inventory.templates.get(request.firstTemplateId);
    const second = this.deps.inventory.templates.get(request.secondTemplateId);
    if (first.pluginId !== second.pluginId) {
      throw new ServiceError(
        'invalid_input',
        'Both templates must belong to the same plugin',
        'secondTemplateId',
      );
    }
    const pair = jitPairOf(first.executionType, second.executionType);
    if (!pair) {
      throw new ServiceError(
        'invalid_input',
        'Choose a New user + User delete pair, or a Credential enable + Credential disable pair',
        'secondTemplateId',
      );
    }
    const prepared = this.#prepare(first.pluginId, request);
    const runtime = this.#runtime(first.pluginId);
    const exists = () =>
      runtime.accountExists({ target: prepared.target, login: prepared.login, username: prepared.username });

    const operations: Operation[] = [];
    const notes: string[] = [];
    const firstOp = await this.#run(prepared, first, 'test', actor, onProgress);
    operations.push(firstOp);
    let ok = firstOp.status === 'Successful';
    if (!ok) notes.push(`${first.name} ended ${firstOp.status}`);
    if (ok) {
      const present = await exists().catch(() => false);
      notes.push(`after ${first.name}: account ${present ? 'exists' : 'MISSING'}`);
      ok = present;
    }
    const secondOp = await this.#run(prepared, second, 'test', actor, onProgress);
    operations.push(secondOp);
    ok = ok && secondOp.status === 'Successful';
    if (secondOp.status !== 'Successful') notes.push(`${second.name} ended ${secondOp.status}`);
    if (secondOp.status === 'Successful') {
      const present = await exists().catch(() => true);
      const expected = pair === 'create_delete' ? false : true;
      notes.push(`after ${second.name}: account ${present ? 'exists' : 'is gone'}`);
      ok = ok && present === expected;
    }
    const summary = `${ok ? 'Round trip passed' : 'Round trip FAILED'} for ${prepared.username}: ${notes.join('; ')}`;
    return { ok, operations, summary };
  }

  #runtime(pluginId: PluginId) {
    const runtime = this.deps.plugins.get(pluginId);
    if (!runtime)
      throw new ServiceError(
        'invalid_input',
        `${findPlugin(pluginId)?.name ?? pluginId} is not available in this build`,
      );
    return runtime;
  }

  #prepare(pluginId: PluginId, request: Omit<TestRequest, 'templateId'>): Prepared {
    const plugin = findPlugin(pluginId);
    if (!plugin?.available)
      throw new ServiceError('invalid_input', `${plugin?.name ?? pluginId} is not available in this build`);
    const device = this.deps.inventory.devices.get(request.deviceId);
    const { credential, login, label, otherDevice } = this.deps.inventory.logins.loginFor(
      request.login.credentialId,
      {
        deviceId: device.id,
        useOnAnotherDevice: request.useOnAnotherDevice === true,
        field: 'login.credentialId',
        purpose: 'to run templates',
      },
    );
    const port = pluginPort(device.connectivity, plugin)?.port ?? null;
    if (port === null)
      throw new ServiceError('invalid_input', `${device.name} has no port for ${plugin.name}`, 'deviceId');
    const additionalInfo = request.additionalInfo ?? credential.additionalInfo;
    const given = request.username?.trim() ?? '';
    const username = given === '' ? ephemeralUsername(this.deps.settings().jit.usernamePrefix) : given;
    return {
      pluginId,
      deviceId: device.id,
      credentialId: credential.id,
      otherDevice,
      target: { host: device.address, port },
      // The database is the request's (the Test dialog's field) when it gives one.
      login: { ...withoutDatabase(login), ...(additionalInfo ? { database: additionalInfo } : {}) },
      loginLabel: label,
      deviceLabel: `${device.name} (${device.address})`,
      username,
      additionalInfo,
      deviceName: device.name,
      deviceAddress: device.address,
      loginDomain: credential.domain,
    };
  }

  async #run(
    prepared: Prepared,
    template: RunTemplate,
    kind: Operation['kind'],
    actor: string,
    onProgress: Progress | undefined,
  ): Promise<Operation> {
    this.#runtime(prepared.pluginId);
    const now = this.deps.clock.now();
    const id = randomUUID();
    const settings = this.deps.settings();
    // Durable before anything is sent: a run that cannot be audited does not start.
    await auditSecretUse(this.deps.audit, {
      actor,
      credentialId: prepared.credentialId,
      credentialLabel: prepared.loginLabel,
      deviceLabel: prepared.deviceLabel,
      otherDevice: prepared.otherDevice,
      template,
    });
    const tags = tagValues({
      username: prepared.username,
      newPassword: generatePassword(settings.passwordPolicy),
      currentPassword: generatePassword(settings.passwordPolicy),
      login: {
        username: prepared.login.username,
        password: prepared.login.password ?? '',
        domain: prepared.loginDomain,
      },
      device: { name: prepared.deviceName, address: prepared.deviceAddress },
      additionalInfo: prepared.additionalInfo,
      domain: prepared.loginDomain,
      expiration: new Date(now.getTime() + settings.jit.maxSessionMinutes * 60_000),
      sessionId: `test-${id.slice(0, 8)}`,
      requester: actor,
      custom: {
        credential: this.deps.inventory.credentials.customValues(prepared.credentialId),
        device: this.deps.inventory.devices.customValues(prepared.deviceId),
      },
    });
    return this.deps.executor.execute({
      operationId: id,
      ...(onProgress ? { onProgress } : {}),
      kind,
      pluginId: prepared.pluginId,
      template,
      target: prepared.target,
      login: prepared.login,
      tags,
      deviceId: prepared.deviceId,
      deviceLabel: prepared.deviceLabel,
      account: prepared.username,
      runAs: prepared.loginLabel,
      requester: actor,
      sessionId: null,
    });
  }
}

function withoutDatabase(login: ConnectionLogin): ConnectionLogin {
  const { database: _database, ...rest } = login;
  return rest;
}
