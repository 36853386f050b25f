import type { z } from 'zod';
import {
  bundleBuiltInTemplateSchema,
  bundleCredentialSchema,
  bundleDeviceSchema,
  bundleFormat,
  bundleSchema,
  bundleSecretsSchema,
  bundleTemplateSchema,
  bundleVersion,
  bundleVersions,
  type BundleBuiltInTemplate,
  type BundleCredential,
  type BundleDevice,
  type BundleSecrets,
  type BundleTemplate,
  type BundleVersion,
} from '../../../shared/domain/bundle';
import { bundleTooLargeMessage, maxBundleChars } from '../../../shared/contract/transfer';
import { locateJsonError } from './json-error-place';
import { itemPath, type ProblemList } from './problems';

/** One item of a section: its value when it passed its schema, its ref when it had a usable one. */
export interface ParsedItem<T> {
  readonly index: number;
  readonly path: string;
  readonly ref: string | undefined;
  readonly value: T | undefined;
}

export interface ParsedBundle {
  /** Which version wrote it: version 1 secrets hold passwords only, under another binding. */
  readonly version: BundleVersion;
  readonly devices: readonly ParsedItem<BundleDevice>[];
  readonly templates: readonly ParsedItem<BundleTemplate>[];
  readonly builtInTemplates: readonly ParsedItem<BundleBuiltInTemplate>[];
  readonly credentials: readonly ParsedItem<BundleCredential>[];
  /** null: the bundle carries no secrets; undefined: it does, but `secrets` is malformed. */
  readonly secrets: BundleSecrets | null | undefined;
}

/**
 * The file's text to items, each checked against its schema on its own so that every broken item
 * is reported. Returns undefined when the file is not a bundle of this version at all (not JSON,
 * another format): then further checks would only add noise.
 */
export function parseBundle(content: string, problems: ProblemList): ParsedBundle | undefined {
  // The contract bounds it already; the bound is repeated for callers that do not pass through it.
  if (content.length > maxBundleChars) {
    problems.add('', bundleTooLargeMessage);
    return undefined;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch {
    const place = locateJsonError(content);
    problems.add('', `Not valid JSON at line ${place.line}, column ${place.column}: ${place.message}`);
    return undefined;
  }
  if (!isObject(raw)) {
    problems.add('', 'Not a bundle: the file must hold one JSON object');
    return undefined;
  }
  if (raw.format !== bundleFormat) {
    problems.add('format', `Not a JIT PAM bundle: "format" must be "${bundleFormat}"`);
    return undefined;
  }
  if (!bundleVersions.some((v) => v === raw.version)) {
    const { version } = raw;
    problems.add(
      'version',
      typeof version === 'number' && version > bundleVersion
        ? `Made by a newer version of the app (bundle version ${version}); this one reads version ${bundleVersion}`
        : `Unsupported bundle version: this app reads versions ${bundleVersions.join(' and ')}`,
    );
    return undefined;
  }
  const outer = bundleSchema.safeParse(raw);
  if (!outer.success) {
    problems.addZod('', outer.error);
    return undefined;
  }
  const bundle = outer.data;
  return {
    version: bundle.version,
    devices: parseItems('devices', bundle.devices, bundleDeviceSchema, problems),
    templates: parseItems('templates', bundle.templates, bundleTemplateSchema, problems),
    builtInTemplates: parseItems(
      'builtInTemplates',
      bundle.builtInTemplates,
      bundleBuiltInTemplateSchema,
      problems,
    ),
    credentials: parseItems('credentials', bundle.credentials, bundleCredentialSchema, problems),
    secrets: parseSecrets(bundle.secrets, problems),
  };
}

function parseItems<S extends z.ZodType>(
  section: string,
  items: readonly unknown[],
  schema: S,
  problems: ProblemList,
): ParsedItem<z.output<S>>[] {
  return items.map((item, index) => {
    const path = itemPath(section, index);
    const parsed = schema.safeParse(item);
    if (!parsed.success) problems.addZod(path, parsed.error);
    // An item that fails its schema still holds its ref, so that what points at it is not also
    // reported as pointing nowhere.
    const ref = isObject(item) && typeof item.ref === 'string' && item.ref !== '' ? item.ref : undefined;
    return { index, path, ref, value: parsed.success ? parsed.data : undefined };
  });
}

function parseSecrets(secrets: unknown, problems: ProblemList): BundleSecrets | null | undefined {
  if (secrets === undefined || secrets === null) return null;
  const parsed = bundleSecretsSchema.safeParse(secrets);
  if (parsed.success) return parsed.data;
  problems.addZod('secrets', parsed.error);
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
