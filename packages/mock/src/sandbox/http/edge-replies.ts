// Writing replies, and the failures the HTTP edge answers itself (not an operation's), in the
// product's own shape.
import type { IncomingMessage, ServerResponse } from "node:http";
import { EimSandboxStatus } from "../engine/eim-codes.ts";
import { eimFailure, type Reply, rspFailure } from "../engine/envelopes.ts";
import type { ProductName } from "../router/routes.ts";

/** Writes a reply as JSON (or empty). */
export function send(response: ServerResponse, reply: Reply): void {
  write(response, reply, {});
}

/**
 * Writes a reply and closes the connection once it is flushed. For answers given before the
 * body was read: the unread rest is dropped with the connection rather than drained.
 */
export function sendAndClose(response: ServerResponse, reply: Reply): void {
  // node:http ends and destroys the socket after a response that says `connection: close`.
  write(response, reply, { connection: "close" });
}

/**
 * Writes a reply to a request whose body was not read: the connection is closed when a body
 * may still be on its way, and kept alive when there is none.
 */
export function sendUnread(request: IncomingMessage, response: ServerResponse, reply: Reply): void {
  const length = request.headers["content-length"];
  const hasBody =
    request.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
  if (hasBody && !request.complete) sendAndClose(response, reply);
  else send(response, reply);
}

function write(
  response: ServerResponse,
  reply: Reply,
  extra: Readonly<Record<string, string>>,
): void {
  const headers: Record<string, string | number> = { ...reply.headers, ...extra };
  if (reply.body === undefined) {
    response.writeHead(reply.status, { ...headers, "content-length": 0 });
    response.end();
    return;
  }
  const text = JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    ...headers,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  response.end(text);
}

/** Failures the edge answers itself. */
export type EdgeFailure =
  | "INVALID_JSON"
  | "BAD_FAULT_HEADER"
  | "BODY_TOO_LARGE"
  | "SANDBOX_BUSY"
  | "RATE_LIMITED"
  | "SANDBOX_FAULT";

/** An edge failure in the shape of `product`. */
export function edgeFailure(
  product: ProductName,
  httpStatus: number,
  code: EdgeFailure,
  message: string,
  headers?: Readonly<Record<string, string>>,
): Reply {
  // eIM carries the sandbox's own status where it has one, else the HTTP status.
  const eimStatus: Record<EdgeFailure, number> = {
    INVALID_JSON: EimSandboxStatus.INVALID_JSON,
    BAD_FAULT_HEADER: EimSandboxStatus.BAD_FAULT_HEADER,
    BODY_TOO_LARGE: httpStatus,
    SANDBOX_BUSY: httpStatus,
    RATE_LIMITED: httpStatus,
    SANDBOX_FAULT: httpStatus,
  };
  const body =
    product === "rsp"
      ? rspFailure(code, message)
      : product === "eim"
        ? eimFailure(eimStatus[code], `${code}: ${message}`)
        : { message };
  return { status: httpStatus, body, ...(headers === undefined ? {} : { headers }) };
}

/** The answer of an injected 429 or 5xx. */
export function faultReply(
  product: ProductName,
  status: number,
  retryAfterSeconds?: number,
): Reply {
  if (status === 429) {
    return edgeFailure(product, 429, "RATE_LIMITED", "too many requests (injected)", {
      "retry-after": String(retryAfterSeconds ?? 1),
    });
  }
  return edgeFailure(product, status, "SANDBOX_FAULT", `server error ${status} (injected)`);
}

/** How long a client is asked to wait when the body budget is full. */
export const busyRetryAfterSeconds = 1;

/** The answer when the shared body budget has no room for this body (see body-budget.ts). */
export function busyReply(product: ProductName): Reply {
  return edgeFailure(
    product,
    503,
    "SANDBOX_BUSY",
    "too many request bodies are being read; retry later",
    { "retry-after": String(busyRetryAfterSeconds) },
  );
}

/** The answer to a body over `maxBodyBytes`. */
export function tooLargeReply(product: ProductName): Reply {
  return edgeFailure(product, 413, "BODY_TOO_LARGE", "the body is too large");
}
