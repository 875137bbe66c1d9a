// Remembers the `Request-ID`s of accepted webhooks, so that a captured request sent again
// within the freshness window is refused. After the window the freshness check refuses it
// anyway, so an id needs keeping only until then.

/** Where accepted request ids are remembered (memory, Redis `SET NX PX`, a database, …). */
export interface ReplayStore {
  /**
   * True when `id` was seen and has not expired; otherwise records it until `expiresAt`
   * (milliseconds since the epoch) and returns false. Must be atomic for concurrent calls.
   */
  seen(id: string, expiresAt: number): boolean | Promise<boolean>;
}

/** Options of {@link createMemoryReplayStore}. */
export interface MemoryReplayStoreOptions {
  /** The clock that decides expiry; `Date.now` by default (pass the verifier's `now`). */
  readonly now?: () => number;
  /**
   * Most ids kept; when full, the ones expiring first are dropped. 100 000 by default: only
   * authentic, fresh webhooks are recorded, so the bound is a guard, not a working limit.
   */
  readonly maxEntries?: number;
}

/** A replay store in this process's memory; it forgets each id once its window has passed. */
export function createMemoryReplayStore(options: MemoryReplayStoreOptions = {}): ReplayStore {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 100_000;
  // A Map keeps insertion order, and ids expire in about the order they arrive: sweeping
  // from the front until the first live id costs little per call. An expired id left behind
  // a live one is still treated as unseen (the lookup checks its expiry).
  const expiries = new Map<string, number>();

  const sweep = (at: number) => {
    for (const [id, expiresAt] of expiries) {
      if (expiresAt > at) break;
      expiries.delete(id);
    }
    while (expiries.size >= maxEntries) {
      const oldest = expiries.keys().next();
      if (oldest.done) break;
      expiries.delete(oldest.value);
    }
  };

  return {
    seen(id, expiresAt) {
      const at = now();
      const known = expiries.get(id);
      if (known !== undefined && known > at) return true;
      sweep(at);
      expiries.set(id, expiresAt);
      return false;
    },
  };
}
