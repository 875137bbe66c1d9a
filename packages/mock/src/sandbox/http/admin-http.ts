// The `/__sandbox/` endpoints over HTTP: refuse what a web page could have sent (see
// admin-guard.ts) before reading anything, then read the small JSON body within the edge's
// limits and hand it to the admin routes.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SandboxAdmin } from "../admin/admin.ts";
import { refuseAdminRequest } from "./admin-guard.ts";
import { handleAdminRequest } from "./admin-routes.ts";
import { busyRetryAfterSeconds, send, sendUnread } from "./edge-replies.ts";
import { type BodyLimits, openRequestBody } from "./request-body.ts";

/** The largest admin body: the biggest one, a device event, is a few hundred bytes. */
export const adminMaxBodyBytes = 64 * 1024;

/** What the admin endpoints need from the edge. */
export interface AdminHttpInput {
  readonly admin: SandboxAdmin;
  /** The Host values that name this sandbox (see adminHosts in admin-guard.ts). */
  readonly hosts: ReadonlySet<string>;
  readonly limits: BodyLimits;
}

/** Answers one request under `/__sandbox/`. */
export async function serveAdminRequest(
  input: AdminHttpInput,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const refusal = refuseAdminRequest(request.headers, input.hosts);
  if (refusal !== null) {
    sendUnread(request, response, refusal);
    return;
  }
  const method = request.method ?? "GET";
  let body: unknown;
  if (method !== "GET" && method !== "HEAD") {
    const requestBody = openRequestBody(request, response, {
      maxBytes: Math.min(adminMaxBodyBytes, input.limits.maxBytes),
      budget: input.limits.budget,
    });
    let bytes: Buffer | "too-large" | "busy" | "aborted";
    try {
      bytes = await requestBody.read();
    } finally {
      requestBody.release();
    }
    if (bytes === "aborted") return;
    if (bytes === "too-large") {
      sendUnread(request, response, { status: 413, body: { error: "the body is too large" } });
      return;
    }
    if (bytes === "busy") {
      sendUnread(request, response, {
        status: 503,
        body: { error: "too many request bodies are being read; retry later" },
        headers: { "retry-after": String(busyRetryAfterSeconds) },
      });
      return;
    }
    const text = bytes.toString("utf8").trim();
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      send(response, { status: 400, body: { error: "the body is not JSON" } });
      return;
    }
  }
  send(response, handleAdminRequest(input.admin, method, url, body));
}
