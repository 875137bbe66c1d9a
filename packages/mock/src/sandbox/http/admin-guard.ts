// Who may use the `/__sandbox/` endpoints. They are unauthenticated, so the one thing to keep
// out is a web page in the developer's browser: any page can send a "simple" cross-site POST
// (text/plain, no custom header) without asking, and a page on a rebinding DNS name can even
// become same-origin with the sandbox. Three rules, each checked on the headers alone:
//
// - the Host is one of the sandbox's own addresses (a rebinding page's Host is its own name);
// - an Origin, when present, is the sandbox's own (a cross-site request carries the page's);
// - `x-sandbox-admin: 1` is present. A browser sends a custom header cross-site only after a
//   CORS preflight, and the sandbox never answers a preflight with an allowance.
//
// A header rather than a token printed at start: it is as safe against browsers, and a test or
// script in another process needs nothing from the sandbox's output to use it. Bodies must
// also be declared `application/json` (which is what they are parsed as), so that even a
// form or text/plain body is refused on its own.

import type { IncomingHttpHeaders } from "node:http";
import { networkInterfaces } from "node:os";
import type { Reply } from "../engine/envelopes.ts";

/** The header every admin request must carry, with the value {@link adminHeaderValue}. */
export const adminHeaderName = "x-sandbox-admin";

/** The value of {@link adminHeaderName}. */
export const adminHeaderValue = "1";

/** The Host values (lower case, with the port) the admin endpoints accept. */
export function adminHosts(listenHost: string, port: number): ReadonlySet<string> {
  const names = new Set(["localhost", "127.0.0.1", "::1"]);
  const wildcard = listenHost === "" || listenHost === "0.0.0.0" || listenHost === "::";
  if (!wildcard) names.add(listenHost.toLowerCase());
  else {
    // Listening everywhere: the machine's own addresses are the sandbox's addresses. A DNS
    // name is never added, since a name is exactly what a rebinding page controls.
    for (const entries of Object.values(networkInterfaces())) {
      for (const entry of entries ?? []) names.add(entry.address.toLowerCase());
    }
  }
  const hosts = new Set<string>();
  for (const name of names) {
    const host = name.includes(":") ? `[${name}]` : name;
    hosts.add(`${host}:${port}`);
    if (port === 80) hosts.add(host);
  }
  return hosts;
}

function refused(status: number, error: string): Reply {
  return { status, body: { error } };
}

/** The refusal of an admin request a web page could have sent; null when it may proceed. */
export function refuseAdminRequest(
  headers: IncomingHttpHeaders,
  hosts: ReadonlySet<string>,
): Reply | null {
  const host = headers.host?.toLowerCase();
  if (host === undefined || !hosts.has(host)) {
    return refused(403, "admin requests must be addressed to the sandbox's own host and port");
  }
  // `Origin: null` (a sandboxed frame, a file: page) is another origin as well.
  const origin = headers.origin;
  if (origin !== undefined && !isOwnOrigin(origin, hosts)) {
    return refused(403, "admin requests from another origin are refused");
  }
  if (headers[adminHeaderName] !== adminHeaderValue) {
    return refused(
      403,
      `admin requests must carry the header ${adminHeaderName}: ${adminHeaderValue}`,
    );
  }
  const hasBody =
    headers["transfer-encoding"] !== undefined ||
    (headers["content-length"] !== undefined && headers["content-length"] !== "0");
  if (hasBody && !isJson(headers["content-type"])) {
    return refused(415, "admin request bodies must be sent as content-type: application/json");
  }
  return null;
}

function isOwnOrigin(origin: string, hosts: ReadonlySet<string>): boolean {
  const match = /^http:\/\/([^/]+)$/i.exec(origin);
  return match?.[1] !== undefined && hosts.has(match[1].toLowerCase());
}

function isJson(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase();
  return mediaType === "application/json";
}
