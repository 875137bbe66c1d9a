// Two ways into the one attempt loop: the typed methods, and `raw` (openapi-fetch, whose
// middleware runs before the transport signs). For every operation of every product both must
// put the same request on the wire, and the attempt hooks must see both. Middleware on `raw`
// sees and may change raw calls, never typed ones.
import type { Middleware } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { createCmpClient } from "../src/clients/cmp-client.ts";
import { createEimClient } from "../src/clients/eim-client.ts";
import { createRspClient } from "../src/clients/rsp-client.ts";
import { operations as cmpOperations } from "../src/generated/cmp.ts";
import { operations as eimOperations } from "../src/generated/eim.ts";
import { operations as rspOperations } from "../src/generated/rsp.ts";
import type { AttemptRequest } from "../src/transport/attempt-hooks.ts";
import {
  type Behaviour,
  type ReceivedRequest,
  rspSuccess,
  startLocalServer,
} from "./support/local-server.ts";

const accessKey = "c934e1de7e2153366539c1c03b2bce09";
const secretKey = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
const batch = { batchCode: "B202303071234223" };
const body = {
  configName: "templateRegular01",
  metaDatas: [
    {
      iccid: "89860468152080000001",
      imsi: "460048860000001",
      ki: "6BE2053E8580B135CD43443300000001",
      opc: "85304194B0D2A2F92847F15900000001",
    },
  ],
};

// What must be equal on both routes: everything but the per-attempt authentication headers.
function wireShape(request: ReceivedRequest | undefined) {
  const perAttempt = new Set(["timestamp", "requestid", "request-id", "signature"]);
  const headers = Object.fromEntries(
    Object.entries(request?.headers ?? {}).filter(([name]) => !perAttempt.has(name)),
  );
  return { method: request?.method, url: request?.url, headers, body: request?.body.toString() };
}

type Operation = { readonly operationId: string; readonly method: string; readonly path: string };
type Call = (body: unknown, options?: { headers?: Record<string, string> }) => Promise<unknown>;
type Client = { readonly [operationId: string]: Call } & {
  readonly raw: { request(method: string, path: string, init: unknown): Promise<unknown> };
};
interface Product {
  readonly operations: readonly Operation[];
  readonly answer: Behaviour;
  client(url: string, seen: AttemptRequest[]): Client;
}

// `as unknown as`: the test calls every operation by name with one body, beside the types.
const products: Record<string, Product> = {
  rsp: {
    operations: rspOperations,
    answer: rspSuccess(null),
    client: (url, seen) =>
      createRspClient({
        baseUrl: url,
        accessKey,
        secretKey,
        hooks: { beforeAttempt: (attempt) => void seen.push(attempt) },
      }) as unknown as Client,
  },
  eim: {
    operations: eimOperations,
    answer: { json: { status: 200, success: true, msg: "", obj: null } },
    client: (url, seen) =>
      createEimClient({
        baseUrl: url,
        publicKey: "pk",
        secretKey,
        token: "eim-token",
        hooks: { beforeAttempt: (attempt) => void seen.push(attempt) },
      }) as unknown as Client,
  },
  cmp: {
    operations: cmpOperations,
    // A token answer serves the token operation and, CMP having no envelope, any other.
    answer: { json: { token: "cmp-token", tokenType: "Bearer", expireIn: 3600 } },
    client: (url, seen) =>
      createCmpClient({
        baseUrl: url,
        clientId: "id",
        clientSecret: "cs",
        hooks: { beforeAttempt: (attempt) => void seen.push(attempt) },
      }) as unknown as Client,
  },
};

describe.each(Object.entries(products))("the %s client's two routes", (_name, product) => {
  it.each(product.operations.map((operation) => [operation.operationId, operation] as const))(
    "%s puts the same request on the wire typed and through raw, and hooks see both",
    async (operationId, operation) => {
      const server = await startLocalServer(() => product.answer);
      try {
        const seen: AttemptRequest[] = [];
        const client = product.client(server.url, seen);
        const probe = { probe: "value ✓" };
        const headers = { "X-Trace-Id": "trace-1" };
        await client[operationId]?.(probe, { headers });
        await client.raw.request(operation.method, operation.path, { body: probe, headers });

        const calls = server.requests.filter((request) => request.url.endsWith(operation.path));
        const mine = seen.filter((attempt) => attempt.operationId === operationId);
        // The CMP token operation is also sent before the first call that needs a token.
        const [typed, raw] = calls.slice(-2);
        expect(wireShape(raw)).toEqual(wireShape(typed));
        expect(typed?.headers["x-trace-id"]).toBe("trace-1");
        expect(typed?.headers["content-type"]).toBe("application/json");
        expect(mine.slice(-2).map((attempt) => attempt.url)).toEqual([
          `${server.url}${operation.path}`,
          `${server.url}${operation.path}`,
        ]);
      } finally {
        await server.close();
      }
    },
  );
});

describe("openapi-fetch middleware", () => {
  it("sees and may change calls through raw before they are signed, never typed calls", async () => {
    const server = await startLocalServer(() => rspSuccess(batch));
    const seen: AttemptRequest[] = [];
    const client = createRspClient({
      baseUrl: server.url,
      accessKey,
      secretKey,
      hooks: { beforeAttempt: (attempt) => void seen.push(attempt) },
    });
    const requests: string[] = [];
    const middleware: Middleware = {
      onRequest({ request }) {
        requests.push(`${request.method} ${request.url}`);
        const changed = new Request(request, { headers: request.headers });
        changed.headers.set("x-from-middleware", "yes");
        return changed;
      },
    };
    client.raw.use(middleware);

    await client.generateAcByBatch(body);
    const { data } = await client.raw.POST("/api/v1/ac/generateByBatch", { body });
    client.raw.eject(middleware);
    await client.raw.POST("/api/v1/ac/generateByBatch", { body });

    expect(data).toMatchObject({ success: true, obj: batch });
    expect(requests).toEqual([`POST ${server.url}/api/v1/ac/generateByBatch`]);
    expect(server.requests.map((request) => request.headers["x-from-middleware"])).toEqual([
      undefined,
      "yes",
      undefined,
    ]);
    // Changed before signing: the hook sees the header beside a signature over the same body.
    expect(seen[1]?.headers["x-from-middleware"]).toBe("yes");
  });

  it("may replace the answer of a call through raw", async () => {
    const server = await startLocalServer(() => rspSuccess(batch));
    const client = createRspClient({ baseUrl: server.url, accessKey, secretKey });
    const replaced = { batchCode: "B000000000000001" };
    client.raw.use({
      onResponse: () =>
        new Response(JSON.stringify({ success: true, code: "00000", msg: "", obj: replaced }), {
          status: 200,
          headers: { "content-type": "application/json" },
        }),
    });
    const { data } = await client.raw.POST("/api/v1/ac/generateByBatch", { body });
    expect(data).toMatchObject({ obj: replaced });
    await server.close();
  });

  it("keeps refusing what openapi-fetch refuses as middleware", () => {
    const client = createRspClient({ baseUrl: "http://127.0.0.1:9", accessKey, secretKey });
    expect(() => client.raw.use({} as Middleware)).toThrow(/Middleware must be an object/);
  });
});

describe("a typed call's headers", () => {
  it("are refused before any attempt when one cannot be sent", async () => {
    const server = await startLocalServer(() => rspSuccess(batch));
    const seen: AttemptRequest[] = [];
    const client = createRspClient({
      baseUrl: server.url,
      accessKey,
      secretKey,
      hooks: { beforeAttempt: (attempt) => void seen.push(attempt) },
    });
    const options = { headers: { "X-Trace-Id": "line\nbreak" } };
    await expect(client.generateAcByBatch(body, options)).rejects.toThrow(TypeError);
    expect(seen).toHaveLength(0);
    expect(server.requests).toHaveLength(0);
    await server.close();
  });
});
