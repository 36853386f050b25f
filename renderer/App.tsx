import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useMemo } from 'react';
import { RouterProvider } from 'react-router/dom';
import { VaultGate } from './features/vault/VaultGate';
import type { AppRouter } from './router';
import { createAppTheme } from './theme/theme';
import { usePaletteMode } from './theme/use-palette-mode';

/** Theme (following the saved appearance setting) around the router. */
export function App({ router }: { router: AppRouter }) {
  const mode = usePaletteMode();
  // The system's "reduce motion" preference (media query, so a change applies at once).
  const reduceMotion = useMediaQuery('(prefers-reduced-motion: reduce)', { noSsr: true });
  const theme = useMemo(() => createAppTheme(mode, reduceMotion), [mode, reduceMotion]);
  return (
    <ThemeProvider theme={theme}>
      {/* enableColorScheme: native controls and scrollbars follow the palette too. */}
      <CssBaseline enableColorScheme />
      {/* Nothing of the app renders until the vault is unlocked. */}
      <VaultGate>
        <RouterProvider router={router} />
      </VaultGate>
    </ThemeProvider>
  );
}
