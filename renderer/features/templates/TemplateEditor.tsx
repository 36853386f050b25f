import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { lazy, Suspense, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { pluginCatalogue } from '../../../shared/domain/plugin';
import type { Template } from '../../../shared/domain/template';
import { usePluginsStore } from '../../stores/plugins-store';
import { useTemplatesStore, type TemplateProblem } from '../../stores/templates-store';
import { announceSaved } from '../common/save-toast';
import { FormDialog } from '../common/FormDialog';
import { placeFailure } from '../devices/form-failure';
import { CheckResults, type CheckState } from './CheckResults';
import { ContentField } from './ContentField';
import { EditorSidePanel } from './EditorSidePanel';
import {
  emptyDraft,
  fromDraft,
  isDirty,
  sameDraft,
  slotFor,
  toDraft,
  type TemplateDraft,
  type TemplateErrors,
} from './template-draft';
import { TemplateFields } from './TemplateFields';

// Only needed once the user asks for a test.
const TestOnDeviceDialog = lazy(async () => ({
  default: (await import('./TestOnDeviceDialog')).TestOnDeviceDialog,
}));

export interface TemplateEditorProps {
  /** The template to edit (or view, for a built-in), or undefined for a new one. */
  template: Template | undefined;
  onClose: () => void;
  /** An unsaved copy of another template to start from (Clone); with `template` undefined. */
  cloneOf?: { readonly source: Template; readonly draft: TemplateDraft } | undefined;
  /** Switches the editor to another template: the new one its first Save created. */
  onOpen: (template: Template) => void;
  /** Opens an unsaved copy of what the editor shows. */
  onClone: (source: Template, draft: TemplateDraft) => void;
}

const noProblems: readonly TemplateProblem[] = [];

export const readOnlyNote = 'Built-in templates are read-only: Clone to edit';

/**
 * The Template editor: fields, monospace content with a live tag check, the tag legend, syntax
 * help, the core's Check, version history, Clone, and Test on a device (saved templates, built-ins
 * included). Built-ins open read-only.
 */
export function TemplateEditor({ template, cloneOf, onClose, onOpen, onClone }: TemplateEditorProps) {
  const save = useTemplatesStore((s) => s.save);
  const runCheck = useTemplatesStore((s) => s.check);
  const storePlugins = usePluginsStore((s) => s.plugins);
  const readOnly = template?.builtIn ?? false;
  // What the editor loaded (or last saved): closing it with changes to this asks first.
  const [loaded, setLoaded] = useState<TemplateDraft>(() =>
    template ? toDraft(template) : (cloneOf?.draft ?? emptyDraft()),
  );
  const [draft, setDraft] = useState<TemplateDraft>(loaded);
  const [errors, setErrors] = useState<TemplateErrors>({});
  const [check, setCheck] = useState<CheckState>({ state: 'idle' });
  const [busy, setBusy] = useState(false);
  const [testing, setTesting] = useState(false);
  const contentRef = useRef<HTMLTextAreaElement>(null);
  const caretAfterInsert = useRef<number | undefined>(undefined);

  // The catalogue in shared/ stands in until plugins.list answers: the picker is never empty.
  const plugins = storePlugins.length > 0 ? storePlugins : pluginCatalogue;
  const pluginName = plugins.find((p) => p.id === draft.pluginId)?.name ?? draft.pluginId;
  const ensurePlugins = usePluginsStore((s) => s.ensureLoaded);
  useEffect(() => void ensurePlugins(), [ensurePlugins]);

  const edit = <K extends keyof TemplateDraft>(key: K, value: TemplateDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors(({ [key]: _cleared, form: _form, ...rest }) => rest);
    // A check result describes the text it was run on; a changed text needs a new one.
    if (key === 'content' || key === 'pluginId') setCheck({ state: 'idle' });
  };

  const insertTag = (tag: string) => {
    const el = contentRef.current;
    const start = el?.selectionStart ?? draft.content.length;
    const end = el?.selectionEnd ?? start;
    caretAfterInsert.current = start + tag.length;
    edit('content', draft.content.slice(0, start) + tag + draft.content.slice(end));
  };
  // After an insertion, the cursor goes right after the tag, so several tags can be typed in a row.
  useLayoutEffect(() => {
    const el = contentRef.current;
    const caret = caretAfterInsert.current;
    if (el && caret !== undefined) {
      caretAfterInsert.current = undefined;
      el.focus();
      el.setSelectionRange(caret, caret);
    }
  }, [draft.content]);

  const submit = async () => {
    if (readOnly) return;
    const parsed = fromDraft(draft);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setBusy(true);
    const result = await save(template?.id, parsed.template, cloneOf?.source.id);
    setBusy(false);
    if (result.ok) {
      // The editor stays open on what was saved: a new template reopens as itself (its versions,
      // Test on a device), an existing one takes the saved values as its new starting point.
      announceSaved(result.value.name);
      if (template === undefined) {
        onOpen(result.value);
        return;
      }
      const saved = toDraft(result.value);
      setLoaded(saved);
      setDraft(saved);
      return;
    }
    // e.g. a duplicate name, or deactivating a template credentials use (the message names them).
    const placed = placeFailure(result, 'template');
    const slot = slotFor(placed.field);
    setErrors({ [slot]: placed.message });
    // The core names the first problem of the text: Check lists them all, each at its line.
    if (slot === 'content') void doCheck();
  };

  const doCheck = async () => {
    setCheck({ state: 'checking' });
    const result = await runCheck(draft.pluginId, draft.content);
    setCheck(
      result.ok ? { state: 'done', problems: result.value } : { state: 'failed', message: result.message },
    );
  };

  // The copy takes what the editor shows; nothing is saved until the copy's own Save.
  const doClone = () => {
    if (template) onClone(template, draft);
  };

  return (
    <FormDialog
      title="Template editor"
      titleSx={{ pb: 0.5 }}
      subtitle={
        <Stack direction="row" spacing={1} sx={{ px: 3, pb: 1, alignItems: 'center' }}>
          <Typography variant="body2" color="text.secondary">
            {template
              ? `${template.name} · version ${template.version}`
              : cloneOf
                ? `A copy of ${cloneOf.source.name} (version ${cloneOf.source.version}), not saved yet`
                : 'A new template'}
          </Typography>
          {template?.builtIn && <Chip size="small" label="Built-in" />}
        </Stack>
      }
      dirty={!readOnly && !sameDraft(draft, loaded)}
      onClose={onClose}
      onSubmit={() => void submit()}
      saveDisabled={busy || readOnly}
      cancelLabel={readOnly ? 'Close' : 'Cancel'}
      maxWidth="xl"
      paperSx={{ height: 'calc(100% - 48px)' }}
      formSx={{ display: 'flex', flexDirection: 'column', height: '100%' }}
      contentProps={{ dividers: true, sx: { flex: 1 } }}
      actionsSx={{ px: 3 }}
      actions={
        <>
          <Button
            variant="outlined"
            onClick={() => void doCheck()}
            disabled={check.state === 'checking' || draft.content.trim() === ''}
          >
            Check
          </Button>
          {template && (
            <Button variant="outlined" onClick={doClone} disabled={busy}>
              Clone
            </Button>
          )}
          <Button variant="outlined" onClick={() => setTesting(true)}>
            Test on a device
          </Button>
          <Box sx={{ flex: 1 }} />
        </>
      }
      nested={
        testing && (
          <Suspense fallback={null}>
            <TestOnDeviceDialog
              template={template}
              draft={draft}
              unsaved={template === undefined || isDirty(draft, template)}
              onClose={() => setTesting(false)}
            />
          </Suspense>
        )
      }
    >
      <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', md: 'minmax(0, 1fr) 440px' } }}>
        <Stack spacing={1.5}>
          {readOnly && (
            <Alert severity="info" role="note">
              {readOnlyNote}
            </Alert>
          )}
          <TemplateFields draft={draft} errors={errors} readOnly={readOnly} plugins={plugins} edit={edit} />
          <ContentField
            value={draft.content}
            pluginId={draft.pluginId}
            onChange={(content) => edit('content', content)}
            error={errors.content}
            readOnly={readOnly}
            inputRef={contentRef}
            checked={check.state === 'done' ? check.problems : noProblems}
          />
          <CheckResults check={check} />
          {errors.form !== undefined && <Alert severity="error">{errors.form}</Alert>}
        </Stack>
        <EditorSidePanel
          template={template}
          pluginId={draft.pluginId}
          pluginName={pluginName}
          content={draft.content}
          readOnly={readOnly}
          onInsertTag={insertTag}
          onUseContent={(content) => edit('content', content)}
        />
      </Box>
    </FormDialog>
  );
}
