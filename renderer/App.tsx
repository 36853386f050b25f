import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { useMemo } from 'react';
import { RouterProvider } from 'react-router/dom';
import { VaultGate } from './features/vault/VaultGate';
import type { AppRouter } from './router';
import { createAppTheme } from './theme/theme';
import { usePaletteMode } from './theme/use-palette-mode';

/** Theme (following the saved appearance setting) around the router. */
export function App({ router }: { router: AppRouter }) {
  const mode = usePaletteMode();
  const theme = useMemo(() => createAppTheme(mode), [mode]);
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
