// Signed requests are sent with `redirect: "manual"` and a redirect is never followed: the
// body holds Ki and OPc and the headers a valid signature, and following would hand both to
// whatever address the server names. What reaches the client instead: in Node, Deno and
// workers the 3xx answer itself; in a browser an `opaqueredirect` answer with status 0 and
// nothing readable. Only the origin of the `Location` is ever kept: its path or query may
// carry a token.

import type { RefusedRedirect } from "../errors/refused-redirect.ts";

/** The statuses fetch would follow (the other 3xx are not redirects). */
const redirectStatuses: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

function originOf(location: string | null, requestUrl: string): string | null {
  if (location === null) return null;
  try {
    const { origin } = new URL(location, requestUrl);
    // An opaque origin (`data:`, `about:`) serializes as "null".
    return origin === "null" ? null : origin;
  } catch {
    return null;
  }
}

/** The redirect `response` is, or null when it is not one. */
export function readRedirect(response: Response, requestUrl: string): RefusedRedirect | null {
  if (response.type === "opaqueredirect") return { httpStatus: 0, origin: null };
  if (!redirectStatuses.has(response.status)) return null;
  return {
    httpStatus: response.status,
    origin: originOf(response.headers.get("location"), requestUrl),
  };
}
