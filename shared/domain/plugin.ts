import { z } from 'zod';
import type { Protocol } from './device';

/**
 * The built-in plugins (executors). The list is fixed: users cannot register plugins, and the UI
 * shows it read-only. Plugins not `available` are listed so administrators know they exist in the
 * product family, but templates cannot use them in this build.
 */
export const pluginIds = ['ssh', 'postgresql', 'mysql', 'ldap', 'winrm', 'mssql', 'oracle'] as const;
export const pluginIdSchema = z.enum(pluginIds);
export type PluginId = z.infer<typeof pluginIdSchema>;

/**
 * What kind of template language a plugin speaks: a shell conversation, SQL statements, or
 * directory commands. Rules that hold for a whole kind (an SQL plugin's Additional information
 * names the database) test the family, not a list of plugin names a new plugin would miss.
 */
export const pluginFamilies = ['shell', 'sql', 'directory'] as const;
export const pluginFamilySchema = z.enum(pluginFamilies);
export type PluginFamily = z.infer<typeof pluginFamilySchema>;

export interface PluginInfo {
  readonly id: PluginId;
  readonly name: string;
  readonly description: string;
  readonly available: boolean;
  readonly family: PluginFamily;
  /** The device connectivity protocol this plugin connects with. */
  readonly protocol: Protocol | null;
  readonly defaultPort: number | null;
  /** One line on the template language, shown in the editor. */
  readonly syntax: string;
}

export const pluginSchema = z.object({
  id: pluginIdSchema,
  name: z.string(),
  description: z.string(),
  available: z.boolean(),
  family: pluginFamilySchema,
  protocol: z.string().nullable(),
  defaultPort: z.number().int().nullable(),
  syntax: z.string(),
  /** The full template-language help of the plugin, for the template editor (empty if none). */
  help: z.string(),
});

export const pluginCatalogue: readonly PluginInfo[] = [
  {
    id: 'ssh',
    name: 'SSH',
    description:
      'Linux and Unix hosts over an interactive shell (PTY), driven by an expect-style conversation.',
    available: true,
    family: 'shell',
    protocol: 'SSH',
    defaultPort: 22,
    syntax:
      'exec, write, expect, expect-regex, no-expect, sleep, set-read-timeout, set-connect-timeout, set-ssh-version, set-new-line-mode, end',
  },
  {
    id: 'postgresql',
    name: 'PostgreSQL',
    description: 'PostgreSQL databases: SQL statements run in order on one connection.',
    available: true,
    family: 'sql',
    protocol: 'PostgreSQL',
    defaultPort: 5432,
    syntax: 'SQL statements separated by semicolons',
  },
  {
    id: 'mysql',
    name: 'MySQL / MariaDB',
    description: 'MySQL and MariaDB databases: SQL statements run in order on one connection.',
    available: true,
    family: 'sql',
    protocol: 'MySQL',
    defaultPort: 3306,
    syntax: 'SQL statements separated by semicolons',
  },
  {
    id: 'ldap',
    name: 'LDAP',
    description: 'OpenLDAP and Active Directory over LDAP: add, modify and delete directory entries.',
    available: true,
    family: 'directory',
    protocol: 'LDAP',
    defaultPort: 389,
    syntax: 'set-option, bind, find, add (with attribute lines), mod-add, mod-del, mod-replace, delete',
  },
  {
    id: 'winrm',
    name: 'Windows (WinRM)',
    description: 'Windows hosts over WinRM. Not available in this build.',
    available: false,
    family: 'shell',
    protocol: 'HTTPS',
    defaultPort: 5986,
    syntax: 'PowerShell',
  },
  {
    id: 'mssql',
    name: 'Microsoft SQL Server',
    description: 'SQL Server databases. Not available in this build.',
    available: false,
    family: 'sql',
    protocol: null,
    defaultPort: 1433,
    syntax: 'T-SQL statements',
  },
  {
    id: 'oracle',
    name: 'Oracle Database',
    description: 'Oracle databases. Not available in this build.',
    available: false,
    family: 'sql',
    protocol: null,
    defaultPort: 1521,
    syntax: 'SQL and PL/SQL statements',
  },
];

export const findPlugin = (id: string): PluginInfo | undefined => pluginCatalogue.find((p) => p.id === id);

/**
 * Where a plugin connects on a device: the port the device lists for the plugin's protocol, else
 * the plugin's usual port (`listed` false); null when neither exists. One rule for the runs, the
 * Test on a device dialog and the host keys a device shows.
 */
export function pluginPort(
  connectivity: readonly { protocol: string; port: number }[],
  plugin: Pick<PluginInfo, 'protocol' | 'defaultPort'>,
): { port: number; listed: boolean } | null {
  const listed = connectivity.find((c) => c.protocol === plugin.protocol)?.port;
  if (listed !== undefined) return { port: listed, listed: true };
  return plugin.defaultPort === null ? null : { port: plugin.defaultPort, listed: false };
}
