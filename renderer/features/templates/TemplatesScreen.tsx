import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { pluginCatalogue } from '../../../shared/domain/plugin';
import type { Template } from '../../../shared/domain/template';
import { usePluginsStore } from '../../stores/plugins-store';
import { useTemplatesStore } from '../../stores/templates-store';
import { ConfirmDeleteDialog } from '../common/ConfirmDeleteDialog';
import { announceDeleted } from '../common/save-toast';
import { LoadErrorAlert } from '../common/LoadErrorAlert';
import { cloneDraft, toDraft, type TemplateDraft } from './template-draft';
import { TemplateFilters, type TemplateFilter } from './TemplateFilters';
import { ImportTemplatesDialog } from './ImportTemplatesDialog';
import { TemplatesGrid } from './TemplatesGrid';

// The editor is the heaviest part of the screen and is only needed once a template is opened.
const TemplateEditor = lazy(async () => ({ default: (await import('./TemplateEditor')).TemplateEditor }));

/** An unsaved copy the editor opens with (Clone); `seq` tells two copies of the same source apart. */
interface CloneOf {
  readonly source: Template;
  readonly draft: TemplateDraft;
  readonly seq: number;
}

type Open =
  | { kind: 'none' }
  | { kind: 'editor'; template: Template | undefined; cloneOf?: CloneOf }
  | { kind: 'delete'; template: Template };

/** Executions > Templates: the list with its filters, and the Template editor. */
export function TemplatesScreen() {
  const templates = useTemplatesStore((s) => s.templates);
  const loading = useTemplatesStore((s) => s.loading);
  const loadError = useTemplatesStore((s) => s.loadError);
  const load = useTemplatesStore((s) => s.load);
  const remove = useTemplatesStore((s) => s.remove);
  const storePlugins = usePluginsStore((s) => s.plugins);
  const ensurePlugins = usePluginsStore((s) => s.ensureLoaded);
  const [filter, setFilter] = useState<TemplateFilter>({ pluginId: '', executionType: '' });
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const [actionError, setActionError] = useState<string | undefined>();
  const [importing, setImporting] = useState(false);
  const [cloneSeq, setCloneSeq] = useState(0);

  useEffect(() => {
    void load();
    void ensurePlugins();
  }, [load, ensurePlugins]);

  const plugins = storePlugins.length > 0 ? storePlugins : pluginCatalogue;
  const pluginName = (id: string) => plugins.find((p) => p.id === id)?.name ?? id;
  const shown = useMemo(
    () =>
      templates.filter(
        (t) =>
          (filter.pluginId === '' || t.pluginId === filter.pluginId) &&
          (filter.executionType === '' || t.executionType === filter.executionType),
      ),
    [templates, filter],
  );

  // The editor follows the stored template, so its version history sees saves made elsewhere.
  const editing =
    open.kind === 'editor' && open.template
      ? (templates.find((t) => t.id === open.template?.id) ?? open.template)
      : undefined;

  // Clone saves nothing: the editor opens on a copy, and only its Save creates the template.
  const openClone = (source: Template, draft: TemplateDraft) => {
    setActionError(undefined);
    const seq = cloneSeq + 1;
    setCloneSeq(seq);
    setOpen({
      kind: 'editor',
      template: undefined,
      cloneOf: { source, draft: cloneDraft(draft, source.name, templates), seq },
    });
  };
  const cloneOf = open.kind === 'editor' ? open.cloneOf : undefined;

  return (
    <Stack spacing={2} sx={{ height: '100%', minHeight: 420 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="h1" sx={{ flexGrow: 1 }}>
          Templates
        </Typography>
        <Button variant="outlined" onClick={() => setImporting(true)}>
          Import templates
        </Button>
        <Button variant="contained" onClick={() => setOpen({ kind: 'editor', template: undefined })}>
          + New template
        </Button>
      </Stack>
      <TemplateFilters filter={filter} plugins={plugins} onChange={setFilter} />
      <LoadErrorAlert what="the templates" message={loadError} onRetry={() => void load()} />
      {actionError !== undefined && (
        <Alert severity="error" onClose={() => setActionError(undefined)}>
          {actionError}
        </Alert>
      )}
      <Box sx={{ flex: 1, minHeight: 0 }}>
        <TemplatesGrid
          templates={shown}
          loading={loading}
          pluginName={pluginName}
          onOpen={(template) => setOpen({ kind: 'editor', template })}
          onClone={(template) => openClone(template, toDraft(template))}
          onDelete={(template) => setOpen({ kind: 'delete', template })}
        />
      </Box>
      {open.kind === 'editor' && (
        <Suspense fallback={null}>
          <TemplateEditor
            key={editing?.id ?? (cloneOf ? `clone-${cloneOf.seq}` : 'new')}
            template={editing}
            cloneOf={cloneOf}
            onClose={() => setOpen({ kind: 'none' })}
            onOpen={(template) => setOpen({ kind: 'editor', template })}
            onClone={openClone}
          />
        </Suspense>
      )}
      {open.kind === 'delete' && (
        <ConfirmDeleteDialog
          title="Delete template"
          question={`Delete ${open.template.name} and its version history? A template that credentials use cannot be deleted.`}
          onConfirm={() => remove(open.template.id)}
          onClose={() => setOpen({ kind: 'none' })}
          onDeleted={() => {
            announceDeleted(open.template.name);
            setOpen({ kind: 'none' });
          }}
        />
      )}
      {importing && <ImportTemplatesDialog onClose={() => setImporting(false)} />}
    </Stack>
  );
}
