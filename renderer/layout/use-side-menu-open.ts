/**
 * Whether the side menu is open: on a wide window, the user's remembered choice (UI store); below
 * `narrowWindowPx` (use-narrow-window.ts) it folds by itself to give the lists their width. A toggle on a narrow window
 * holds until the window crosses the breakpoint again, and is not remembered: the next narrow
 * window starts folded, and the wide window keeps its own choice.
 */
import { useState } from 'react';
import { useNarrowWindow } from '../features/common/use-narrow-window';
import { useUiStore } from '../stores/ui-store';

/** The open state: the wide window's remembered choice, or the narrow window's own (folded at first). */
export function sideMenuOpenFor(
  narrow: boolean,
  wideChoice: boolean,
  narrowChoice: boolean | undefined,
): boolean {
  return narrow ? (narrowChoice ?? false) : wideChoice;
}

export function useSideMenuOpen(): { open: boolean; toggle: () => void } {
  const narrow = useNarrowWindow();
  const wideChoice = useUiStore((s) => s.sideMenuOpen);
  const toggleWide = useUiStore((s) => s.toggleSideMenu);
  const [narrowChoice, setNarrowChoice] = useState<boolean>();
  // Crossing the breakpoint forgets the narrow window's choice (state adjusted while rendering,
  // as React advises, rather than in an effect that would first draw the stale choice).
  const [wasNarrow, setWasNarrow] = useState(narrow);
  if (wasNarrow !== narrow) {
    setWasNarrow(narrow);
    setNarrowChoice(undefined);
  }
  const open = sideMenuOpenFor(narrow, wideChoice, wasNarrow === narrow ? narrowChoice : undefined);
  const toggle = () => {
    if (narrow) setNarrowChoice(!open);
    else toggleWide();
  };
  return { open, toggle };
}
