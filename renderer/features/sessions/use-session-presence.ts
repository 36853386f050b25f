import { useEffect } from 'react';
import type { StreamEnd } from '../../../shared/contract/streams';
import { api } from '../../api/client';

/**
 * While the session is live, the view Start session opened holds a stream of its connection open in the core
 * (`sessions.attach`): closing the tab or the window closes it with the connection, and the
 * session ends unless the view comes back within a few seconds (a reload). Leaving the view in the
 * app closes it here, and the session goes on: the user chose Leave.
 */
export function useSessionPresence(sessionId: string, live: boolean): void {
  useEffect(() => {
    if (!live) return;
    let gone = false;
    let stream: StreamEnd | undefined;
    void api.call('sessions.attach', { id: sessionId }).then(async (result) => {
      if (!result.ok) return;
      const opened = await api.stream(result.value.streamId);
      if (gone) opened?.close();
      else stream = opened;
    });
    return () => {
      gone = true;
      stream?.close();
    };
  }, [sessionId, live]);
}
