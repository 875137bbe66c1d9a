// The shapes of the generated metadata (src/generated/<product>/metadata.ts checks its data
// against them with `satisfies`). The data itself is `as const`, so each entry keeps its
// literal types; these are the common shapes to write functions against.

/** An HTTP method as OpenAPI spells it. */
export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

/** One operation of a product's API. */
export interface OperationInfo {
  readonly operationId: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly tags: readonly string[];
  readonly deprecated: boolean;
  readonly summary: string | null;
  /** The named schema of the JSON request body, or null without a body. */
  readonly requestSchema: string | null;
  /** The named schema of the 2xx JSON response body, or null without one. */
  readonly responseSchema: string | null;
  /** The named schema of the `default` (else the first 4xx/5xx) JSON response body, or null. */
  readonly errorSchema: string | null;
  /**
   * True when the spec marks the operation `x-read-only: true`: it changes no state, so a
   * client may send it again after a timeout or a 5xx. Anything else may have taken effect.
   */
  readonly readOnly: boolean;
}

/** One webhook: a call the platform makes to your endpoint. */
export interface WebhookInfo {
  readonly name: string;
  readonly operationId: string;
  readonly method: HttpMethod;
  readonly tags: readonly string[];
  readonly deprecated: boolean;
  readonly summary: string | null;
  /** The named schema of the JSON payload, or null without one. */
  readonly payloadSchema: string | null;
}

/** The item limits of one top-level array field of a request body. */
export interface BatchLimit {
  readonly operationId: string;
  /** The request body property holding the array. */
  readonly field: string;
  /** At least this many items. */
  readonly minItems: number;
  /** At most this many items, or null when unbounded. */
  readonly maxItems: number | null;
}

/** One documented error code. */
export interface ErrorCodeInfo {
  readonly code: number;
  /** A stable SCREAMING_SNAKE_CASE name. */
  readonly name: string;
  /** The platform's own message. */
  readonly message: string;
}
