/**
 * How a template library on disk (the vendor's, or one's own repository) says what each file is:
 * the folder names on its path give the plugin (SSH, PostgreSQL, MySQL, LDAP) and, where they are
 * the vendor's, the execution type. Shared by `npm run template -- check` and Import templates.
 */
import type { PluginId } from './plugin';
import type { ExecutionType } from './template';

/** The longest path inside the chosen folder an import takes, and the most files one call sends. */
export const maxLibraryPathLength = 1024;
export const maxLibraryFilesPerCall = 1000;

/** Folder names that say which plugin their templates are for (compared case-insensitively). */
const folderPlugins: Readonly<Record<string, PluginId>> = {
  ssh: 'ssh',
  postgresql: 'postgresql',
  mysql: 'mysql',
  ldap: 'ldap',
};

/** The vendor library's folder names for execution types (compared case-insensitively). */
const folderTypes: Readonly<Record<string, ExecutionType>> = {
  'change password': 'Password change',
  'create user': 'New user',
  'delete user': 'User delete',
  'enable credential': 'Credential enable',
  'disable credential': 'Credential disable',
};

/** The folder names of a path, innermost first (`a/SSH/Change password/x` -> Change password, SSH, a). */
export function foldersOf(path: string): string[] {
  return path.split(/[\\/]/).slice(0, -1).reverse();
}

/** The file name of a path, as a template's name starts from. */
export const fileNameOf = (path: string): string => path.split(/[\\/]/).pop() ?? path;

const nearest = <T>(folders: readonly string[], table: Readonly<Record<string, T>>): T | null => {
  for (const folder of folders) {
    const found = table[folder.trim().toLowerCase()];
    if (found !== undefined) return found;
  }
  return null;
};

/** The plugin the nearest enclosing folder names, or null when none does. */
export const pluginFromFolders = (folders: readonly string[]): PluginId | null =>
  nearest(folders, folderPlugins);

/** The execution type the nearest vendor type folder names, or null when none does. */
export const executionTypeFromFolders = (folders: readonly string[]): ExecutionType | null =>
  nearest(folders, folderTypes);

/** The type folder names, for messages ("put it under a folder named …"). */
export const typeFolderNames = [
  'Change password',
  'Create user',
  'Delete user',
  'Enable credential',
  'Disable credential',
];

/**
 * Files in a library that are not templates: hidden files, Markdown, licences. (Templates have
 * any name, often without an extension, as in the vendor's library.)
 */
export const isLibraryNoise = (name: string): boolean =>
  name.startsWith('.') || /\.md$/i.test(name) || /^(LICEN[CS]E|COPYING|NOTICE)(\.|$)/i.test(name);
