import { PlannedScreen } from '../common/PlannedScreen';

export function DevicesScreen() {
  return (
    <PlannedScreen
      title="All devices"
      summary="The target systems credentials belong to. A device must exist before its credentials."
      contents={[
        'A list with Name, Address, Type, Vendor, Product, Site and Tags.',
        'The device form with its Information and Connectivity tabs (protocol and port, e.g. SSH 22, PostgreSQL 5432).',
        'Disabling a device, which disables its credentials.',
      ]}
      builtBy="The devices issue builds the list and the device form."
    />
  );
}
