import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import type { PopoverActions } from '@mui/material/Popover';
import {
  createContext,
  useCallback,
  useContext,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';

export interface RowAction {
  label: string;
  onSelect: () => void;
}

export type RowKey = string | number;

/** What a row's three-dots button needs from the grid's one menu. */
export interface RowMenuApi {
  /** The row whose menu is open, if any. */
  openRow: RowKey | undefined;
  menuId: string;
  open: (row: RowKey, actions: readonly RowAction[]) => void;
  /** The open row's cell rendered again (new row data, or a new cell): its current entries. */
  refresh: (row: RowKey, actions: readonly RowAction[]) => void;
  /** The row's button, for the menu to stay beside it; returns the cleanup for when it goes. */
  anchor: (row: RowKey, button: HTMLElement) => () => void;
}

const RowMenuContext = createContext<RowMenuApi | undefined>(undefined);

export function useRowMenu(): RowMenuApi {
  const api = useContext(RowMenuContext);
  if (api === undefined) throw new Error('RowActions must be inside a RowMenuHost');
  return api;
}

interface OpenMenu {
  row: RowKey;
  actions: readonly RowAction[];
}

/**
 * The one drop-down of a grid's Action column, held here, above the grid, by row id. The grid may
 * render a row's cells again or mount them anew at any time (a page read again, a row replaced by
 * `sessions.changed`, the virtual scroller); a menu held in the cell closed with it, under the
 * user's pointer. Here it closes only when the user closes it or picks an entry; the entries are the
 * ones the row's cell last offered, so they follow the row's state.
 */
export function RowMenuHost({ children }: { children: ReactNode }) {
  const [menu, setMenu] = useState<OpenMenu | undefined>();
  const menuId = useId();
  const buttons = useRef(new Map<RowKey, HTMLElement>());
  // Where the open row's button last was, should the grid drop the button while the menu is open.
  const lastRect = useRef<DOMRect | undefined>(undefined);
  const popover = useRef<PopoverActions | null>(null);
  const openRow = menu?.row;
  // Read by `anchor`, which stays the same function so the buttons' refs are not run again.
  const openRowRef = useRef<RowKey | undefined>(undefined);
  useLayoutEffect(() => {
    openRowRef.current = openRow;
  }, [openRow]);

  const open = useCallback((row: RowKey, actions: readonly RowAction[]) => {
    lastRect.current = buttons.current.get(row)?.getBoundingClientRect();
    setMenu({ row, actions });
  }, []);
  const refresh = useCallback(
    (row: RowKey, actions: readonly RowAction[]) =>
      setMenu((current) => (current?.row === row ? { row, actions } : current)),
    [],
  );
  const anchor = useCallback((row: RowKey, button: HTMLElement) => {
    buttons.current.set(row, button);
    // A new button for the open row (its cell was mounted again): place the menu beside it.
    if (row === openRowRef.current) popover.current?.updatePosition();
    return () => {
      if (buttons.current.get(row) !== button) return;
      if (row === openRowRef.current) lastRect.current = button.getBoundingClientRect();
      buttons.current.delete(row);
    };
  }, []);
  const api = useMemo<RowMenuApi>(
    () => ({ openRow, menuId, open, refresh, anchor }),
    [openRow, menuId, open, refresh, anchor],
  );
  const close = () => setMenu(undefined);

  const anchorEl = () => {
    const button = openRow === undefined ? undefined : buttons.current.get(openRow);
    if (button !== undefined) return button;
    const rect = lastRect.current ?? new DOMRect();
    return { nodeType: Node.ELEMENT_NODE, getBoundingClientRect: () => rect };
  };

  return (
    <RowMenuContext.Provider value={api}>
      {children}
      <Menu id={menuId} action={popover} anchorEl={anchorEl} open={menu !== undefined} onClose={close}>
        {menu?.actions.map((action) => (
          <MenuItem
            key={action.label}
            onClick={() => {
              close();
              action.onSelect();
            }}
          >
            {action.label}
          </MenuItem>
        ))}
      </Menu>
    </RowMenuContext.Provider>
  );
}
