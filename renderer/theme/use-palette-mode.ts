import useMediaQuery from '@mui/material/useMediaQuery';
import { useSettingsStore } from '../stores/settings-store';
import type { PaletteMode } from './theme';

/**
 * The palette to draw with: the saved `appearance.theme`, where `system` (also the choice while the
 * settings are still loading) follows the OS's prefers-color-scheme and changes with it live.
 */
export function usePaletteMode(): PaletteMode {
  const choice = useSettingsStore((s) => s.settings?.appearance.theme ?? 'system');
  // noSsr: this is a client-only app, so read the media query on the first render (no light flash).
  const osPrefersDark = useMediaQuery('(prefers-color-scheme: dark)', { noSsr: true });
  if (choice === 'system') return osPrefersDark ? 'dark' : 'light';
  return choice;
}
