// What happened to one attempt, and the rule both the retry policy and each error's
// `retryable` follow: only what provably was not processed (connection refused before
// sending, 429) or what changes nothing (operations the spec marks `x-read-only`) may be sent
// again. A redirect never: the same request to the same address gets the same answer.
import type { RefusedRedirect } from "./refused-redirect.ts";

/** What happened to one attempt, as far as retrying is concerned. */
export type AttemptFailure =
  /** Refused or unresolvable before anything was sent. */
  | { readonly kind: "not-sent" }
  /** The connection broke after the request may have been written. */
  | { readonly kind: "connection-lost" }
  | { readonly kind: "timeout"; readonly scope: "attempt" | "total" }
  | { readonly kind: "aborted" }
  /** The server answered with a redirect, which is never followed. */
  | { readonly kind: "redirect"; readonly redirect: RefusedRedirect }
  | { readonly kind: "http"; readonly status: number; readonly retryAfterMs: number | null };

/** True when sending the request again cannot repeat an effect. */
export function isSafeToRetry(failure: AttemptFailure, readOnly: boolean): boolean {
  switch (failure.kind) {
    case "not-sent":
      return true;
    case "connection-lost":
      return readOnly;
    case "timeout":
      return readOnly && failure.scope === "attempt";
    case "aborted":
    case "redirect":
      return false;
    case "http":
      return failure.status === 429 || (readOnly && failure.status >= 500);
  }
}
