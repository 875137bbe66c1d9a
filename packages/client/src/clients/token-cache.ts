// The CMP bearer token: fetched on first use, shared by concurrent calls (one request for
// all of them), and renewed ahead of expiry. `expireIn` arrives as a string of seconds.

/** A token as the token operation returns it. */
export interface IssuedToken {
  readonly token: string;
  /** Lifetime in seconds, as a decimal string (CMP sends a string, e.g. "3600"). */
  readonly expireIn: string | number;
}

/** Options of {@link createTokenCache}. */
export interface TokenCacheOptions {
  /** Asks the server for a new token. */
  readonly requestToken: () => Promise<IssuedToken>;
  /** Local milliseconds; default Date.now. */
  readonly now?: (() => number) | undefined;
  /** Renew this long before expiry (at most half the lifetime); default 60 s. */
  readonly refreshMarginMs?: number | undefined;
  /** Told about every new token (the client adds it to the values it scrubs). */
  readonly onToken?: ((token: string) => void) | undefined;
}

/** The token of one client. */
export interface TokenCache {
  /** A token valid for at least the margin, fetching or renewing it when needed. */
  get(): Promise<string>;
  /** Forgets `token` if it is the cached one (after the server refused it). */
  invalidate(token: string): void;
}

/** Reads `expireIn` as milliseconds; 0 when unreadable (the token is then used once). */
export function lifetimeMs(expireIn: string | number): number {
  const seconds = typeof expireIn === "number" ? expireIn : Number(expireIn.trim());
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}

/** Creates an empty token cache. */
export function createTokenCache(options: TokenCacheOptions): TokenCache {
  const now = options.now ?? Date.now;
  const margin = options.refreshMarginMs ?? 60_000;
  let cached: { token: string; renewAt: number } | null = null;
  let pending: Promise<string> | null = null;

  const fetchToken = async (): Promise<string> => {
    // Timed from the request, not the answer: the lifetime started at most then.
    const requestedAt = now();
    const issued = await options.requestToken();
    const lifetime = lifetimeMs(issued.expireIn);
    cached = {
      token: issued.token,
      renewAt: requestedAt + lifetime - Math.min(margin, lifetime / 2),
    };
    options.onToken?.(issued.token);
    return issued.token;
  };

  return {
    get() {
      if (cached !== null && now() < cached.renewAt) return Promise.resolve(cached.token);
      pending ??= fetchToken().finally(() => {
        pending = null;
      });
      return pending;
    },
    invalidate(token) {
      if (cached?.token === token) cached = null;
    },
  };
}
