/**
 * The modules of the Grid Menu and each module's side menu, as data. Adding a screen means adding
 * its path to paths.ts, a route in router.tsx and an entry here; the layout components only render
 * this table.
 */
import type SvgIcon from '@mui/material/SvgIcon';
import AssessmentIcon from '@mui/icons-material/Assessment';
import DnsIcon from '@mui/icons-material/Dns';
import KeyIcon from '@mui/icons-material/Key';
import PlayCircleOutlineIcon from '@mui/icons-material/PlayCircleOutline';
import SecurityIcon from '@mui/icons-material/Security';
import SettingsIcon from '@mui/icons-material/Settings';
import TuneIcon from '@mui/icons-material/Tune';
import { paths } from '../paths';

type Icon = typeof SvgIcon;

export interface MenuLink {
  readonly kind: 'link';
  /** Visible text, and so the accessible name tests click by. */
  readonly label: string;
  readonly path: string;
  readonly icon?: Icon;
}

export interface MenuGroup {
  readonly kind: 'group';
  /** Stable key for remembering whether the group is open. */
  readonly id: string;
  readonly label: string;
  readonly icon?: Icon;
  readonly items: readonly MenuLink[];
}

export type MenuEntry = MenuLink | MenuGroup;

export type ModuleId = 'pam' | 'executions' | 'devices' | 'reports' | 'settings';

export interface ModuleDef {
  readonly id: ModuleId;
  readonly label: string;
  readonly icon: Icon;
  /** The first path segment that belongs to this module, e.g. `/pam`. */
  readonly basePath: string;
  /** Where picking the module in the Grid Menu leads. */
  readonly home: string;
  readonly menu: readonly MenuEntry[];
}

export const modules: readonly ModuleDef[] = [
  {
    id: 'pam',
    label: 'PAM Core',
    icon: KeyIcon,
    basePath: paths.pam.root,
    home: paths.pam.credentialsAll,
    menu: [
      {
        kind: 'group',
        id: 'credentials',
        label: 'Credentials',
        icon: KeyIcon,
        items: [
          { kind: 'link', label: 'All', path: paths.pam.credentialsAll },
          { kind: 'link', label: 'Just In Time', path: paths.pam.credentialsJit },
        ],
      },
      {
        kind: 'group',
        id: 'access-control',
        label: 'Access control',
        icon: SecurityIcon,
        items: [{ kind: 'link', label: 'Remote sessions', path: paths.pam.sessions }],
      },
      { kind: 'link', label: 'Settings', path: paths.pam.settings, icon: SettingsIcon },
    ],
  },
  {
    id: 'executions',
    label: 'Executions',
    icon: PlayCircleOutlineIcon,
    basePath: paths.executions.root,
    home: paths.executions.templates,
    menu: [
      { kind: 'link', label: 'Templates', path: paths.executions.templates },
      { kind: 'link', label: 'Operations', path: paths.executions.operations },
      { kind: 'link', label: 'Plugins', path: paths.executions.plugins },
    ],
  },
  {
    id: 'devices',
    label: 'Devices',
    icon: DnsIcon,
    basePath: paths.devices,
    home: paths.devices,
    menu: [{ kind: 'link', label: 'All devices', path: paths.devices }],
  },
  {
    id: 'reports',
    label: 'Reports',
    icon: AssessmentIcon,
    basePath: paths.reports.root,
    home: paths.reports.audit,
    menu: [{ kind: 'link', label: 'Audit', path: paths.reports.audit }],
  },
  {
    id: 'settings',
    label: 'Settings',
    icon: TuneIcon,
    basePath: paths.settings,
    home: paths.settings,
    menu: [{ kind: 'link', label: 'General', path: paths.settings }],
  },
];

/** The module a path belongs to, by its first segment; undefined for unknown paths. */
export function moduleForPath(pathname: string): ModuleDef | undefined {
  const first = `/${pathname.split('/')[1] ?? ''}`;
  return modules.find((m) => m.basePath === first);
}
