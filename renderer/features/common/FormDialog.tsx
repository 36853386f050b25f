import Button from '@mui/material/Button';
import Dialog, { type DialogProps } from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent, { type DialogContentProps } from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import type { SxProps, Theme } from '@mui/material/styles';
import { useId, type ReactNode } from 'react';
import { SubmitForm } from './SubmitForm';
import { useGuardedClose } from './unsaved-changes';

export interface FormDialogProps {
  title: string;
  titleSx?: SxProps<Theme>;
  /** Between the title and the fields (e.g. which record is open). */
  subtitle?: ReactNode;
  /** The form differs from what it loaded: Cancel, Escape or a click outside ask before discarding. */
  dirty: boolean;
  onClose: () => void;
  /** Save, or Enter in a field. */
  onSubmit: () => void;
  /** Save is disabled (saving, or nothing can be saved). */
  saveDisabled: boolean;
  /** The Cancel button's word (`Close` for a read-only form). */
  cancelLabel?: string;
  /** More buttons, before Cancel and Save. */
  actions?: ReactNode;
  actionsSx?: SxProps<Theme>;
  maxWidth: DialogProps['maxWidth'];
  paperSx?: SxProps<Theme>;
  formSx?: SxProps<Theme>;
  contentProps?: Pick<DialogContentProps, 'sx' | 'dividers'>;
  /** The fields. */
  children: ReactNode;
  /** Dialogs opened from this one. */
  nested?: ReactNode;
}

/**
 * The shell of a form in a dialog (Device, Template editor): title, fields, Cancel and Save, with
 * the discard guard (see unsaved-changes.tsx) on every way out.
 */
export function FormDialog({
  title,
  titleSx,
  subtitle,
  dirty,
  onClose,
  onSubmit,
  saveDisabled,
  cancelLabel = 'Cancel',
  actions,
  actionsSx,
  maxWidth,
  paperSx,
  formSx,
  contentProps,
  children,
  nested,
}: FormDialogProps) {
  const titleId = useId();
  const { requestClose, confirm } = useGuardedClose(dirty, onClose);
  return (
    <Dialog
      open
      onClose={requestClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth={maxWidth}
      slotProps={paperSx === undefined ? undefined : { paper: { sx: paperSx } }}
    >
      <SubmitForm onSubmit={onSubmit} sx={formSx}>
        <DialogTitle id={titleId} sx={titleSx}>
          {title}
        </DialogTitle>
        {subtitle}
        <DialogContent {...contentProps}>{children}</DialogContent>
        <DialogActions sx={actionsSx}>
          {actions}
          <Button onClick={requestClose}>{cancelLabel}</Button>
          <Button type="submit" variant="contained" disabled={saveDisabled}>
            Save
          </Button>
        </DialogActions>
      </SubmitForm>
      {nested}
      {confirm}
    </Dialog>
  );
}
