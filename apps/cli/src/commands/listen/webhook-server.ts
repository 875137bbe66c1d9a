import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import {
  createMemoryReplayStore,
  parseWebhook,
  SimlesslyWebhookError,
  verifyWebhook,
  WebhookMalformedError,
  WebhookReplayError,
} from "@simlessly/client/webhooks";
import type { ForwardOutcome, ReceivedEvent } from "./event-line.ts";
import { forwardWebhook } from "./forward-webhook.ts";

// The HTTP side of `simlessly listen`: reads each POST's exact bytes, verifies and parses
// them, forwards them when asked, and answers the sender.

/** A refused request: the status answered and why (never the body). */
export interface Refusal {
  readonly receivedAt: number;
  readonly status: number;
  readonly reason: string;
  readonly requestId: string | null;
}

/** What the server needs. */
export interface WebhookServerOptions {
  readonly secretKey: string;
  /** The developer's endpoint, or undefined. */
  readonly forwardTo: string | undefined;
  readonly onEvent: (event: ReceivedEvent) => void;
  readonly onRefusal: (refusal: Refusal) => void;
}

/** Webhooks are small JSON documents; anything much larger is refused unread. */
const maxBodyBytes = 1024 * 1024;

/** A server (not yet listening) that receives webhooks as `options` says. */
export function createWebhookServer(options: WebhookServerOptions): Server {
  // One store for this run: a Request-ID is accepted once within the tolerance window.
  const replayStore = createMemoryReplayStore();
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const receivedAt = Date.now();
    const refuse = (status: number, reason: string, requestId: string | null = null) => {
      options.onRefusal({ receivedAt, status, reason, requestId });
      response.writeHead(status, { "content-type": "text/plain" }).end(`${reason}\n`);
    };
    if (request.method !== "POST") {
      response.setHeader("allow", "POST");
      return refuse(405, `method ${request.method ?? "?"} not allowed: webhooks are POSTed`);
    }
    const body = await readBody(request);
    if (body === undefined) return refuse(413, `the body is over ${maxBodyBytes} bytes`);
    let requestId: string;
    let webhook: ReceivedEvent["webhook"];
    try {
      ({ requestId } = await verifyWebhook({
        body,
        headers: request.headers,
        secretKey: options.secretKey,
        replayStore,
      }));
      webhook = parseWebhook(body);
    } catch (error) {
      if (!(error instanceof SimlesslyWebhookError)) throw error;
      // The errors read "webhook refused: …"; the line already says it was refused.
      const reason = error.message.replace(/^(webhook )?refused: /, "");
      return refuse(refusalStatus(error), reason, error.requestId);
    }
    let forward: ForwardOutcome | undefined;
    if (options.forwardTo !== undefined) {
      forward = await forwardWebhook(options.forwardTo, body, request.headers);
    }
    options.onEvent({ receivedAt, requestId, webhook, forward });
    response.writeHead(answerStatus(forward)).end();
  };
  return createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
}

// 401: not from whoever holds the secret key (a bad signature, or a stale timestamp, which
// may be a captured request played again); 409: a Request-ID already accepted; 400: the
// request is not a webhook that can be read.
function refusalStatus(error: SimlesslyWebhookError): number {
  if (error instanceof WebhookReplayError) return 409;
  if (error instanceof WebhookMalformedError) return 400;
  return 401;
}

// The sender is answered after the forward, with the endpoint's own status, so that the
// sandbox's delivery log (and its retries) reflect the developer's endpoint as if it had
// been called directly; an endpoint that cannot be reached is a 502. Without --forward-to,
// a verified webhook is answered 204.
function answerStatus(forward: ForwardOutcome | undefined): number {
  if (forward === undefined) return 204;
  if (forward.status === null) return 502;
  return forward.status >= 200 && forward.status <= 599 ? forward.status : 502;
}

async function readBody(request: IncomingMessage): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  // An oversized body is still read to its end (and dropped), so that the answer reaches the
  // sender instead of a reset connection.
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size <= maxBodyBytes) chunks.push(chunk as Buffer);
  }
  return size > maxBodyBytes ? undefined : Buffer.concat(chunks);
}
