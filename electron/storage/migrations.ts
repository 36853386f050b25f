/**
 * Ordered migrations of the configuration document. Each raises `schemaVersion` by one; never edit
 * a released migration, add the next one. `up` receives the document of the previous version.
 */
export interface Migration {
  readonly version: number;
  readonly description: string;
  up(document: Record<string, unknown>): Record<string, unknown>;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'Initial layout: settings',
    up: (document) => document,
  },
];

export const latestSchemaVersion = migrations.at(-1)?.version ?? 0;
