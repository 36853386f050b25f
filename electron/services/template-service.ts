import { findPlugin, type PluginId } from '../../shared/domain/plugin';
import {
  copyName,
  emptyTemplateMessage,
  isPlaceholderText,
  type Template,
  type TemplateVersion,
} from '../../shared/domain/template';
import type { AuditEvent, AuditTrail } from '../audit/audit-trail';
import type { EventBus } from '../platform/event-bus';
import type { Clock } from '../platform/clock';
import type { PluginBuiltInTemplate } from '../plugins/builtin-template';
import type { EntityTable, Row } from '../storage/entity-table';
import type { ChangeWriter, TableChange } from './change-journal';
import { bounded } from '../../shared/domain/audit-changes';
import { templateChanges } from '../../shared/domain/template-changes';
import { changedFields } from './changed-fields';
import { nameList, type TemplateCredentialLinks } from './links';
import { compareNames, nameKey } from './names';
import { notFound, ServiceError } from './service-error';
import {
  templateFieldNames,
  type StoredTemplate,
  type TemplateFields,
  type TemplateVersionsRow,
} from './stored-records';
import {
  problemMessage,
  templateErrors,
  templateProblems,
  type SyntaxCheck,
  type TemplateProblem,
} from './template-checks';
import type { PreparedImport } from './transfer/prepared-import';
import { WriteQueue } from './write-queue';

export interface TemplateServiceDeps {
  readonly table: EntityTable<StoredTemplate>;
  readonly versions: EntityTable<TemplateVersionsRow>;
  readonly credentials: TemplateCredentialLinks;
  readonly audit: AuditTrail;
  readonly events: Pick<EventBus, 'emit'>;
  readonly clock: Clock;
  /** Writes each change with its audit entries, all or nothing across a crash. */
  readonly changes: ChangeWriter;
  readonly queue?: WriteQueue;
  /** The plugins' syntax check, once they exist; tags are always checked. */
  readonly syntaxCheck?: SyntaxCheck;
}

export const builtInReadOnly = 'Built-in templates are read-only: Clone to edit';

/** What makes a new version. `active` does not: switching a template off is not an edit of it. */
const versionedFields = ['name', 'pluginId', 'executionType', 'description', 'content'] as const;
const maxNameLength = 128;

/**
 * Execution templates. Every change of an existing template's text makes a new version and the old
 * ones stay readable (operations record the version they ran, so versions outlive a deletion).
 * A template a JIT credential relies on cannot be switched off, deleted, or moved to another plugin
 * or execution type: the credential would break silently at its next session.
 */
export class TemplateService {
  readonly #queue: WriteQueue;

  constructor(private readonly deps: TemplateServiceDeps) {
    this.#queue = deps.queue ?? new WriteQueue();
  }

  list(): Template[] {
    return [...this.deps.table.all()].sort((a, b) => compareNames(a.name, b.name) || a.id - b.id);
  }

  get(id: number): Template {
    return this.#require(id);
  }

  /** Newest first. Also answers for a deleted template whose versions are kept. */
  versions(id: number): TemplateVersion[] {
    const row = this.deps.versions.get(id);
    if (!row) throw notFound('Template', id);
    return [...row.versions].sort((a, b) => b.version - a.version);
  }

  check(pluginId: PluginId, content: string): TemplateProblem[] {
    return templateProblems(pluginId, content, this.deps.syntaxCheck);
  }

  /**
   * Refuses a draft (Test on a device of unsaved text) that Save would refuse: the plugin must be
   * available and the text pass the same tag and syntax checks. The caller has parsed it with the
   * same schema as Save's input.
   */
  checkDraft(pluginId: PluginId, content: string): void {
    this.#checkPlugin(pluginId);
    this.#checkContent(pluginId, content);
  }

  /**
   * `origin`, for a new template's audit entry: the template it began as an unsaved copy of in the
   * editor (`clonedFrom`), or the library file it was imported from (`importedFrom`).
   */
  save(
    id: number | undefined,
    input: TemplateFields,
    actor: string,
    origin?: { readonly clonedFrom: number } | { readonly importedFrom: string },
  ): Promise<Template> {
    const clonedFrom = origin && 'clonedFrom' in origin ? origin.clonedFrom : undefined;
    return this.#queue.run(async () => {
      const existing = id === undefined ? undefined : this.#require(id);
      const source =
        id === undefined && clonedFrom !== undefined ? this.deps.table.get(clonedFrom) : undefined;
      if (existing?.builtIn) throw new ServiceError('conflict', builtInReadOnly);
      if (existing?.pluginId !== input.pluginId) this.#checkPlugin(input.pluginId);
      this.#checkContent(input.pluginId, input.content);
      // Every path in (the editor, a clone, an import, a bundle) meets the same rule.
      if (input.active && isPlaceholderText(input.pluginId, input.content))
        throw new ServiceError('invalid_input', emptyTemplateMessage, 'content');
      this.#checkUniqueName(input.name, input.pluginId, id);
      if (existing) this.#checkNotBrokenForUsers(existing, input);

      const now = this.deps.clock.now().toISOString();
      if (!existing) {
        const row = this.#newRow({ ...input, builtIn: false, builtInKey: null }, now);
        await this.#commit(
          this.#write(row, true, now, actor),
          this.#event(
            actor,
            'create',
            row,
            templateFieldNames,
            source
              ? `Version 1, cloned from ${source.name} (version ${source.version})`
              : origin && 'importedFrom' in origin
                ? `Version 1, imported from ${origin.importedFrom}`
                : 'Version 1',
          ),
        );
        this.#changed(row.id);
        return row;
      }
      const fields = changedFields(existing, { ...existing, ...input }, templateFieldNames);
      if (fields.length === 0) return existing;
      const newVersion = versionedFields.some((f) => fields.includes(f));
      const row: StoredTemplate = {
        ...existing,
        ...input,
        version: newVersion ? existing.version + 1 : existing.version,
        updatedAt: now,
      };
      const action = existing.active === row.active ? 'update' : row.active ? 'activate' : 'deactivate';
      await this.#commit(this.#write(row, newVersion, now, actor), {
        ...this.#event(actor, action, row, fields, `Version ${row.version}`),
        changes: bounded(templateChanges(existing, row)),
      });
      this.#changed(row.id);
      return row;
    });
  }

  /** A copy, editable even when the original is built in; "Copy of X" unless named. */
  clone(id: number, name: string | undefined, actor: string): Promise<Template> {
    return this.#queue.run(async () => {
      const source = this.#require(id);
      this.#checkPlugin(source.pluginId);
      const wanted = name?.trim();
      const cloneName = wanted === undefined || wanted === '' ? this.#copyName(source) : wanted;
      this.#checkUniqueName(cloneName, source.pluginId, undefined);
      const { pluginId, executionType, active, description, content } = source;
      const fields = { name: cloneName, pluginId, executionType, active, description, content };
      const now = this.deps.clock.now().toISOString();
      const row = this.#newRow({ ...fields, builtIn: false, builtInKey: null }, now);
      await this.#commit(
        this.#write(row, true, now, actor),
        this.#event(
          actor,
          'create',
          row,
          templateFieldNames,
          `Cloned from ${source.name} (version ${source.version})`,
        ),
      );
      this.#changed(row.id);
      return row;
    });
  }

  delete(id: number, actor: string): Promise<{ id: number }> {
    return this.#queue.run(async () => {
      const row = this.#require(id);
      if (row.builtIn) throw new ServiceError('conflict', builtInReadOnly);
      this.#refuseIfUsed(id);
      await this.#commit(
        [{ name: 'templates', table: this.#table, remove: [id] }],
        this.#event(actor, 'delete', row, [], `Last version ${row.version}`),
      );
      this.#changed(id);
      return { id };
    });
  }

  /**
   * Adds the app's built-in templates that are missing, and brings changed ones up to date as a new
   * version (a newer build may improve a built-in), matched by their stable key. A built-in whose
   * name a user's template already has gets " (built-in)" added. Returns the ids created or updated.
   */
  installBuiltIns(definitions: readonly PluginBuiltInTemplate[], actor = 'system'): Promise<number[]> {
    return this.#queue.run(async () => {
      const touched: number[] = [];
      const now = this.deps.clock.now().toISOString();
      for (const { key, ...def } of definitions) {
        const existing = [...this.deps.table.all()].find((t) => t.builtIn && t.builtInKey === key);
        const fields: TemplateFields = {
          ...def,
          name: this.#builtInName(def, existing?.id),
          active: existing?.active ?? true,
        };
        if (!existing) {
          const row = this.#newRow({ ...fields, builtIn: true, builtInKey: key }, now);
          await this.#commit(
            this.#write(row, true, now, actor),
            this.#event(actor, 'create', row, templateFieldNames, 'Built-in template, version 1'),
          );
          touched.push(row.id);
          continue;
        }
        const changed = changedFields(existing, { ...existing, ...fields }, templateFieldNames);
        if (changed.length === 0) continue;
        const row: StoredTemplate = { ...existing, ...fields, version: existing.version + 1, updatedAt: now };
        await this.#commit(this.#write(row, true, now, actor), {
          ...this.#event(actor, 'update', row, changed, `Built-in template, version ${row.version}`),
          changes: bounded(templateChanges(existing, row)),
        });
        touched.push(row.id);
      }
      if (touched.length > 0) this.deps.events.emit('templates.changed', { ids: touched });
      return touched;
    });
  }

  /** Every stored template by id, built-ins with their stable keys (export, import checks). */
  rows(): StoredTemplate[] {
    return [...this.deps.table.all()].sort((a, b) => a.id - b.id);
  }

  /** Ids for the templates an import is about to insert (unused ones are skipped, never reused). */
  reserveIds(count: number): number[] {
    return Array.from({ length: count }, () => this.deps.table.allocateId());
  }

  /**
   * Import: the rows of templates the caller has already checked as part of a whole bundle
   * (plugin, content and names included), each at version 1, as user templates, with their first
   * versions, for the caller to write in its one change, without an audit entry each (the import
   * is audited once).
   */
  prepareImport(items: readonly { id: number; fields: TemplateFields }[], actor: string): PreparedImport {
    const now = this.deps.clock.now().toISOString();
    const rows: StoredTemplate[] = items.map(({ id, fields }) => ({
      ...fields,
      id,
      version: 1,
      builtIn: false,
      builtInKey: null,
      createdAt: now,
      updatedAt: now,
    }));
    const versions: TemplateVersionsRow[] = rows.map((row) => ({
      id: row.id,
      versions: [
        {
          version: 1,
          name: row.name,
          content: row.content,
          description: row.description,
          savedAt: now,
          savedBy: actor,
        },
      ],
    }));
    return {
      tables:
        rows.length === 0
          ? []
          : [
              { name: 'templates', table: this.#table, put: rows },
              { name: 'templateVersions', table: this.#versions, put: versions },
            ],
      applied: () => {
        if (rows.length > 0) this.deps.events.emit('templates.changed', { ids: rows.map((r) => r.id) });
      },
    };
  }

  #builtInName(def: Omit<PluginBuiltInTemplate, 'key'>, selfId: number | undefined): string {
    const key = nameKey(def.name);
    const taken = [...this.deps.table.all()].some(
      (t) => t.id !== selfId && t.pluginId === def.pluginId && nameKey(t.name) === key,
    );
    return taken ? `${def.name} (built-in)`.slice(0, maxNameLength) : def.name;
  }

  #newRow(
    fields: TemplateFields & Pick<StoredTemplate, 'builtIn' | 'builtInKey'>,
    now: string,
  ): StoredTemplate {
    return { ...fields, id: this.deps.table.allocateId(), version: 1, createdAt: now, updatedAt: now };
  }

  /** The row and its new version: one change, written in the same turn (one file write). */
  #write(row: StoredTemplate, newVersion: boolean, now: string, actor: string): TableChange[] {
    const tables: TableChange[] = [{ name: 'templates', table: this.#table, put: [row] }];
    if (newVersion) {
      const version: TemplateVersion = {
        version: row.version,
        name: row.name,
        content: row.content,
        description: row.description,
        savedAt: now,
        savedBy: actor,
      };
      const kept = this.deps.versions.get(row.id)?.versions ?? [];
      const versions: TemplateVersionsRow = { id: row.id, versions: [...kept, version] };
      tables.push({ name: 'templateVersions', table: this.#versions, put: [versions] });
    }
    return tables;
  }

  get #table(): EntityTable<Row> {
    return this.deps.table;
  }

  get #versions(): EntityTable<Row> {
    return this.deps.versions;
  }

  #commit(tables: TableChange[], event: AuditEvent): Promise<void> {
    return this.deps.changes.commit({ tables, audit: [event] }, this.deps.audit);
  }

  #require(id: number): StoredTemplate {
    const row = this.deps.table.get(id);
    if (!row) throw notFound('Template', id);
    return row;
  }

  #checkPlugin(pluginId: PluginId): void {
    const plugin = findPlugin(pluginId);
    if (!plugin?.available) {
      throw new ServiceError(
        'invalid_input',
        `${plugin?.name ?? pluginId} is not available in this build`,
        'pluginId',
      );
    }
  }

  #checkContent(pluginId: PluginId, content: string): void {
    const problems = templateErrors(this.check(pluginId, content));
    if (problems.length > 0) throw new ServiceError('invalid_input', problemMessage(problems), 'content');
  }

  #checkUniqueName(name: string, pluginId: PluginId, selfId: number | undefined): void {
    const key = nameKey(name);
    for (const other of this.deps.table.all()) {
      if (other.id !== selfId && other.pluginId === pluginId && nameKey(other.name) === key) {
        const plugin = findPlugin(pluginId)?.name ?? pluginId;
        throw new ServiceError('conflict', `A ${plugin} template named ${other.name} already exists`, 'name');
      }
    }
  }

  /** Switching off, or changing what kind of template it is, would break its JIT credentials. */
  #checkNotBrokenForUsers(existing: StoredTemplate, input: TemplateFields): void {
    const field =
      existing.active && !input.active
        ? 'active'
        : existing.pluginId !== input.pluginId
          ? 'pluginId'
          : existing.executionType !== input.executionType
            ? 'executionType'
            : undefined;
    if (field !== undefined) this.#refuseIfUsed(existing.id, field);
  }

  #refuseIfUsed(id: number, field?: string): void {
    const users = this.deps.credentials.usersOfTemplate(id);
    if (users.length > 0)
      throw new ServiceError('conflict', `In use by JIT credentials: ${nameList(users)}`, field);
  }

  #copyName(source: StoredTemplate): string {
    const taken = [...this.deps.table.all()].filter((t) => t.pluginId === source.pluginId).map((t) => t.name);
    return copyName(source.name, taken);
  }

  #changed(id: number): void {
    this.deps.events.emit('templates.changed', { ids: [id] });
  }

  #event(
    actor: string,
    action: 'create' | 'update' | 'delete' | 'activate' | 'deactivate',
    row: StoredTemplate,
    fields: readonly string[],
    detail: string,
  ): AuditEvent {
    return {
      actor,
      action,
      entity: 'template',
      entityId: row.id,
      label: row.name,
      fields: [...fields],
      detail,
    };
  }
}
