import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { CredentialOption } from '../../../../shared/contract/credentials';
import { allowsOwnCredential, jitTypeLabels, jitTypes } from '../../../../shared/domain/jit';
import { authCredentialWarnings } from '../../../../shared/domain/rules/credential-rules';
import { useSettingsStore } from '../../../stores/settings-store';
import { CheckboxField } from '../../common/CheckboxField';
import { SelectField, type SelectOption } from '../../common/SelectField';
import { AuthCredentialField } from './AuthCredentialField';
import { GeneratedAccountNote } from './GeneratedAccountNote';
import type { ErrorSlot } from './credential-draft';
import type { TabProps } from './draft-editing';
import { JitDirectionSection } from './JitDirectionSection';
import type { CredentialLookups } from './use-credential-lookups';

const jitTypeOptions: SelectOption[] = [
  { value: '', label: 'Choose a type' },
  ...jitTypes.map((t) => ({ value: t, label: jitTypeLabels[t] })),
];

interface JitSettingsTabProps extends TabProps {
  lookups: CredentialLookups;
  /** The credential being edited, which cannot authenticate itself through this drop-down. */
  selfId: number | null;
  /** The credentials the form knows in short form (for the rules): the chosen one among them. */
  knownCredentials: readonly CredentialOption[];
  /** A credential picked in the Authentication credential control, for the rules to know. */
  onCredentialKnown: (option: CredentialOption) => void;
}

/**
 * JIT Settings, as docs/user-guide.md (Configure a JIT credential, step 4): Enabled, Just In Time Type, the authentication
 * settings, then one section per type, of which only the chosen type's is enabled. Nothing is
 * enabled while JIT is off.
 */
export function JitSettingsTab({
  draft,
  errors,
  editJit,
  disabled,
  lookups,
  selfId,
  knownCredentials,
  onCredentialKnown,
}: JitSettingsTabProps) {
  const { jit } = draft;
  const on = jit.enabled && !disabled;
  const authRequired = on && !jit.useOwnCredential;
  const ownAllowed = allowsOwnCredential(jit.type);
  const prefix = useSettingsStore((s) => s.settings?.jit.usernamePrefix);
  const chosenAuth = knownCredentials.find((c) => c.id === jit.authCredentialId);
  const directions =
    jit.type === 'create_delete' ? (['create', 'delete'] as const) : (['enable', 'disable'] as const);
  const warnings = authRequired
    ? authCredentialWarnings(
        chosenAuth,
        draft.deviceId,
        directions.map((d) => jit[`${d}PluginId`]),
        lookups.devices,
      )
    : [];

  // Enable/Disable cannot use its own credential: choosing that type unticks it, as Save would refuse it.
  const changeType = (value: string) => {
    const type = jitTypes.find((t) => t === value) ?? null;
    editJit(allowsOwnCredential(type) ? { type } : { type, useOwnCredential: false }, ['jit.type']);
  };

  return (
    <Box sx={{ display: 'grid', gap: 2, pt: 1 }}>
      <Section title="Just In Time settings">
        <CheckboxField
          label="Enabled"
          checked={jit.enabled}
          disabled={disabled}
          error={errors['jit.enabled']}
          onChange={(enabled) => editJit({ enabled }, ['jit.enabled'])}
        />
        <SelectField
          label="Just In Time Type"
          required={on}
          value={jit.type ?? ''}
          options={jitTypeOptions}
          onChange={changeType}
          disabled={!on}
          error={on && errors['jit.type'] !== undefined}
          helperText={on ? errors['jit.type'] : undefined}
        />
      </Section>

      <Section title="Authentication settings">
        <CheckboxField
          label="Use own credential to connect"
          checked={jit.useOwnCredential}
          // A stored tick the type does not allow can still be taken off.
          disabled={!on || (!ownAllowed && !jit.useOwnCredential)}
          error={on ? errors['jit.useOwnCredential'] : undefined}
          help={
            on && !ownAllowed
              ? 'Enable/Disable needs another credential: a disabled account cannot enable itself.'
              : undefined
          }
          onChange={(useOwnCredential) =>
            editJit({ useOwnCredential }, [
              'jit.useOwnCredential',
              'jit.authCredentialId',
            ] satisfies ErrorSlot[])
          }
        />
        <AuthCredentialField
          value={jit.authCredentialId}
          chosen={chosenAuth}
          deviceId={draft.deviceId}
          warnings={warnings}
          selfId={selfId}
          required={authRequired}
          onChange={(option) => {
            if (option) onCredentialKnown(option);
            editJit({ authCredentialId: option?.id ?? null }, ['jit.authCredentialId']);
          }}
          disabled={!authRequired}
          error={authRequired && errors['jit.authCredentialId'] !== undefined}
          helperText={
            authRequired ? (errors['jit.authCredentialId'] ?? 'Runs the templates on the device') : undefined
          }
        />
      </Section>

      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
        <JitDirectionSection
          title="Enable/Disable"
          directions={['enable', 'disable']}
          enabled={on && jit.type === 'enable_disable'}
          draft={draft}
          errors={errors}
          editJit={editJit}
          lookups={lookups}
        />
        <JitDirectionSection
          title="Creation and deletion"
          directions={['create', 'delete']}
          enabled={on && jit.type === 'create_delete'}
          draft={draft}
          errors={errors}
          editJit={editJit}
          lookups={lookups}
        >
          {on && jit.type === 'create_delete' && (
            <GeneratedAccountNote
              prefix={prefix}
              username={draft.username.trim()}
              useOwnCredential={jit.useOwnCredential}
            />
          )}
        </JitDirectionSection>
      </Box>
    </Box>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper variant="outlined" component="section" aria-label={title} sx={{ p: 2 }}>
      <Typography variant="h3" sx={{ mb: 1.5 }}>
        {title}
      </Typography>
      <Box
        sx={{
          display: 'grid',
          gap: 2,
          gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' },
          alignItems: 'start',
        }}
      >
        {children}
      </Box>
    </Paper>
  );
}
