import { PlannedScreen } from '../common/PlannedScreen';

export function CredentialsJitScreen() {
  return (
    <PlannedScreen
      title="Credentials — Just In Time"
      summary="The credential list restricted to Just In Time credentials: those whose account is enabled or created only for the length of a session."
      contents={[
        'The same grouped list, columns and row actions as Credentials — All, showing only JIT credentials.',
        'The JIT type of each credential (Enable/Disable or Creation and deletion) and its session status.',
        'Start session, which provisions the account on the device before the session opens.',
      ]}
      builtBy="The credentials issue builds this list together with Credentials — All."
    />
  );
}
