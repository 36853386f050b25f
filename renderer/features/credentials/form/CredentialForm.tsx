import ErrorOutlineIcon from '@mui/icons-material/ErrorOutline';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import LinearProgress from '@mui/material/LinearProgress';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { useEffect, useState } from 'react';
import { announceSaved } from '../../common/save-toast';
import { SubmitForm } from '../../common/SubmitForm';
import type { CredentialOption } from '../../../../shared/contract/credentials';
import type {
  Credential,
  CredentialFields,
  KeyChange,
  PasswordChange,
} from '../../../../shared/domain/credential';
import { api } from '../../../api/client';
import { failureText } from '../failure-text';
import { credentialLabel } from '../list/grid-rows';
import {
  checkDraft,
  draftFrom,
  emptyDraft,
  errorsFromFailure,
  errorSlots,
  firstErrorSlot,
  sameDraft,
  tabOf,
  type CredentialDraft,
  type DialogTab,
  type ErrorSlot,
  type FieldErrors,
} from './credential-draft';
import type { EditDraft, EditJit } from './draft-editing';
import { InformationTab } from './InformationTab';
import {
  PasswordChangeDialog,
  type DeviceChangeAnswer,
  type DeviceChangeChoice,
} from './PasswordChangeDialog';
import { JitSettingsTab } from './JitSettingsTab';
import { ruleContext } from './rule-context';
import type { CredentialLookups } from './use-credential-lookups';

/** What the dialog was opened for. Edit and Clone start from a credential the caller loaded. */
export type CredentialDialogMode =
  { kind: 'new' } | { kind: 'edit'; credential: Credential } | { kind: 'clone'; credential: Credential };

/** The dialog's title per mode; the form carries the same name. */
export const credentialFormTitles = {
  new: 'New credential',
  edit: 'Edit credential',
  clone: 'Clone credential',
} as const;

const tabLabels: Record<DialogTab, string> = { information: 'Information', jit: 'JIT Settings' };

interface CredentialFormProps {
  mode: CredentialDialogMode;
  lookups: CredentialLookups;
  /** Reports saving, so the dialog around the form is not closed mid-save. */
  onSaving: (saving: boolean) => void;
  /** Reports whether the form holds changes to what it loaded, so closing it can ask first. */
  onDirty: (dirty: boolean) => void;
  /** Cancel: the dialog asks before throwing changes away. */
  onClose: () => void;
  onSaved: (saved: Credential) => void;
}

/** A password that replaces the stored one. */
type NewPassword = Extract<PasswordChange, { action: 'set' | 'generate' }>;

const jitSlots = errorSlots.filter((s) => s.startsWith('jit.'));

/**
 * The Credential form, inside CredentialFormDialog (which owns the dialog and its title). Save
 * checks the draft with the shared schema and rules first (every error beside its field, the tab
 * of the first one shown) and sends nothing while any remains; the core checks again and its
 * refusal is shown the same way. One `credentials.save` call writes all or nothing, so a refused
 * save leaves the stored credential as it was.
 */
export function CredentialForm({
  mode,
  lookups,
  onSaving,
  onDirty,
  onClose,
  onSaved: closeSaved,
}: CredentialFormProps) {
  // Every save says so the same way (save-toast.tsx), with the credential's `user @ device`.
  const onSaved = (saved: Credential) => {
    const device = lookups.devices.find((d) => d.id === saved.deviceId)?.name ?? `device ${saved.deviceId}`;
    announceSaved(credentialLabel(saved.username, device));
    closeSaved(saved);
  };
  const [loaded] = useState<CredentialDraft>(() =>
    mode.kind === 'new' ? emptyDraft : draftFrom(mode.credential, mode.kind === 'clone'),
  );
  const [draft, setDraft] = useState<CredentialDraft>(loaded);
  const dirty = !sameDraft(draft, loaded);
  useEffect(() => onDirty(dirty), [dirty, onDirty]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [tab, setTab] = useState<DialogTab>('information');
  const [saving, setSaving] = useState(false);
  // The credentials the rules need in short form: those the dialog loaded, then any picked since.
  const [knownCredentials, setKnownCredentials] = useState<readonly CredentialOption[]>(lookups.credentials);
  const credentialKnown = (option: CredentialOption) =>
    setKnownCredentials((known) => [option, ...known.filter((c) => c.id !== option.id)]);

  const selfId = mode.kind === 'edit' ? mode.credential.id : null;
  // The version the next save names; moves on when "Change on the device" saved the other fields.
  const [baseUpdatedAt, setBaseUpdatedAt] = useState(
    mode.kind === 'edit' ? mode.credential.updatedAt : undefined,
  );
  // A checked save waiting for the answer to "Change the password on the device?".
  const [asking, setAsking] = useState<
    { credential: CredentialFields; password: NewPassword; key: KeyChange } | undefined
  >();
  const storedPassword = mode.kind === 'edit' ? mode.credential.hasPassword : undefined;
  const storedKey = mode.kind === 'edit' ? mode.credential.hasKey : undefined;

  // Editing a field clears its own error and the form-level one; the others stay until Save.
  const clear = (slots: readonly ErrorSlot[]) =>
    setErrors((e) => {
      const gone = new Set<ErrorSlot>([...slots, 'form']);
      return Object.fromEntries(Object.entries(e).filter(([slot]) => !gone.has(slot as ErrorSlot)));
    });

  const edit: EditDraft = (key, value, slot) => {
    setDraft((d) => ({ ...d, [key]: value }));
    clear(slot ? [slot] : []);
  };

  const editJit: EditJit = (patch, slots) => {
    setDraft((d) => ({ ...d, jit: { ...d.jit, ...patch } }));
    // Turning JIT off or changing its type makes the old JIT errors meaningless.
    clear(patch.enabled !== undefined || patch.type !== undefined ? jitSlots : slots);
  };

  const showErrors = (next: FieldErrors) => {
    setErrors(next);
    const first = firstErrorSlot(next);
    const target = first === undefined ? undefined : tabOf(first);
    if (target) setTab(target);
  };

  const save = async () => {
    const checked = checkDraft(
      draft,
      ruleContext(lookups, knownCredentials, selfId, storedPassword ?? false, storedKey ?? false),
    );
    if (!checked.ok) return showErrors(checked.errors);
    const { credential, password, key } = checked;
    // A stored password that changes: ask first (PasswordChangeDialog), saving alone would put the
    // vault out of step with the device.
    if (storedPassword === true && (password.action === 'set' || password.action === 'generate')) {
      setAsking({ credential, password, key });
      return;
    }
    await store(credential, password, key);
  };

  /** The ordinary save: all fields, the password and the SSH key in one `credentials.save`. */
  const store = async (credential: CredentialFields, password: PasswordChange, key: KeyChange) => {
    setSaving(true);
    onSaving(true);
    setErrors({});
    const result = await api.call('credentials.save', {
      // An edit names the version it started from: a save made elsewhere since is not overwritten.
      ...(mode.kind === 'edit' ? { id: mode.credential.id, expectedUpdatedAt: baseUpdatedAt } : {}),
      credential,
      password,
      key,
    });
    setSaving(false);
    onSaving(false);
    if (!result.ok) return showErrors(errorsFromFailure(result, failureText(result)));
    onSaved(result.value);
  };

  /**
   * Change on the device, then store: the other fields first (password kept), so that a refusal
   * of theirs comes before the device is touched; then the template run, which stores the
   * password only when it succeeded.
   */
  const changeOnDevice = async (choice: DeviceChangeChoice): Promise<DeviceChangeAnswer> => {
    if (!asking || mode.kind !== 'edit') return { ok: true };
    const { id } = mode.credential;
    let expectedUpdatedAt = baseUpdatedAt;
    if (!sameDraft({ ...draft, password: '', passwordMode: 'keep' }, loaded)) {
      const saved = await api.call('credentials.save', {
        id,
        expectedUpdatedAt,
        credential: asking.credential,
        password: { action: 'keep' },
        key: asking.key,
      });
      if (!saved.ok) {
        // Back to the form: the refusal is shown beside its fields.
        setAsking(undefined);
        showErrors(errorsFromFailure(saved, failureText(saved)));
        return { ok: true };
      }
      expectedUpdatedAt = saved.value.updatedAt;
      setBaseUpdatedAt(expectedUpdatedAt);
    }
    const result = await api.call('credentials.changePassword', {
      id,
      password: asking.password,
      ...choice,
      ...(expectedUpdatedAt === undefined ? {} : { expectedUpdatedAt }),
    });
    if (!result.ok) return { ok: false, message: failureText(result), operationId: null };
    if (!result.value.changed) {
      return { ok: false, message: result.value.message, operationId: result.value.operationId };
    }
    setAsking(undefined);
    onSaved(result.value.credential);
    return { ok: true };
  };

  const errorTabs = new Set(
    Object.keys(errors).flatMap((slot) => {
      const t = tabOf(slot as ErrorSlot);
      return t ? [t] : [];
    }),
  );

  return (
    <SubmitForm onSubmit={save} label={credentialFormTitles[mode.kind]} sx={{ display: 'contents' }}>
      <Tabs
        value={tab}
        onChange={(_e, next: DialogTab) => setTab(next)}
        sx={{ px: 3, borderBottom: 1, borderColor: 'divider' }}
      >
        {(['information', 'jit'] as const).map((t) => (
          <Tab
            key={t}
            value={t}
            label={tabLabels[t]}
            id={`credential-tab-${t}`}
            aria-controls={`credential-tabpanel-${t}`}
            // The icon is decorative (aria-hidden), so the tab's name stays exactly its label.
            icon={errorTabs.has(t) ? <ErrorOutlineIcon color="error" fontSize="small" /> : undefined}
            iconPosition="end"
            sx={{ minHeight: 48 }}
          />
        ))}
      </Tabs>
      <DialogContent>
        {saving && <LinearProgress aria-label="Saving the credential" sx={{ mb: 1 }} />}
        <Box role="tabpanel" id={`credential-tabpanel-${tab}`} aria-labelledby={`credential-tab-${tab}`}>
          {tab === 'information' ? (
            <InformationTab
              draft={draft}
              errors={errors}
              edit={edit}
              editJit={editJit}
              disabled={saving}
              devices={lookups.devices}
              storedPassword={storedPassword}
              storedKey={storedKey}
            />
          ) : (
            <JitSettingsTab
              draft={draft}
              errors={errors}
              edit={edit}
              editJit={editJit}
              disabled={saving}
              lookups={lookups}
              selfId={selfId}
              knownCredentials={knownCredentials}
              onCredentialKnown={credentialKnown}
            />
          )}
        </Box>
        {errors.form !== undefined && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {errors.form}
          </Alert>
        )}
        {Object.keys(errors).length > 0 && errors.form === undefined && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {errorTabs.size > 1
              ? 'Nothing was saved: correct the fields marked on both tabs.'
              : 'Nothing was saved: correct the marked fields.'}
          </Alert>
        )}
      </DialogContent>
      {asking && mode.kind === 'edit' && (
        <PasswordChangeDialog
          credentialId={mode.credential.id}
          label={`${mode.credential.username} @ ${lookups.devices.find((d) => d.id === mode.credential.deviceId)?.name ?? 'its device'}`}
          onCancel={() => setAsking(undefined)}
          onStoreOnly={() => {
            setAsking(undefined);
            void store(asking.credential, asking.password, asking.key);
          }}
          onChangeOnDevice={changeOnDevice}
        />
      )}
      <DialogActions>
        <Button onClick={onClose} disabled={saving}>
          Cancel
        </Button>
        <Button type="submit" variant="contained" disabled={saving}>
          Save
        </Button>
      </DialogActions>
    </SubmitForm>
  );
}
