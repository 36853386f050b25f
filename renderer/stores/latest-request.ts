/**
 * Latest request wins: a store's list can be asked for again before the last answer came (events
 * arrive in bursts, the user pages quickly), and answers may come back out of order. Each request
 * takes a ticket; an answer whose ticket is no longer the latest is dropped, so a slow older answer
 * never overwrites the one the user asked for next.
 *
 *   const loads = latestRequest();
 *   const isLatest = loads.begin();
 *   const result = await api.call(...);
 *   if (!isLatest()) return;
 */
export interface LatestRequest {
  /** Starts a request; the returned function tells whether it is still the latest one. */
  begin: () => () => boolean;
}

export function latestRequest(): LatestRequest {
  let latest = 0;
  return {
    begin: () => {
      const ticket = ++latest;
      return () => ticket === latest;
    },
  };
}

/** The same, counted apart per key (host keys are loaded per address). */
export interface LatestRequestByKey<K> {
  begin: (key: K) => () => boolean;
}

export function latestRequestByKey<K>(): LatestRequestByKey<K> {
  const latest = new Map<K, number>();
  return {
    begin: (key) => {
      const ticket = (latest.get(key) ?? 0) + 1;
      latest.set(key, ticket);
      return () => latest.get(key) === ticket;
    },
  };
}
