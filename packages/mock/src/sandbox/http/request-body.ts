// Reading one request body within the sandbox's limits: at most `maxBytes` for this request,
// and only bytes the shared budget has room for. Nothing is read until the edge asks for it,
// which it does only once the headers alone no longer refuse the request.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { BodyBudget } from "./body-budget.ts";

/** The limits every body is read within. */
export interface BodyLimits {
  /** The largest body of one request. */
  readonly maxBytes: number;
  /** Shared by every request in flight. */
  readonly budget: BodyBudget;
}

/** Why a body was not read to its end. */
export type BodyRefusal = "too-large" | "busy" | "aborted";

/** One request's body: what its headers declare, and the bytes once read. */
export interface RequestBody {
  /** True when the declared Content-Length alone is over the limit. */
  readonly declaredTooLarge: boolean;
  /** Reads the whole body, or says why not (the unread rest is left on the socket). */
  read(): Promise<Buffer | BodyRefusal>;
  /** Gives back what this request reserved from the budget; call once, when done with it. */
  release(): void;
}

/** Wraps a request's body without reading any of it. */
export function openRequestBody(
  request: IncomingMessage,
  response: ServerResponse,
  limits: BodyLimits,
): RequestBody {
  // node:http has already refused a malformed Content-Length, and one next to a
  // Transfer-Encoding; without either, a request has no body.
  const lengthHeader = request.headers["content-length"];
  const declared =
    request.headers["transfer-encoding"] !== undefined
      ? undefined
      : lengthHeader === undefined
        ? 0
        : Number(lengthHeader);
  let held = 0;
  const reserve = (bytes: number) => {
    if (!limits.budget.tryReserve(bytes)) return false;
    held += bytes;
    return true;
  };

  return {
    declaredTooLarge: declared !== undefined && declared > limits.maxBytes,
    read() {
      // The client may have gone while the headers were being checked.
      if (request.destroyed) return Promise.resolve("aborted");
      if (declared !== undefined && declared > limits.maxBytes) return Promise.resolve("too-large");
      // A declared length is reserved whole before the first byte, so a request either has
      // room for all of its body or is refused unread; a chunked body reserves as it arrives.
      if (declared !== undefined && !reserve(declared)) return Promise.resolve("busy");
      // The client waits for this before sending the body; it is sent only now, once the
      // request is known to be worth reading.
      if (/^100-continue$/i.test(request.headers.expect ?? "")) response.writeContinue();
      return collect(request, limits.maxBytes, declared === undefined ? reserve : () => true);
    },
    release() {
      limits.budget.release(held);
      held = 0;
    },
  };
}

function collect(
  request: IncomingMessage,
  maxBytes: number,
  reserve: (bytes: number) => boolean,
): Promise<Buffer | BodyRefusal> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (outcome: Buffer | BodyRefusal) => {
      request.off("data", onData);
      request.off("end", onEnd);
      request.off("error", onError);
      request.off("close", onClose);
      // Whatever was not read stays unread: the edge answers and closes the connection
      // instead of draining a body it will not use.
      if (!Buffer.isBuffer(outcome)) request.pause();
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return finish("too-large");
      if (!reserve(chunk.length)) return finish("busy");
      chunks.push(chunk);
    };
    const onEnd = () => finish(Buffer.concat(chunks, size));
    const onError = () => finish("aborted");
    const onClose = () => {
      if (!request.complete) finish("aborted");
    };
    request.on("data", onData);
    request.once("end", onEnd);
    request.once("error", onError);
    request.once("close", onClose);
  });
}
