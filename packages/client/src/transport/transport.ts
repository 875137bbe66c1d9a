// What sits beneath the typed methods and openapi-fetch. Two ways in, one attempt loop (where
// signing, retries and the per-attempt hooks are):
// - `call`: every typed call, straight from its operation, headers and JSON text to its
//   result. No Request or Response is built: nobody would read them, and they cost about half
//   of what a typed call added to a loopback round trip (docs/benchmarks.md).
// - `fetch`, the custom fetch of openapi-fetch: calls through `raw`, after its middleware. It
//   reads the body of the Request once and answers with a Response.

import type { OperationEntry } from "../operation-table.ts";
import {
  createAttemptLoop,
  type DeliveredCall,
  type OutgoingCall,
  type TransportConfig,
} from "./attempt-loop.ts";
import type { WireBody } from "./send-attempt.ts";

export type { Authorization, CallResult, TransportConfig } from "./attempt-loop.ts";

/** A typed call. */
export interface TypedCall {
  readonly operation: OperationEntry;
  /** The operation's URL under the client's base URL. */
  readonly url: string;
  /** Upper case, as fetch sends it. */
  readonly method: string;
  /** The JSON text of the body, as the typed method serialized it; null for none. */
  readonly body: string | null;
  /** The caller's extra headers. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs?: number | undefined;
  readonly totalTimeoutMs?: number | undefined;
}

/** The two ways into the transport. */
export interface Transport {
  /** The fetch openapi-fetch calls for `raw`. */
  readonly fetch: (input: Request) => Promise<Response>;
  readonly call: (call: TypedCall) => Promise<DeliveredCall>;
}

// The answer handed to openapi-fetch holds a re-encoded text body: drop the headers that
// described the bytes on the wire.
function answerHeaders(response: Response): Headers {
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  headers.delete("content-encoding");
  return headers;
}

const jsonHeaders: Readonly<Record<string, string>> = Object.freeze({
  "content-type": "application/json",
});

// A typed call's headers as a Request would carry them. A caller's headers go through Headers,
// which refuses a bad name or value before anything is sent and trims values as fetch would.
// Without any, the shared set: the attempt loop copies it before adding to it.
function typedCallHeaders(extra: Readonly<Record<string, string>> | undefined) {
  if (extra === undefined) return jsonHeaders;
  const headers: Record<string, string> = {};
  new Headers(extra).forEach((value, name) => {
    headers[name] = value;
  });
  headers["content-type"] = "application/json";
  return headers;
}

/** Creates the transport of one client. */
export function createTransport(config: TransportConfig): Transport {
  const runAttempts = createAttemptLoop(config);

  async function fetchThrough(request: Request): Promise<Response> {
    // Read once, as bytes: every attempt signs and sends exactly these.
    const body: WireBody =
      request.body === null ? null : new Uint8Array(await request.arrayBuffer());
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    // The Request's `redirect` is not passed on: no attempt follows a redirect, whatever a
    // caller of `raw` asked for (send-attempt.ts).
    const outgoing: OutgoingCall = {
      operation: config.operations.forUrl(request.url),
      url: request.url,
      method: request.method,
      headers,
      signal: request.signal,
      body,
      timeoutMs: config.timeoutMs,
      totalTimeoutMs: config.totalTimeoutMs,
    };
    const { response, text, normalized } = await runAttempts(outgoing);
    // The normalized JSON, so that `raw` reads the same spellings the typed methods do.
    return new Response(normalized?.changed ? JSON.stringify(normalized.value) : text, {
      status: response.status,
      statusText: response.statusText,
      headers: answerHeaders(response),
    });
  }

  function callDirectly(call: TypedCall): Promise<DeliveredCall> {
    return runAttempts({
      operation: call.operation,
      url: call.url,
      method: call.method,
      headers: typedCallHeaders(call.headers),
      signal: call.signal,
      body: call.body,
      timeoutMs: call.timeoutMs ?? config.timeoutMs,
      totalTimeoutMs: call.totalTimeoutMs ?? config.totalTimeoutMs,
    });
  }

  return {
    fetch: fetchThrough,
    call: callDirectly,
  };
}
