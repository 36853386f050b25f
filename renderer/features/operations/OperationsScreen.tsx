import { PlannedScreen } from '../common/PlannedScreen';

export function OperationsScreen() {
  return (
    <PlannedScreen
      title="Operations"
      summary="Every template run: JIT enable, disable, creation and deletion, and template tests."
      contents={[
        'Each operation with its template and version, device, credential and status: Scheduled, Running, Successful, Error or Canceled.',
        'Its attempts (failed cleanups are retried with backoff) and the log of each attempt, with secrets masked.',
      ]}
      builtBy="The operations issue builds it, on top of the lifecycle runner."
    />
  );
}
