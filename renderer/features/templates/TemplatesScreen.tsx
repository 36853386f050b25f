import { PlannedScreen } from '../common/PlannedScreen';

export function TemplatesScreen() {
  return (
    <PlannedScreen
      title="Templates"
      summary="The execution templates that enable, disable, create and delete accounts on devices. They must exist before a JIT credential can use them."
      contents={[
        'A list with Name, Plugin, Execution type, Active and Version.',
        'An editor with the tag legend ([#USERNAME#], [#NEW_PASSWORD#], ...), a syntax check for the chosen plugin, version history and Clone.',
        'Test on a device: run the template against a device and see the result and its log.',
      ]}
      builtBy="The templates issue builds the list and the editor."
    />
  );
}
