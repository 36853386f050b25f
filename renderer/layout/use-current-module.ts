import { useLocation } from 'react-router';
import { moduleForPath, type ModuleDef } from './modules';

/** The module of the current route, which picks the side menu and the name in the app bar. */
export function useCurrentModule(): ModuleDef | undefined {
  return moduleForPath(useLocation().pathname);
}
