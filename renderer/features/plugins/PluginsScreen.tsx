import { PlannedScreen } from '../common/PlannedScreen';

export function PluginsScreen() {
  return (
    <PlannedScreen
      title="Plugins"
      summary="The built-in plugins that connect to targets and run templates. Plugins are part of the application: they are listed here read-only and cannot be registered."
      contents={[
        'SSH, PostgreSQL, MySQL (MariaDB too) and LDAP, each with its template syntax and the execution types it supports.',
        'Plugins that are not available in this build, marked as such.',
      ]}
      builtBy="The plugins issue builds this list."
    />
  );
}
