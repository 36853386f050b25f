import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useSettingsStore } from '../../stores/settings-store';
import { LoadErrorAlert } from '../common/LoadErrorAlert';
import { VaultSettings } from '../vault/VaultSettings';
import { SettingsForm } from './SettingsForm';

/** Settings, reached from the Settings module and from PAM Core > Settings: one screen for both. */
export function SettingsScreen() {
  const settings = useSettingsStore((s) => s.settings);
  const loadError = useSettingsStore((s) => s.loadError);
  const loading = useSettingsStore((s) => s.loading);
  const load = useSettingsStore((s) => s.load);
  return (
    <Stack spacing={2} sx={{ maxWidth: 960 }}>
      <Typography variant="h1">Settings</Typography>
      {settings ? (
        <SettingsForm saved={settings} />
      ) : loadError !== undefined && !loading ? (
        <LoadErrorAlert what="the settings" message={loadError} onRetry={() => void load()} />
      ) : (
        <LinearProgress aria-label="Loading the settings" />
      )}
      <VaultSettings />
    </Stack>
  );
}
