// The bytes of request bodies the sandbox holds at once, across every connection. Each body
// is already capped on its own (`maxBodyBytes`), but many bodies at once are not: without a
// shared budget, a few dozen connections each sending a body just under the cap grow the
// process by hundreds of megabytes.

/** A shared allowance of body bytes: reserved before reading, released when done. */
export interface BodyBudget {
  /** The most bytes that may be reserved at once. */
  readonly limit: number;
  /** Bytes reserved right now. */
  readonly reserved: number;
  /** Reserves `bytes` if the budget allows it; false (and nothing reserved) otherwise. */
  tryReserve(bytes: number): boolean;
  /** Gives back bytes reserved earlier. */
  release(bytes: number): void;
}

/** Creates a budget of `limit` bytes. */
export function createBodyBudget(limit: number): BodyBudget {
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new Error("sandbox: maxBufferedBodyBytes must be a whole number of bytes");
  }
  let reserved = 0;
  return {
    limit,
    get reserved() {
      return reserved;
    },
    tryReserve(bytes) {
      if (reserved + bytes > limit) return false;
      reserved += bytes;
      return true;
    },
    release(bytes) {
      reserved = Math.max(0, reserved - bytes);
    },
  };
}
