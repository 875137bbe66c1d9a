import { type EimPaths, findEimError } from "@simlessly/contract";
import { createRequestSigner } from "@simlessly/signing";
import type { Client } from "openapi-fetch";
import { eimKeyAliases } from "../answers/normalize-envelope.ts";
import { batchLimits, operations, secretPropertyNames } from "../generated/eim.ts";
import type { EimMethods } from "./operation-types.ts";
import { type ClientOptions, createProductClient } from "./product-client.ts";

/** Options of {@link createEimClient}. */
export interface EimClientOptions extends ClientOptions {
  /** The `public-key` of the account. */
  readonly publicKey: string;
  /** The "ackey": the secret paired with the public key; it signs requests and is never sent. */
  readonly secretKey: string;
  /** The `authorization` token, obtained out of band (the login call is not documented). */
  readonly token: string;
}

/** The eIM client: one method per operation and the openapi-fetch client. */
export type EimClient = EimMethods & {
  /**
   * The openapi-fetch client over the same transport (signing, retries, errors, hooks). Its
   * middleware sees only the calls made through it, before they are signed.
   */
  readonly raw: Client<EimPaths, "application/json">;
};

/**
 * Creates a client of the eIM API, signing every attempt with the appendix scheme (public
 * key, secret and token). Failure codes come with their Appendix 4 catalog entry.
 */
export function createEimClient(options: EimClientOptions): EimClient {
  const shared = createProductClient<EimPaths>(options, {
    defaultBaseUrl: "https://eim.simlessly.com",
    operations,
    secretPropertyNames,
    batchLimits,
    envelope: "eim",
    aliases: eimKeyAliases,
    catalog: findEimError,
    secretValues: [options.secretKey, options.token],
    authorize(clock) {
      const sign = createRequestSigner({
        scheme: "appendix",
        key: options.publicKey,
        secret: options.secretKey,
        token: options.token,
        now: clock.now,
      });
      return async (_operation, body) => {
        const headers = await sign(body);
        return { headers: headers as Record<string, string>, requestId: headers["request-id"] };
      };
    },
  });
  return { ...(shared.methods as unknown as EimMethods), raw: shared.raw };
}
