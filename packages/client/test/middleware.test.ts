// Typed calls go straight to the transport while no middleware is registered on `raw`, and
// through openapi-fetch while one is. Both routes must put the same request on the wire, and
// middleware must see every typed call while it is registered.
import type { Middleware } from "openapi-fetch";
import { afterEach, describe, expect, it } from "vitest";
import { createRspClient } from "../src/rsp-client.ts";
import {
  type LocalServer,
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

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// What must be equal on both routes: everything but the per-attempt signature headers.
function wireShape(request: ReceivedRequest) {
  const perAttempt = new Set(["timestamp", "requestid", "signature"]);
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(([name]) => !perAttempt.has(name)),
  );
  return { method: request.method, url: request.url, headers, body: request.body.toString() };
}

describe("typed calls and openapi-fetch middleware", () => {
  it("send the same request with and without a middleware, which sees each call while registered", async () => {
    server = await startLocalServer(() => rspSuccess(batch));
    const client = createRspClient({ baseUrl: server.url, accessKey, secretKey });
    const options = { headers: { "X-Trace-Id": "trace-1" } };
    const seen: { method: string; url: string; trace: string | null; status?: number }[] = [];
    const middleware: Middleware = {
      onRequest({ request }) {
        seen.push({
          method: request.method,
          url: request.url,
          trace: request.headers.get("x-trace-id"),
        });
      },
      onResponse({ response }) {
        const last = seen.at(-1);
        if (last) last.status = response.status;
      },
    };

    expect(await client.generateAcByBatch(body, options)).toEqual(batch);
    client.raw.use(middleware);
    expect(await client.generateAcByBatch(body, options)).toEqual(batch);
    client.raw.eject(middleware);
    expect(await client.generateAcByBatch(body, options)).toEqual(batch);

    expect(seen).toEqual([
      {
        method: "POST",
        url: `${server.url}/api/v1/ac/generateByBatch`,
        trace: "trace-1",
        status: 200,
      },
    ]);
    const [direct, throughMiddleware, afterEject] = server.requests.map(wireShape);
    expect(direct?.headers["x-trace-id"]).toBe("trace-1");
    expect(direct?.headers["content-type"]).toBe("application/json");
    expect(throughMiddleware).toEqual(direct);
    expect(afterEject).toEqual(direct);
  });

  it("let a middleware replace the answer of a typed call", async () => {
    server = await startLocalServer(() => rspSuccess(batch));
    const client = createRspClient({ baseUrl: server.url, accessKey, secretKey });
    const replaced = { batchCode: "B000000000000001" };
    client.raw.use({
      onResponse: () =>
        new Response(JSON.stringify({ success: true, code: "00000", msg: "", obj: replaced }), {
          status: 200,
          headers: { "content-type": "application/json" },
        }),
    });
    expect(await client.generateAcByBatch(body)).toEqual(replaced);
  });

  it("refuse a header that cannot be sent before sending anything, on both routes", async () => {
    server = await startLocalServer(() => rspSuccess(batch));
    const client = createRspClient({ baseUrl: server.url, accessKey, secretKey });
    const options = { headers: { "X-Trace-Id": "line\nbreak" } };
    await expect(client.generateAcByBatch(body, options)).rejects.toThrow(TypeError);
    client.raw.use({ onRequest: () => undefined });
    await expect(client.generateAcByBatch(body, options)).rejects.toThrow(TypeError);
    expect(server.requests).toHaveLength(0);
  });

  it("keep refusing what openapi-fetch refuses as middleware", () => {
    const client = createRspClient({ baseUrl: "http://127.0.0.1:9", accessKey, secretKey });
    expect(() => client.raw.use({} as Middleware)).toThrow(/Middleware must be an object/);
  });
});
