import type { IncomingHttpHeaders } from "node:http";
import type { ForwardOutcome } from "./event-line.ts";

// Passes a verified webhook on to the developer's endpoint exactly as it came: the same bytes
// and the signing headers, so that the endpoint can verify it with the same secret key.

/** The headers the signature covers or names, and the body's type. */
const forwardedHeaders = [
  "content-type",
  "access-key",
  "sign-method",
  "timestamp",
  "request-id",
  "signature",
] as const;

/** How long the endpoint may take to answer: a stuck endpoint must not hold the sender. */
export const forwardTimeoutMs = 10_000;

/** Posts `body` with the signing headers of `headers` to `url`; never throws. */
export async function forwardWebhook(
  url: string,
  body: Uint8Array,
  headers: IncomingHttpHeaders,
): Promise<ForwardOutcome> {
  const sent: Record<string, string> = {};
  for (const name of forwardedHeaders) {
    const value = headers[name];
    if (typeof value === "string") sent[name] = value;
  }
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: sent,
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(forwardTimeoutMs),
    });
    // The endpoint's answer body is not read, nor printed: only its status matters here.
    await response.body?.cancel();
    return { status: response.status };
  } catch (error) {
    return { status: null, error: reasonOf(error) };
  }
}

// fetch's own message is only "fetch failed"; the cause says why (ECONNREFUSED …).
function reasonOf(error: unknown): string {
  if (error instanceof Error && error.name === "TimeoutError") {
    return `no answer within ${forwardTimeoutMs / 1000} s`;
  }
  const cause =
    error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (typeof cause?.code === "string") return cause.code;
  return error instanceof Error ? error.message : String(error);
}
