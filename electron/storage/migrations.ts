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
  {
    version: 2,
    description:
      'Credentials move from credentials.json into credentials/ids-<first>-<last>.json ' +
      '(storage/ranged-table-loader.ts moves them). Every store is marked, so a version of the ' +
      'app from before the move refuses the data directory instead of starting without credentials.',
    up: (document) => document,
  },
];

export const latestSchemaVersion = migrations.at(-1)?.version ?? 0;
