import Box from '@mui/material/Box';
import type { SxProps, Theme } from '@mui/material/styles';
import type { AriaRole, ReactNode } from 'react';

export interface SubmitFormProps {
  /** The submit button, or Enter in a field. An answer it returns (a promise) is not awaited here. */
  onSubmit: () => unknown;
  /** The form's accessible name, where it needs one (a page with more than one form). */
  label?: string;
  role?: AriaRole;
  sx?: SxProps<Theme>;
  children: ReactNode;
}

/**
 * A form the app checks itself (no browser validation bubbles: errors show beside the fields) and
 * that never reloads the page on submit.
 */
export function SubmitForm({ onSubmit, label, role, sx, children }: SubmitFormProps) {
  return (
    <Box
      component="form"
      noValidate
      role={role}
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
      sx={sx}
    >
      {children}
    </Box>
  );
}
