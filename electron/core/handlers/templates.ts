import type { templatesMethods } from '../../../shared/contract/templates';
import { inside, toResult } from '../../services/service-error';
import type { TemplateLibraryImport } from '../../services/template-library-import';
import type { TemplateService } from '../../services/template-service';
import type { DomainHandlers } from '../handler-types';

/** Thin: the service checks, versions, audits and emits `templates.changed`. */
export const templatesHandlers = (
  templates: TemplateService,
  library: TemplateLibraryImport,
): DomainHandlers<typeof templatesMethods> => ({
  'templates.list': () => toResult(() => templates.list()),
  'templates.get': ({ id }) => toResult(() => templates.get(id)),
  'templates.versions': ({ id }) => toResult(() => templates.versions(id)),
  'templates.save': ({ id, template, clonedFrom }, ctx) =>
    toResult(
      () => templates.save(id, template, ctx.actor, clonedFrom === undefined ? undefined : { clonedFrom }),
      inside('template'),
    ),
  'templates.clone': ({ id, name }, ctx) => toResult(() => templates.clone(id, name, ctx.actor)),
  'templates.delete': ({ id }, ctx) => toResult(() => templates.delete(id, ctx.actor)),
  'templates.check': ({ pluginId, content }) => toResult(() => templates.check(pluginId, content)),
  'templates.importLibrary': ({ files, otherType }, ctx) =>
    toResult(() => library.importFiles(files, otherType, ctx.actor)),
});
