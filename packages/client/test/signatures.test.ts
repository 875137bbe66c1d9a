// Signatures checked by a raw HTTP server that recomputes the HMAC over the bytes it
// received, with a replay store: every attempt must be signed over exactly the bytes sent,
// non-ASCII included, with a fresh timestamp and a request id never used before.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type SigningScheme, verifySignedRequest } from "@simlessly/signing";
import { afterEach, describe, expect, it } from "vitest";
import { createEimClient } from "../src/clients/eim-client.ts";
import { createRspClient } from "../src/clients/rsp-client.ts";
import { SimlesslyApiError } from "../src/errors/api-error.ts";

const accessKey = "c934e1de7e2153366539c1c03b2bce09";
const secretKey = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
const eimToken = "81db993c3bdb45ecb9ac3943a44878dd";

interface Verdict {
  readonly ok: boolean;
  readonly reason?: string;
  readonly requestId?: string;
  readonly timestamp?: number;
  readonly body: string;
  readonly signature: string;
  readonly authorization: string | undefined;
}

interface VerifyingServer {
  readonly url: string;
  readonly verdicts: Verdict[];
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

/**
 * Verifies every request with `scheme` and the shared secret. A bad signature or a replayed
 * request id gets HTTP 401; `failFirst` answers the first valid request with 503.
 */
async function startVerifyingServer(
  scheme: SigningScheme,
  envelope: "rsp" | "eim",
  failFirst = false,
): Promise<VerifyingServer> {
  const verdicts: Verdict[] = [];
  const seen = new Set<string>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", async () => {
      const body = Buffer.concat(chunks);
      const result = await verifySignedRequest({
        scheme,
        headers: request.headers,
        body,
        secretForKey: (key) => (key === accessKey ? secretKey : undefined),
        requestIdSeen: (id) => {
          if (seen.has(id)) return true;
          seen.add(id);
          return false;
        },
      });
      verdicts.push({
        ok: result.ok,
        ...(result.ok
          ? { requestId: result.requestId, timestamp: result.timestamp }
          : { reason: result.reason }),
        body: body.toString("utf8"),
        // Node lower-cases header names: RSP's `Signature` arrives as `signature` too.
        signature: String(request.headers.signature),
        authorization: request.headers.authorization,
      });
      if (!result.ok) {
        response.writeHead(401, { "content-type": "application/json" });
        response.end(JSON.stringify({ success: false, code: result.reason, msg: "refused" }));
        return;
      }
      if (failFirst && verdicts.filter((verdict) => verdict.ok).length === 1) {
        response.writeHead(503).end();
        return;
      }
      const obj = { batchCode: "B202303071234223" };
      const answer =
        envelope === "rsp"
          ? { success: true, code: "00000", msg: "", obj }
          : { status: 200, success: true, msg: "", obj: { batchId: 42 } };
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(answer));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, verdicts };
}

// Non-ASCII in a field that allows it: the signature must cover the UTF-8 bytes sent.
const batch = {
  configName: "Konfigürätion ✓ 設定 🚀",
  metaDatas: [
    {
      iccid: "89860468152080349618",
      imsi: "460048867619618",
      ki: "6BE2053E8580B135CD43443380DB7111",
    },
  ],
};

describe("request signatures, checked by a server over the bytes it received", () => {
  it("signs RSP requests with the rsp scheme by default (upper-case hex)", async () => {
    const server = await startVerifyingServer("rsp", "rsp");
    const client = createRspClient({ baseUrl: server.url, accessKey, secretKey });
    await expect(client.generateAcByBatch(batch)).resolves.toEqual({
      batchCode: "B202303071234223",
    });
    const [verdict] = server.verdicts;
    expect(verdict).toMatchObject({ ok: true });
    expect(verdict?.body).toBe(JSON.stringify(batch));
    expect(verdict?.body).toContain("設定 🚀");
    expect(verdict?.signature).toMatch(/^[0-9A-F]{64}$/);
  });

  it("signs a call through raw over the bytes of its Request", async () => {
    const server = await startVerifyingServer("rsp", "rsp");
    const client = createRspClient({ baseUrl: server.url, accessKey, secretKey });
    const { data } = await client.raw.POST("/api/v1/ac/generateByBatch", { body: batch });
    expect(data).toMatchObject({ success: true, obj: { batchCode: "B202303071234223" } });
    expect(server.verdicts).toMatchObject([{ ok: true, body: JSON.stringify(batch) }]);
  });

  it("signs RSP requests with the appendix scheme when asked (lower-case hex)", async () => {
    const server = await startVerifyingServer("appendix", "rsp");
    const client = createRspClient({
      baseUrl: server.url,
      accessKey,
      secretKey,
      scheme: "appendix",
    });
    await client.generateAcByBatch(batch);
    expect(server.verdicts).toMatchObject([{ ok: true }]);
    expect(server.verdicts[0]?.signature).toMatch(/^[0-9a-f]{64}$/);
  });

  it("signs eIM requests with the appendix scheme and sends the token", async () => {
    const server = await startVerifyingServer("appendix", "eim");
    const client = createEimClient({
      baseUrl: server.url,
      publicKey: accessKey,
      secretKey,
      token: eimToken,
    });
    await expect(
      client.batchImportDevice({
        devices: [{ eid: "89049032000001000000000000000001", group: "Läger Süd" }],
      }),
    ).resolves.toEqual({ batchId: 42 });
    expect(server.verdicts).toMatchObject([{ ok: true, authorization: eimToken }]);
  });

  it("is refused by the server when the secret is wrong", async () => {
    const server = await startVerifyingServer("rsp", "rsp");
    const client = createRspClient({ baseUrl: server.url, accessKey, secretKey: "not-the-secret" });
    const error = await client.generateAcByBatch(batch).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SimlesslyApiError);
    expect(error).toMatchObject({ httpStatus: 401, code: "bad-signature" });
    expect(server.verdicts).toMatchObject([{ ok: false, reason: "bad-signature" }]);
  });

  it("signs a retried attempt afresh: new request id and timestamp, same bytes", async () => {
    const server = await startVerifyingServer("rsp", "rsp", true);
    const client = createRspClient({
      baseUrl: server.url,
      accessKey,
      secretKey,
      retry: { baseDelayMs: 5 },
    });
    // getBatchInfo is read-only, so the 503 is retried; a replayed id would get a 401.
    await expect(client.getBatchInfo({ batchCode: "B202303071234223" })).resolves.toBeDefined();
    const [first, second] = server.verdicts;
    expect(server.verdicts).toHaveLength(2);
    expect(first).toMatchObject({ ok: true });
    expect(second).toMatchObject({ ok: true });
    expect(second?.requestId).not.toBe(first?.requestId);
    expect(second?.body).toBe(first?.body);
    expect(second?.timestamp).toBeGreaterThanOrEqual(first?.timestamp ?? Number.POSITIVE_INFINITY);
  });
});
