// The seen-request-id store of one product. An id only needs remembering while a request
// carrying it could still pass the timestamp check, so each id is kept until its timestamp
// leaves the tolerance window, and the store stays bounded however long the sandbox runs.

/** Remembers request ids for replay detection. */
export interface ReplayStore {
  /**
   * Records an id (already canonical) seen with this request timestamp; returns true when it
   * was recorded before and has not expired, i.e. the request is a replay.
   */
  seen(requestId: string, timestampMs: number): boolean;
  /** How many ids are held. */
  readonly size: number;
  /** Forgets every id. */
  clear(): void;
}

/** Options of {@link createReplayStore}. */
export interface ReplayStoreOptions {
  /** The signature tolerance: a timestamp older or newer than this is refused anyway. */
  readonly toleranceMs: number;
  readonly now: () => number;
  /**
   * Hard cap on held ids. Past it the oldest are dropped, which opens a replay window for
   * them; the cap exists so that a flood of requests cannot exhaust memory.
   */
  readonly maxEntries?: number;
}

/** Creates a replay store whose ids expire with their timestamps. */
export function createReplayStore(options: ReplayStoreOptions): ReplayStore {
  const { toleranceMs, now } = options;
  const maxEntries = options.maxEntries ?? 1_000_000;
  // id → the time after which its timestamp no longer passes the tolerance check.
  const expiries = new Map<string, number>();
  let nextSweepAt = 0;

  const sweep = (at: number) => {
    for (const [id, expiry] of expiries) {
      if (expiry <= at) expiries.delete(id);
    }
    nextSweepAt = at + Math.max(1_000, Math.floor(toleranceMs / 10));
  };

  return {
    seen(requestId, timestampMs) {
      const at = now();
      if (at >= nextSweepAt) sweep(at);
      const expiry = expiries.get(requestId);
      if (expiry !== undefined && expiry > at) return true;
      // Insertion order is the eviction order; re-insert so a renewed id moves to the end.
      expiries.delete(requestId);
      expiries.set(requestId, Math.max(timestampMs + toleranceMs, at) + 1);
      if (expiries.size > maxEntries) {
        const oldest = expiries.keys().next();
        if (oldest.done !== true) expiries.delete(oldest.value);
      }
      return false;
    },
    get size() {
      return expiries.size;
    },
    clear() {
      expiries.clear();
    },
  };
}
