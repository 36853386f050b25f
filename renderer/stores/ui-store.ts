/**
 * Layout preferences (side menu collapsed, which menu groups are closed). Purely a view concern,
 * so it is remembered in this browser profile rather than in the core's settings.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export interface UiState {
  sideMenuOpen: boolean;
  /** Keys (`module/group`) of the menu groups the user closed; groups are open by default. */
  closedGroups: Record<string, true>;
  toggleSideMenu: () => void;
  toggleGroup: (key: string) => void;
}

export const useUiStore = create<UiState>()(
  persist(
    (set, get) => ({
      sideMenuOpen: true,
      closedGroups: {},
      toggleSideMenu: () => set({ sideMenuOpen: !get().sideMenuOpen }),
      toggleGroup: (key) => {
        const { [key]: wasClosed, ...rest } = get().closedGroups;
        set({ closedGroups: wasClosed ? rest : { ...rest, [key]: true } });
      },
    }),
    {
      name: 'jit-pam.ui',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: ({ sideMenuOpen, closedGroups }) => ({ sideMenuOpen, closedGroups }),
    },
  ),
);
