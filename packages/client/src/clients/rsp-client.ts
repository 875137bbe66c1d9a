import type { RspComponents, RspPaths } from "@simlessly/contract";
import { createRequestSigner, type SigningScheme } from "@simlessly/signing";
import type { Client } from "openapi-fetch";
import { rspKeyAliases } from "../answers/normalize-envelope.ts";
import { batchLimits, operations, secretPropertyNames } from "../generated/rsp.ts";
import type { CallOptions, RspMethods, RspRequest } from "./operation-types.ts";
import { type PageWalk, paginate } from "./pagination.ts";
import { type ClientOptions, createProductClient } from "./product-client.ts";

/** Options of {@link createRspClient}. */
export interface RspClientOptions extends ClientOptions {
  /** The AccessKey (public half of the key pair) from the console's Developer module. */
  readonly accessKey: string;
  /** The SecretKey; it signs requests and is never sent. */
  readonly secretKey: string;
  /** `rsp` (default, the RSP documented scheme) or `appendix` (the eIM appendix scheme). */
  readonly scheme?: SigningScheme | undefined;
}

/** One page of configuration names. */
export type ConfigPage = RspComponents["schemas"]["ConfigPage"];
/** One page of a profile's status history. */
export type ProfileLogPage = RspComponents["schemas"]["ProfileLogPage"];

/** The RSP client: one method per operation, paging helpers and the openapi-fetch client. */
export type RspClient = RspMethods & {
  /**
   * The openapi-fetch client over the same transport (signing, retries, errors, hooks). Its
   * middleware sees only the calls made through it, before they are signed.
   */
  readonly raw: Client<RspPaths, "application/json">;
  /** Walks the pages of `listConfigs`. */
  listConfigsPages(
    filter?: { readonly configName?: string | undefined } & PageWalk,
    options?: CallOptions,
  ): AsyncGenerator<ConfigPage, void, undefined>;
  /** Walks the pages of `listProfileLogs` for one ICCID. */
  listProfileLogsPages(
    request: { readonly iccid: string } & PageWalk,
    options?: CallOptions,
  ): AsyncGenerator<ProfileLogPage, void, undefined>;
};

/** Creates a client of the RSP API, signing every attempt with the AccessKey and SecretKey. */
export function createRspClient(options: RspClientOptions): RspClient {
  const scheme = options.scheme ?? "rsp";
  const shared = createProductClient<RspPaths>(options, {
    defaultBaseUrl: "https://rsp.simlessly.com",
    operations,
    secretPropertyNames,
    batchLimits,
    envelope: "rsp",
    aliases: rspKeyAliases,
    secretValues: [options.secretKey],
    authorize(clock) {
      const sign = createRequestSigner({
        scheme,
        key: options.accessKey,
        secret: options.secretKey,
        now: clock.now,
      });
      return async (_operation, body) => {
        const headers: Record<string, string | undefined> = await sign(body);
        const requestId = headers.RequestID ?? headers["request-id"] ?? null;
        return { headers: headers as Record<string, string>, requestId };
      };
    },
  });
  const methods = shared.methods as unknown as RspMethods;
  return {
    ...methods,
    raw: shared.raw,
    listConfigsPages({ pageSize, startPage, ...filter } = {}, callOptions) {
      return paginate(
        (pageParam) =>
          methods.listConfigs({ ...filter, pageParam } as RspRequest<"listConfigs">, callOptions),
        (page) => page.configs,
        { pageSize, startPage },
      );
    },
    listProfileLogsPages({ pageSize, startPage, iccid }, callOptions) {
      return paginate(
        (pageParam) => methods.listProfileLogs({ iccid, pageParam }, callOptions),
        (page) => page.profileLogs,
        { pageSize, startPage },
      );
    },
  };
}
