// Plain http is refused where it would cross a network: a request body holds Ki and OPc and
// its headers a signature the server accepts, readable and replayable by anyone on the path.
// Loopback never leaves the machine (a local sandbox, a Prism mock), so it needs no opt-in.

/** True for `localhost`, 127.0.0.0/8 and `[::1]`, as `URL` spells a host. */
export function isLoopbackHost(hostname: string): boolean {
  // URL has already normalized IPv4 spellings (`127.1`, `0x7f.1`) to four decimal parts.
  return (
    hostname === "localhost" ||
    hostname === "localhost." ||
    hostname === "[::1]" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}

/**
 * Throws when `baseUrl` is plain http to a host that is not loopback and the caller has not
 * set `allowInsecureHttp`. A URL that does not parse is left to the checks that follow.
 */
export function checkBaseUrl(baseUrl: string, allowInsecureHttp: boolean): void {
  if (allowInsecureHttp) return;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return;
  }
  if (url.protocol !== "http:" || isLoopbackHost(url.hostname)) return;
  // Only the origin: a base URL may carry user info.
  throw new TypeError(
    `baseUrl ${url.origin} is plain http to a host that is not loopback: every request would ` +
      "carry its body (Ki, OPc) and a valid signature unencrypted. Use https, or set " +
      "allowInsecureHttp: true to send over plain http anyway.",
  );
}
