// A redirect the client did not follow, as errors report it: the status and at most the
// origin of the target (its path or query may carry a token). See redirect.ts for why.

/** A redirect the client refused to follow. */
export interface RefusedRedirect {
  /** The 3xx status; 0 when a browser hid the answer (`opaqueredirect`). */
  readonly httpStatus: number;
  /** The origin of the `Location`; null when there was none, it was unreadable, or hidden. */
  readonly origin: string | null;
}

/** What the server did, for an error message: the status and at most the target's origin. */
export function redirectText(redirect: RefusedRedirect): string {
  const what =
    redirect.httpStatus === 0
      ? "answered with a redirect the browser hides"
      : `answered HTTP ${redirect.httpStatus} redirecting ${redirect.origin === null ? "elsewhere" : `to ${redirect.origin}`}`;
  return `${what}; not followed: signed requests are never sent to another address`;
}
