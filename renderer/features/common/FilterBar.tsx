import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import type { SxProps, Theme } from '@mui/material/styles';
import { useState, type ReactNode } from 'react';
import { SubmitForm } from './SubmitForm';
import { SelectField, type SelectOption } from './SelectField';
import { filterActions, type ValidatedFilterOptions } from './filter-actions';

/**
 * A filter bar's draft: the fields as typed (nothing is sent while typing), their errors, and Clear.
 * Editing a field clears its error.
 */
export function useFilterDraft<D extends object, E extends Partial<Record<string, string>>>(
  initial: D | (() => D),
) {
  const [draft, setDraft] = useState<D>(initial);
  const [errors, setErrors] = useState<E>({} as E);
  return {
    draft,
    errors,
    setDraft,
    setErrors,
    edit: <K extends keyof D>(key: K, value: D[K]) => {
      setDraft((d) => ({ ...d, [key]: value }));
      setErrors((e) => {
        const { [key as string]: _cleared, ...rest } = e;
        return rest as E;
      });
    },
  };
}

/** A filter bar's draft (see `useFilterDraft`) with its Filter and Clear, for `FilterBar`. */
export function useValidatedFilter<D extends object, E extends Partial<Record<string, string>>, F>(
  initial: D | (() => D),
  options: ValidatedFilterOptions<D, E, F>,
) {
  const { draft, errors, setDraft, setErrors, edit } = useFilterDraft<D, E>(initial);
  const actions = filterActions(options, setDraft, (e) => setErrors(e as E));
  return { draft, errors, edit, apply: () => actions.apply(draft), clear: actions.clear };
}

/** The error props of a field whose key may have one: red, with the message as helper text. */
export const errorProps = (error: string | undefined) => ({ error: error !== undefined, helperText: error });

/** The draft's part a `DraftSelect` reads and edits: text keys, each with its error. */
export interface DraftBinding<K extends string> {
  draft: Readonly<Record<K, string>>;
  errors: Readonly<Partial<Record<K, string>>>;
  edit: (key: K, value: string) => void;
}

/** A drop-down bound to one key of a filter draft (see `useValidatedFilter`), its error beneath it. */
export function DraftSelect<K extends string>({
  bar,
  name,
  label,
  options,
}: {
  bar: DraftBinding<K>;
  name: K;
  label: string;
  options: readonly SelectOption[];
}) {
  return (
    <SelectField
      label={label}
      value={bar.draft[name]}
      options={options}
      onChange={(value) => bar.edit(name, value)}
      {...errorProps(bar.errors[name])}
    />
  );
}

/** The audit and operations bars' layout: as many fields a row as fit. */
export const filterGrid: SxProps<Theme> = {
  display: 'grid',
  gap: 1.5,
  alignItems: 'start',
  gridTemplateColumns: 'repeat(auto-fill, minmax(170px, 1fr))',
};

export interface FilterBarProps {
  /** The form's accessible name, e.g. `Audit filter`. */
  label: string;
  /** Marked as a search landmark. */
  search?: boolean;
  /** Filter (or Enter in a field: the bar is a form). */
  onApply: () => void;
  /** Clear: the draft is emptied and the list unfiltered. */
  onClear: () => void;
  clearVariant?: 'text' | 'outlined';
  sx: SxProps<Theme>;
  children: ReactNode;
}

/** The filter bar every list has: its fields, then Filter and Clear. */
export function FilterBar({ label, search, onApply, onClear, clearVariant, sx, children }: FilterBarProps) {
  return (
    <SubmitForm onSubmit={onApply} role={search ? 'search' : undefined} label={label} sx={sx}>
      {children}
      <Box sx={{ display: 'flex', gap: 1, pt: 0.25 }}>
        <Button type="submit" variant="contained">
          Filter
        </Button>
        <Button type="button" variant={clearVariant} onClick={onClear}>
          Clear
        </Button>
      </Box>
    </SubmitForm>
  );
}
