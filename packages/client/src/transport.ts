// What sits beneath the typed methods and openapi-fetch. Two ways in, one attempt loop:
// - `fetch`, the custom fetch of openapi-fetch: calls through `raw`, and typed calls while a
//   middleware is registered (it must see them). It reads the body of the Request once, or
//   takes the JSON text a typed call serialized, and answers with a Response.
// - `call`: a typed call that no middleware sees, straight from its operation, headers and
//   JSON text to its result. The Request and Response that nobody would read cost about half
//   of what a typed call added to a loopback round trip (docs/benchmarks.md).

import {
  type CallResult,
  createAttemptLoop,
  type DeliveredCall,
  type OutgoingCall,
  type TransportConfig,
} from "./attempt-loop.ts";
import type { OperationEntry } from "./operation-table.ts";
import type { WireBody } from "./send-attempt.ts";

export type { Authorization, CallResult, TransportConfig } from "./attempt-loop.ts";

/** Per-call settings, carried on the Request openapi-fetch builds. */
export interface CallSettings {
  readonly timeoutMs?: number | undefined;
  readonly totalTimeoutMs?: number | undefined;
  /** The operation of a typed call. */
  readonly operation?: OperationEntry | undefined;
  /** The body as the typed methods serialized it (their Request carries none). */
  readonly body?: string | undefined;
}

/** The property of the Request that carries {@link CallSettings}. */
export const callSettingsKey = "simlesslyCallSettings";

/** A typed call that goes to the transport directly. */
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

/** The two ways into the transport, and the results of the answers `fetch` produced. */
export interface Transport {
  readonly fetch: (input: Request) => Promise<Response>;
  readonly call: (call: TypedCall) => Promise<DeliveredCall>;
  resultOf(response: Response): CallResult | undefined;
}

// The answer handed to openapi-fetch holds a re-encoded text body: drop the headers that
// described the bytes on the wire.
function answerHeaders(response: Response): Headers {
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  headers.delete("content-encoding");
  return headers;
}

// A typed call's headers as a Request would carry them. A caller's headers go through Headers,
// which refuses a bad name or value before anything is sent and trims values as fetch would.
function typedCallHeaders(extra: Readonly<Record<string, string>> | undefined) {
  const headers: Record<string, string> = {};
  if (extra !== undefined) {
    new Headers(extra).forEach((value, name) => {
      headers[name] = value;
    });
  }
  headers["content-type"] = "application/json";
  return headers;
}

/** Creates the transport of one client. */
export function createTransport(config: TransportConfig): Transport {
  const results = new WeakMap<Response, CallResult>();
  const runAttempts = createAttemptLoop(config);

  async function fetchThrough(request: Request): Promise<Response> {
    const settings = (request as unknown as Record<string, CallSettings | undefined>)[
      callSettingsKey
    ];
    // Read once. A typed call hands over its JSON text (fetch sends a string as UTF-8, the
    // signer signs the same UTF-8); a call through `raw` is read from its Request as bytes.
    const body: WireBody =
      settings?.body ??
      (request.body === null ? null : new Uint8Array(await request.arrayBuffer()));
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    // The Request's `redirect` is not passed on: no attempt follows a redirect, whatever a
    // caller of `raw` asked for (send-attempt.ts).
    const outgoing: OutgoingCall = {
      operation: settings?.operation ?? config.operations.forUrl(request.url),
      url: request.url,
      method: request.method,
      headers,
      signal: request.signal,
      body,
      timeoutMs: settings?.timeoutMs ?? config.timeoutMs,
      totalTimeoutMs: settings?.totalTimeoutMs ?? config.totalTimeoutMs,
    };
    const { result, response, text, normalized } = await runAttempts(outgoing);
    // A typed call reads its data from `resultOf`, so the answer its middleware sees carries
    // no body (building one costs a copy and a stream nobody reads); `raw` gets the
    // normalized JSON.
    const answer =
      settings?.operation !== undefined
        ? new Response(null, { status: response.status, statusText: response.statusText })
        : new Response(normalized?.changed ? JSON.stringify(normalized.value) : text, {
            status: response.status,
            statusText: response.statusText,
            headers: answerHeaders(response),
          });
    results.set(answer, result);
    return answer;
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
    resultOf: (response) => results.get(response),
  };
}
