import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import createClient, { type Middleware } from "openapi-fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HmacSha256 } from "./hmac.ts";
import { nodeHmacSha256 } from "./node-hmac.ts";
import { type SigningScheme, schemeHeaderNames } from "./schemes.ts";
import { createSigningMiddlewareWith, type SigningMiddleware } from "./signing-middleware.ts";
import { verifySignedRequestWith } from "./verify-signed-request.ts";
import { createWebCryptoHmacSha256 } from "./web-crypto-hmac.ts";

const credentials = {
  rsp: {
    scheme: "rsp",
    key: "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
    secret: "5f2b8c1e9a7d4e3fb6c0a1d2e3f40516",
  },
  appendix: {
    scheme: "appendix",
    key: "33557c4f7ff14cbbb982660993f48a49",
    secret: "9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49",
    token: "81db993c3bdb45ecb9ac3943a44878dd",
  },
} as const;
const secretForKey = (key: string) =>
  Object.values(credentials).find((credential) => credential.key === key)?.secret;

/** What the loopback server saw and concluded. */
interface Received {
  bodyHex: string;
  headers: IncomingHttpHeaders;
  /** Recomputed here with node:crypto over the raw bytes, independently of the signer. */
  independentSignature: string;
  verdict: unknown;
}

let server: Server;
let baseUrl: string;

function header(headers: IncomingHttpHeaders, name: string): string {
  return String(headers[name.toLowerCase()] ?? "");
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", async () => {
      const raw = Buffer.concat(chunks);
      const scheme: SigningScheme =
        request.headers["public-key"] === undefined ? "rsp" : "appendix";
      const names = schemeHeaderNames[scheme];
      const [key, timestamp, requestId] = [names.key, names.timestamp, names.requestId].map(
        (name) => header(request.headers, name),
      );
      const prefix =
        scheme === "rsp" ? `${timestamp}${requestId}${key}` : `${key}${timestamp}${requestId}`;
      const independentSignature = createHmac("sha256", secretForKey(key ?? "") ?? "none")
        .update(Buffer.concat([Buffer.from(prefix, "utf8"), raw]))
        .digest("hex");
      const verdict = await verifySignedRequestWith(
        { scheme, headers: request.headers, body: raw, secretForKey },
        nodeHmacSha256,
      );
      const received: Received = {
        bodyHex: raw.toString("hex"),
        headers: request.headers,
        independentSignature,
        verdict,
      };
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(received));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

interface paths {
  "/api/v1/profile/detail": {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    post: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody: { content: { "application/json": { iccid: string; spn?: string } } };
      responses: {
        200: { headers: Record<string, unknown>; content: { "application/json": Received } };
      };
    };
  };
}

const hmacPaths: { path: string; hmac: HmacSha256 }[] = [
  { path: "node:crypto", hmac: nodeHmacSha256 },
  { path: "Web Crypto", hmac: createWebCryptoHmacSha256() },
];
const body = { iccid: "89882470000000000001", spn: "Café Ünïcode ✓" };

describe.each(hmacPaths)("createSigningMiddleware on $path", ({ hmac }) => {
  it.each(["rsp", "appendix"] as const)(
    "signs the exact bytes openapi-fetch sends (%s)",
    async (scheme) => {
      const client = createClient<paths>({ baseUrl });
      // Assigning to openapi-fetch's own type proves the structural type fits it.
      const middleware: Middleware = createSigningMiddlewareWith(credentials[scheme], hmac);
      client.use(middleware);
      const { data } = await client.POST("/api/v1/profile/detail", { body });
      if (data === undefined) throw new Error("no response body");
      expect(Buffer.from(data.bodyHex, "hex").toString("utf8")).toBe(JSON.stringify(body));
      expect(data.verdict).toMatchObject({ ok: true, key: credentials[scheme].key });
      const signature = header(data.headers, schemeHeaderNames[scheme].signature);
      expect(signature).toBe(
        scheme === "rsp" ? data.independentSignature.toUpperCase() : data.independentSignature,
      );
    },
  );

  it("sends the Appendix 1 header set with the token", async () => {
    const received = await send(createSigningMiddlewareWith(credentials.appendix, hmac), {
      body: "{}",
    });
    expect(received.headers).toMatchObject({
      "public-key": credentials.appendix.key,
      version: "1.0",
      authorization: credentials.appendix.token,
      "sign-method": "HMAC-SHA256",
      "content-type": "application/json",
    });
  });

  it("signs raw bytes that are not valid UTF-8 as they are", async () => {
    const bytes = new Uint8Array([0x7b, 0xff, 0x00, 0xfe, 0xe2, 0x82, 0x7d]);
    const received = await send(createSigningMiddlewareWith(credentials.rsp, hmac), {
      body: bytes,
    });
    expect(received.bodyHex).toBe(Buffer.from(bytes).toString("hex"));
    expect(received.verdict).toMatchObject({ ok: true });
  });

  it("signs a request without a body as the empty string", async () => {
    const received = await send(createSigningMiddlewareWith(credentials.rsp, hmac), {
      method: "GET",
    });
    expect(received.bodyHex).toBe("");
    expect(received.verdict).toMatchObject({ ok: true });
  });

  it("stamps each request with a fresh request id", async () => {
    const middleware = createSigningMiddlewareWith(credentials.rsp, hmac);
    const first = await send(middleware, { body: "{}" });
    const second = await send(middleware, { body: "{}" });
    expect(header(second.headers, "RequestID")).not.toBe(header(first.headers, "RequestID"));
  });
});

describe("createSigningMiddleware", () => {
  it("labels an appendix request application/json, as Appendix 1 lists", async () => {
    const middleware = createSigningMiddlewareWith(credentials.appendix, nodeHmacSha256);
    const request = new Request(baseUrl, { method: "POST", body: "{}" });
    expect(request.headers.get("content-type")).toBe("text/plain;charset=UTF-8");
    const signed = await middleware.onRequest({ request });
    expect(signed.headers.get("content-type")).toBe("application/json");
  });

  it("leaves the content type of an rsp request alone", async () => {
    const middleware = createSigningMiddlewareWith(credentials.rsp, nodeHmacSha256);
    const request = new Request(baseUrl, {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json" },
    });
    const signed = await middleware.onRequest({ request });
    expect(signed.headers.get("content-type")).toBe("application/json");
  });

  it("leaves the body readable for fetch to send", async () => {
    const middleware = createSigningMiddlewareWith(credentials.rsp, nodeHmacSha256);
    const signed = await middleware.onRequest({
      request: new Request(baseUrl, { method: "POST", body: "a=1" }),
    });
    expect(signed.bodyUsed).toBe(false);
    expect(await signed.text()).toBe("a=1");
  });
});

async function send(middleware: SigningMiddleware, init: RequestInit): Promise<Received> {
  const request = await middleware.onRequest({
    request: new Request(baseUrl, { method: "POST", ...init }),
  });
  const response = await fetch(request);
  return (await response.json()) as Received;
}
