import { PlannedScreen } from '../common/PlannedScreen';

export function SessionsScreen() {
  return (
    <PlannedScreen
      title="Remote sessions"
      summary="Live and finished sessions opened on JIT credentials, with where each one stands in its lifecycle."
      contents={[
        'Each session with its credential, device, operator, start and end time, and status: Provisioning, Active, Ending, Ended, Failed or Needs attention.',
        'End session on a live session, and Force close (with a reason, audited) on one that needs attention.',
        'The in-app terminal (SSH) or SQL console (PostgreSQL, MySQL) of a live session.',
      ]}
      builtBy="The sessions and JIT lifecycle issues build it."
    />
  );
}
