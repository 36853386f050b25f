/**
 * The console's look: a compact admin-console theme (dense lists and inputs, flat app bar, system
 * fonts so nothing is fetched from the network in offline labs), in a light and a dark variant.
 */
import { createTheme, type Theme } from '@mui/material/styles';
import { focusFirstField } from '../features/common/dialog-focus';

export type PaletteMode = 'light' | 'dark';

const fontFamily = [
  'system-ui',
  '-apple-system',
  '"Segoe UI"',
  'Roboto',
  '"Helvetica Neue"',
  'Arial',
  'sans-serif',
].join(',');

/**
 * With the system's "reduce motion" set (an accessibility preference), nothing slides, grows or
 * fades: dialogs, menus and drawers appear at once and buttons show no ripple.
 */
const noMotion = {
  transitions: {
    create: () => 'none',
    getAutoHeightDuration: () => 0,
    duration: {
      shortest: 0,
      shorter: 0,
      short: 0,
      standard: 0,
      complex: 0,
      enteringScreen: 0,
      leavingScreen: 0,
    },
  },
  components: { MuiButtonBase: { defaultProps: { disableRipple: true } } },
} as const;

export function createAppTheme(mode: PaletteMode, reduceMotion = false): Theme {
  const dark = mode === 'dark';
  const theme = createTheme({
    palette: {
      mode,
      primary: { main: dark ? '#5b9bd5' : '#1f5f99' },
      secondary: { main: dark ? '#4fb3a9' : '#00796b' },
      background: dark ? { default: '#121417', paper: '#1b1e23' } : { default: '#f4f6f8', paper: '#ffffff' },
    },
    shape: { borderRadius: 4 },
    typography: {
      fontFamily,
      fontSize: 13,
      h1: { fontSize: '1.4rem', fontWeight: 600 },
      h2: { fontSize: '1.1rem', fontWeight: 600 },
      h3: { fontSize: '1rem', fontWeight: 600 },
      button: { textTransform: 'none', fontWeight: 600 },
    },
    components: {
      MuiAppBar: {
        defaultProps: { elevation: 0, color: 'default' },
        styleOverrides: {
          root: ({ theme }) => ({
            backgroundColor: dark ? '#16191d' : '#1c2b3a',
            color: '#ffffff',
            borderBottom: `1px solid ${theme.palette.divider}`,
          }),
        },
      },
      MuiToolbar: { defaultProps: { variant: 'dense' } },
      MuiList: { defaultProps: { dense: true } },
      MuiListItemIcon: { styleOverrides: { root: { minWidth: 32 } } },
      MuiButton: { defaultProps: { size: 'small', disableElevation: true } },
      MuiIconButton: { defaultProps: { size: 'small' } },
      MuiTextField: { defaultProps: { size: 'small' } },
      MuiFormControl: { defaultProps: { size: 'small' } },
      MuiCheckbox: { defaultProps: { size: 'small' } },
      MuiTable: { defaultProps: { size: 'small' } },
      MuiTooltip: { defaultProps: { disableInteractive: true } },
      MuiAlert: { styleOverrides: { root: { alignItems: 'center' } } },
      // First focus on the dialog's first field (see dialog-focus.ts).
      MuiDialog: { defaultProps: { slotProps: { transition: { onEntered: focusFirstField } } } },
    },
  });
  return reduceMotion ? createTheme(theme, noMotion) : theme;
}
