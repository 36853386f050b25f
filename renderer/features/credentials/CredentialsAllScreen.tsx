import { PlannedScreen } from '../common/PlannedScreen';

export function CredentialsAllScreen() {
  return (
    <PlannedScreen
      title="Credentials — All"
      summary="Every credential, grouped by the device it belongs to. From a row's Action menu an administrator edits a credential and configures its Just In Time settings, or starts a session."
      contents={[
        'A group header per device: device name, address, type, vendor and site.',
        'Columns ID, Type, Just in time, Username, Additional information, Domain, Tags, Last use, Session status and Action; sortable, and fast at 10,000 credentials.',
        'In the Action column, a Start session button and a menu with View password, Details, History, Edit, Clone and Delete.',
        'A filter bar (Username, Device, Just in time Yes/No, Status, Type, Tags) with Filter and Clear.',
        'A View actions menu with + New, Refresh and Export CSV.',
        'The Credential form, a dialog with the Information, Execution settings and JIT Settings tabs.',
      ]}
      builtBy="The credentials issue builds this list and the Credential form."
    />
  );
}
