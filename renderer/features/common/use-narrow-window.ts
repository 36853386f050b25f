/**
 * One breakpoint for "a narrow window" (a 1024 px laptop screen): below it the side menu folds by
 * itself and lists leave out the columns their details repeat, so every row's actions stay in view.
 */
import useMediaQuery from '@mui/material/useMediaQuery';

/** 1024 and 1152 px wide windows are narrow; 1280 and wider are not. */
export const narrowWindowPx = 1200;

export function useNarrowWindow(): boolean {
  // noSsr: the first render already knows the width, so nothing flashes in and out.
  return useMediaQuery(`(max-width: ${narrowWindowPx - 0.02}px)`, { noSsr: true });
}
