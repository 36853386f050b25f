/**
 * The rules a credential must satisfy to be saved, defined once: the Credential form runs them
 * on the lists it has loaded to show errors beside fields, and the core runs them on its own data
 * before anything is written (the core's verdict is the one that counts).
 */
import { allowsOwnCredential, jitExecutionTypes, jitPairs } from '../jit';
import type { ExecutionType } from '../template';
import type { CredentialFields, CredentialJit, PasswordChange } from '../credential';
import { findPlugin, type PluginId } from '../plugin';
import type { Connectivity } from '../device';

export interface FieldError {
  /** Dotted path in the credential input, e.g. `jit.enableTemplateId`. */
  readonly field: string;
  readonly message: string;
}

/** What the rules need to know about other records. */
export interface RuleContext {
  readonly selfId: number | null;
  /** Whether the credential being saved already has a stored password. */
  readonly selfHasPassword: boolean;
  /** Whether it will have an SSH private key after this save (SSH logs in with it too). */
  readonly selfHasKey?: boolean;
  readonly devices: readonly { id: number; name: string; active: boolean }[];
  readonly credentials: readonly {
    id: number;
    username: string;
    /** For the label `user @ device` in messages. */
    deviceName: string;
    deleted: boolean;
    status: 'Active' | 'Inactive';
    hasPassword: boolean;
    /** An SSH private key is stored. */
    hasKey?: boolean;
  }[];
  readonly templates: readonly {
    id: number;
    name: string;
    pluginId: PluginId;
    executionType: ExecutionType;
    active: boolean;
  }[];
}

type Direction = keyof typeof jitExecutionTypes;
const directionsOf = { enable_disable: ['enable', 'disable'], create_delete: ['create', 'delete'] } as const;
const directionLabels: Record<Direction, string> = {
  enable: 'enable',
  disable: 'disable',
  create: 'creation',
  delete: 'deletion',
};
/**
 * Why the second direction must use the first one's plugin: what one plugin made (an account, a
 * role, an entry) only that plugin can find and undo, by its own protocol and syntax.
 */
const pairings: Record<'disable' | 'delete', { first: 'enable' | 'create'; title: string; reason: string }> =
  {
    disable: {
      first: 'enable',
      title: 'Disable must use the plugin of Enable',
      reason: 'an account one plugin enabled cannot be disabled by another',
    },
    delete: {
      first: 'create',
      title: 'Deletion must use the plugin of Creation',
      reason: 'an account one plugin made cannot be removed by another',
    },
  };

/** A credential as messages name it: `root @ web-01`. */
export const credentialLabel = (c: { username: string; deviceName: string }): string =>
  `${c.username} @ ${c.deviceName}`;

export function checkCredential(
  input: CredentialFields,
  password: PasswordChange,
  ctx: RuleContext,
): FieldError[] {
  const errors: FieldError[] = [];
  const device = ctx.devices.find((d) => d.id === input.deviceId);
  if (!device) errors.push({ field: 'deviceId', message: 'Choose an existing device' });
  else if (!device.active && input.status === 'Active') {
    errors.push({
      field: 'status',
      message: `The device ${device.name} is inactive: the credential must be Inactive`,
    });
  }
  if (input.jit.enabled) errors.push(...checkJit(input.jit, password, ctx));
  return errors;
}

function checkJit(jit: CredentialJit, password: PasswordChange, ctx: RuleContext): FieldError[] {
  const errors: FieldError[] = [];
  if (jit.type === null) return [{ field: 'jit.type', message: 'Choose a Just In Time type' }];

  if (jit.useOwnCredential && !allowsOwnCredential(jit.type)) {
    errors.push({
      field: 'jit.useOwnCredential',
      message:
        'A disabled account cannot enable itself: turn this off and choose an authentication credential',
    });
  }
  if (jit.useOwnCredential) {
    const willHavePassword =
      password.action === 'set' ||
      password.action === 'generate' ||
      (password.action === 'keep' && ctx.selfHasPassword);
    if (!willHavePassword && ctx.selfHasKey !== true) {
      errors.push({
        field: 'jit.useOwnCredential',
        message: 'This credential has no password to connect with',
      });
    }
  } else {
    errors.push(...checkAuthCredential(jit.authCredentialId, ctx));
  }

  for (const direction of directionsOf[jit.type]) {
    errors.push(...checkDirection(jit, direction, ctx));
  }
  return errors;
}

function checkAuthCredential(id: number | null, ctx: RuleContext): FieldError[] {
  const field = 'jit.authCredentialId';
  if (id === null) return [{ field, message: 'Choose the credential that runs the templates' }];
  if (id === ctx.selfId) return [{ field, message: 'Choose another credential, or use own credential' }];
  const auth = ctx.credentials.find((c) => c.id === id);
  if (!auth || auth.deleted) return [{ field, message: 'The authentication credential does not exist' }];
  if (auth.status !== 'Active') return [{ field, message: `${credentialLabel(auth)} is inactive` }];
  if (!auth.hasPassword && auth.hasKey !== true) {
    return [{ field, message: `${credentialLabel(auth)} has no password` }];
  }
  return [];
}

function checkDirection(jit: CredentialJit, direction: Direction, ctx: RuleContext): FieldError[] {
  const pluginKey = `${direction}PluginId` as const;
  const templateKey = `${direction}TemplateId` as const;
  const pluginField = `jit.${pluginKey}`;
  const templateField = `jit.${templateKey}`;
  const pluginId = jit[pluginKey];
  const templateId = jit[templateKey];
  const label = directionLabels[direction];
  if (pluginId === null) return [{ field: pluginField, message: `Choose the ${label} plugin` }];
  const plugin = findPlugin(pluginId);
  if (!plugin?.available)
    return [{ field: pluginField, message: `${plugin?.name ?? pluginId} is not available in this build` }];
  const mismatch = pluginMismatch(jit, direction, pluginId);
  if (mismatch !== undefined) return [{ field: pluginField, message: mismatch }];
  if (templateId === null) return [{ field: templateField, message: `Choose the ${label} template` }];
  const template = ctx.templates.find((t) => t.id === templateId);
  const needed = jitExecutionTypes[direction];
  if (!template) return [{ field: templateField, message: 'The template does not exist' }];
  if (template.pluginId !== pluginId) {
    return [{ field: templateField, message: `${template.name} belongs to another plugin` }];
  }
  if (template.executionType !== needed) {
    return [
      {
        field: templateField,
        message: `${template.name} is a "${template.executionType}" template, not "${needed}"`,
      },
    ];
  }
  if (!template.active) return [{ field: templateField, message: `${template.name} is inactive` }];
  return [];
}

/**
 * The second direction (disable, deletion) on another plugin than the first (enable, creation):
 * the message, or undefined. Said only when the first plugin is a usable choice (otherwise the
 * first direction's own error is the one to fix).
 */
function pluginMismatch(jit: CredentialJit, direction: Direction, pluginId: PluginId): string | undefined {
  if (direction !== 'disable' && direction !== 'delete') return undefined;
  const { first, title, reason } = pairings[direction];
  const firstId = jit[`${first}PluginId`];
  if (firstId === null || firstId === pluginId) return undefined;
  const firstPlugin = findPlugin(firstId);
  if (!firstPlugin?.available) return undefined;
  return `${title} (${firstPlugin.name}): ${reason}`;
}

/** The templates a JIT drop-down may offer for a direction and plugin. */
export function templatesFor<T extends RuleContext['templates'][number]>(
  templates: readonly T[],
  direction: Direction,
  pluginId: PluginId | null,
): T[] {
  const needed = jitExecutionTypes[direction];
  return templates.filter((t) => t.active && t.pluginId === pluginId && t.executionType === needed);
}

/** Ids of the templates and the authentication credential a JIT credential depends on. */
export function jitDependencies(jit: CredentialJit): { templateIds: number[]; credentialIds: number[] } {
  if (!jit.enabled || jit.type === null) return { templateIds: [], credentialIds: [] };
  const templateIds = directionsOf[jit.type]
    .map((d) => jit[`${d}TemplateId` as const])
    .filter((id): id is number => id !== null);
  const credentialIds = !jit.useOwnCredential && jit.authCredentialId !== null ? [jit.authCredentialId] : [];
  return { templateIds, credentialIds };
}

/**
 * What choosing `pluginId` for `direction` changes in the JIT settings, so the form cannot drift
 * into what Save refuses: a template of another plugin goes; a list of exactly one matching
 * template selects it; and the first direction (enable, creation) fills the second (disable,
 * deletion) with the same plugin, since only the plugin that made an account can undo it.
 */
export function choosePlugin(
  jit: CredentialJit,
  direction: Direction,
  pluginId: PluginId | null,
  templates: RuleContext['templates'],
): Partial<CredentialJit> {
  const patch: Partial<CredentialJit> = {};
  const pick = (d: Direction) => {
    const current = jit[`${d}TemplateId`];
    const offered = templatesFor(templates, d, pluginId);
    const [only] = offered;
    const keep = current !== null && offered.some((t) => t.id === current);
    patch[`${d}PluginId`] = pluginId;
    patch[`${d}TemplateId`] = keep ? current : offered.length === 1 && only ? only.id : null;
  };
  pick(direction);
  const pair = Object.values(jitPairs).find((p) => p.provision === direction);
  if (pair && pluginId !== null) pick(pair.cleanup);
  return patch;
}

/** What the Authentication credential warning needs to know of a device. */
interface DeviceView {
  readonly id: number;
  readonly name: string;
  readonly connectivity: readonly Connectivity[];
}

/**
 * Warnings (not errors: Save accepts them, a domain administrator may live on another device)
 * about the chosen Authentication credential: it belongs to another device than the one the
 * templates run on, or its device lists ports but none of a chosen plugin's protocol (is it an
 * account of that system at all?). An empty connectivity table says nothing, so it warns nothing.
 */
export function authCredentialWarnings(
  auth: { readonly username: string; readonly deviceId: number; readonly deviceName: string } | undefined,
  deviceId: number | null,
  pluginIds: readonly (PluginId | null)[],
  devices: readonly DeviceView[],
): string[] {
  if (!auth) return [];
  const warnings: string[] = [];
  const own = devices.find((d) => d.id === deviceId);
  if (own && auth.deviceId !== own.id) {
    warnings.push(
      `${credentialLabel(auth)} belongs to another device: the templates run on ${own.name}, logged in as ${auth.username}`,
    );
  }
  const authDevice = devices.find((d) => d.id === auth.deviceId);
  if (authDevice && authDevice.connectivity.length > 0) {
    const protocols = new Set(authDevice.connectivity.map((c) => c.protocol));
    const missing = new Set<string>();
    for (const id of pluginIds) {
      const plugin = id === null ? undefined : findPlugin(id);
      if (plugin?.protocol && !protocols.has(plugin.protocol)) missing.add(plugin.protocol);
    }
    for (const protocol of missing) {
      warnings.push(`${authDevice.name} has no ${protocol} port: is ${auth.username} a ${protocol} account?`);
    }
  }
  return warnings;
}
