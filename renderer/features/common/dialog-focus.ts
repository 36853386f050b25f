/**
 * Every dialog opens with the keyboard on its first field (the theme sets this as MuiDialog's
 * transition onEntered), so a person can type at once. A dialog that already put the focus on one
 * of its own fields (autoFocus) keeps it; one without fields (a confirmation) keeps MUI's default,
 * the dialog itself, so Enter never confirms by accident.
 */
const fieldSelector = [
  'input:not([type="hidden"]):not([disabled]):not([readonly])',
  'textarea:not([disabled]):not([readonly])',
  'select:not([disabled])',
].join(',');

export function focusFirstField(dialog: HTMLElement): void {
  const active = dialog.ownerDocument.activeElement;
  if (
    active instanceof HTMLElement &&
    active !== dialog &&
    dialog.contains(active) &&
    active.matches(fieldSelector)
  ) {
    return;
  }
  const first = Array.from(dialog.querySelectorAll<HTMLElement>(fieldSelector)).find(
    (field) => field.getClientRects().length > 0,
  );
  first?.focus();
}
