import type { CmpPaths } from "@simlessly/contract";
import type { Client } from "openapi-fetch";
import { batchLimits, operations, secretPropertyNames } from "../generated/cmp.ts";
import type { CmpData, CmpMethods, CmpOperationId } from "./operation-types.ts";
import { type ClientOptions, createProductClient, type ProductClient } from "./product-client.ts";
import { createTokenCache } from "./token-cache.ts";

/** Options of {@link createCmpClient}. */
export interface CmpClientOptions extends ClientOptions {
  /** The client id from the console's developer page. */
  readonly clientId: string;
  /** The client secret; it is sent only to the token operation. */
  readonly clientSecret: string;
  /** Renew the token this long before it expires (at most half its lifetime); default 60 s. */
  readonly tokenRefreshMarginMs?: number | undefined;
}

/** The CMP client: one method per operation and the openapi-fetch client. */
export type CmpClient = CmpMethods & {
  /**
   * The openapi-fetch client over the same transport (signing, retries, errors, hooks). Its
   * middleware sees only the calls made through it, before they are signed.
   */
  readonly raw: Client<CmpPaths, "application/json">;
};

// The one operation that takes the client credentials instead of a token.
const tokenOperationId = "getAccessToken" satisfies CmpOperationId;

/**
 * Creates a client of the CMP API. The bearer token is fetched on first use, shared by
 * concurrent calls, renewed before `expireIn` runs out, and renewed once more if the server
 * refuses it (HTTP 401: nothing was processed, so the call is sent again).
 */
export function createCmpClient(options: CmpClientOptions): CmpClient {
  const tokenOperation = operations.find((operation) => operation.operationId === tokenOperationId);
  if (tokenOperation === undefined) throw new Error("the CMP contract has no token operation");
  let shared: ProductClient<CmpPaths> | undefined;
  const tokens = createTokenCache({
    now: options.now,
    refreshMarginMs: options.tokenRefreshMarginMs,
    requestToken: async () =>
      (await shared?.call(tokenOperation, {
        clientId: options.clientId,
        clientSecret: options.clientSecret,
      })) as CmpData<"getAccessToken">,
    onToken: (token) => shared?.redactor.addSecretValue(token),
  });
  shared = createProductClient<CmpPaths>(options, {
    defaultBaseUrl: "https://cmp.simlessly.com",
    operations,
    secretPropertyNames,
    batchLimits,
    envelope: "none",
    aliases: {},
    secretValues: [options.clientSecret],
    authorize: () => async (operation) => {
      if (operation.operationId === tokenOperationId) return { headers: {}, requestId: null };
      return { headers: { Authorization: `Bearer ${await tokens.get()}` }, requestId: null };
    },
    renewCredentials(operation, rejected) {
      if (operation.operationId === tokenOperationId) return false;
      const token = rejected.headers.Authorization?.replace(/^Bearer /, "");
      if (token !== undefined) tokens.invalidate(token);
      return true;
    },
  });
  return { ...(shared.methods as unknown as CmpMethods), raw: shared.raw };
}
