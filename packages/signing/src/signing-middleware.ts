import type { HmacSha256 } from "./hmac.ts";
import { createRequestSignerWith, type RequestSignerOptions } from "./request-signer.ts";
import type { SigningScheme } from "./schemes.ts";

/** Options of {@link createSigningMiddlewareWith}: the same as a request signer's. */
export type SigningMiddlewareOptions<S extends SigningScheme = SigningScheme> =
  RequestSignerOptions<S>;

/**
 * An openapi-fetch middleware, typed structurally: openapi-fetch passes more than `request`
 * to `onRequest`, and a function taking less is still assignable, so this package needs no
 * dependency (not even a type-only one) on openapi-fetch.
 */
export interface SigningMiddleware {
  onRequest(params: { readonly request: Request }): Promise<Request>;
}

/** Creates middleware that signs each request's exact body bytes with a fresh timestamp and id. */
export function createSigningMiddlewareWith<S extends SigningScheme>(
  options: SigningMiddlewareOptions<S>,
  defaultHmac: HmacSha256,
): SigningMiddleware {
  const sign = createRequestSignerWith(options, defaultHmac);
  return {
    async onRequest({ request }) {
      // A clone leaves the original body stream unread for fetch to send.
      const body = request.body === null ? null : await request.clone().arrayBuffer();
      const headers: Record<string, string | undefined> = await sign(body);
      // All of the scheme's headers, content-type included for appendix: Appendix 1 lists
      // it, and fetch would otherwise label a string body text/plain.
      for (const [name, value] of Object.entries(headers)) {
        if (value !== undefined) request.headers.set(name, value);
      }
      return request;
    },
  };
}
