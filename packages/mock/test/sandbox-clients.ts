// The one place the sandbox tests talk HTTP to the sandbox (directly or through Prism): a
// signed `fetch` per product, built on @simlessly/signing. The typed clients of
// @simlessly/client can replace it later by implementing the same `call` per product.
import {
  type CmpOperations,
  cmpMetadata,
  type EimOperations,
  eimMetadata,
  type RspOperations,
  rspMetadata,
} from "@simlessly/contract";
import { createRequestSigner, type SigningScheme } from "@simlessly/signing";
import type { SandboxCredentials } from "../src/index.ts";

type RequestOf<Operations, Id extends keyof Operations> = Operations[Id] extends {
  requestBody: { content: { "application/json": infer Body } };
}
  ? Body
  : never;

/** The answer to one call, read once. */
export interface CallResult {
  readonly status: number;
  readonly headers: Headers;
  /** The parsed JSON body, or undefined when there is none. */
  readonly body: unknown;
}

/** Calls the operations of one product by operationId, with a body of the spec's type. */
export interface ProductCaller<Operations> {
  call<Id extends keyof Operations & string>(
    operationId: Id,
    body: RequestOf<Operations, Id>,
    extraHeaders?: Readonly<Record<string, string>>,
  ): Promise<CallResult>;
}

/** One caller per product. */
export interface TestClients {
  readonly rsp: ProductCaller<RspOperations>;
  readonly eim: ProductCaller<EimOperations>;
  readonly cmp: ProductCaller<CmpOperations>;
}

/** Where each product is served, and with which credentials. */
export interface TestClientOptions {
  readonly rspUrl: string;
  readonly eimUrl: string;
  readonly cmpUrl: string;
  readonly credentials: SandboxCredentials;
  readonly rspScheme?: SigningScheme;
  /** The signer's clock (the sandbox's, when a test moves it). */
  readonly now?: () => number;
}

function pathsOf(
  operations: readonly { operationId: string; path: string }[],
): Map<string, string> {
  return new Map(operations.map((operation) => [operation.operationId, operation.path]));
}

async function post(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<CallResult> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === "" ? undefined : JSON.parse(text),
  };
}

/** Creates signed callers: the body is serialized once, and those exact bytes are signed and sent. */
export function createTestClients(options: TestClientOptions): TestClients {
  const { credentials } = options;
  const now = options.now ?? Date.now;
  const rspSign = createRequestSigner({
    scheme: options.rspScheme ?? "rsp",
    key: credentials.rsp.accessKey,
    secret: credentials.rsp.secretKey,
    now,
  });
  const eimSign = createRequestSigner({
    scheme: "appendix",
    key: credentials.eim.publicKey,
    secret: credentials.eim.secretKey,
    token: credentials.eim.token,
    now,
  });
  const rspPaths = pathsOf(rspMetadata.operations);
  const eimPaths = pathsOf(eimMetadata.operations);
  const cmpPaths = pathsOf(cmpMetadata.operations);
  const pathOf = (paths: Map<string, string>, id: string) => {
    const path = paths.get(id);
    if (path === undefined) throw new Error(`unknown operation ${id}`);
    return path;
  };

  let cmpToken: string | undefined;
  const cmpCall = async (
    id: string,
    body: unknown,
    extra: Readonly<Record<string, string>> = {},
  ) => {
    const text = JSON.stringify(body);
    if (id === "getAccessToken")
      return post(`${options.cmpUrl}${pathOf(cmpPaths, id)}`, { ...extra }, text);
    if (cmpToken === undefined) {
      const issued = await post(
        `${options.cmpUrl}${pathOf(cmpPaths, "getAccessToken")}`,
        {},
        JSON.stringify({
          clientId: credentials.cmp.clientId,
          clientSecret: credentials.cmp.clientSecret,
        }),
      );
      cmpToken = (issued.body as { token: string }).token;
    }
    return post(
      `${options.cmpUrl}${pathOf(cmpPaths, id)}`,
      { authorization: `Bearer ${cmpToken}`, ...extra },
      text,
    );
  };

  return {
    rsp: {
      async call(id, body, extra = {}) {
        const text = JSON.stringify(body);
        const signed = (await rspSign(text)) as Record<string, string>;
        return post(`${options.rspUrl}${pathOf(rspPaths, id)}`, { ...signed, ...extra }, text);
      },
    },
    eim: {
      async call(id, body, extra = {}) {
        const text = JSON.stringify(body);
        const signed = (await eimSign(text)) as Record<string, string>;
        return post(`${options.eimUrl}${pathOf(eimPaths, id)}`, { ...signed, ...extra }, text);
      },
    },
    cmp: { call: (id, body, extra) => cmpCall(id, body, extra) },
  };
}
