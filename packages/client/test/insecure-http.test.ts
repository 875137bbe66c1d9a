// Plain http carries Ki, OPc and valid signatures readable by anyone on the path: a client takes
// an `http://` base URL only to loopback, or when the caller sets `allowInsecureHttp`.
import { afterEach, describe, expect, it } from "vitest";
import { createCmpClient } from "../src/clients/cmp-client.ts";
import { createEimClient } from "../src/clients/eim-client.ts";
import type { ClientOptions } from "../src/clients/product-client.ts";
import { createRspClient } from "../src/clients/rsp-client.ts";
import { localServers, rspSuccess } from "./support/local-server.ts";

const servers = localServers();
afterEach(() => servers.closeAll());

const creators = {
  rsp: (options: ClientOptions) =>
    createRspClient({ accessKey: "ak", secretKey: "secret-key-for-tests", ...options }),
  eim: (options: ClientOptions) =>
    createEimClient({ publicKey: "pk", secretKey: "secret-key-for-tests", token: "t", ...options }),
  cmp: (options: ClientOptions) =>
    createCmpClient({ clientId: "id", clientSecret: "client-secret-for-tests", ...options }),
};
const products = Object.entries(creators);

describe("plain http base URLs", () => {
  it.each(
    products.flatMap(([product, create]) =>
      ["http://example.com", "http://10.0.0.1:8080/api", "http://[2001:db8::1]"].map(
        (baseUrl) => [product, baseUrl, create] as const,
      ),
    ),
  )(
    "refuses %s over %s to a host that is not loopback, naming allowInsecureHttp",
    (_product, baseUrl, create) => {
      expect(() => create({ baseUrl })).toThrow(/allowInsecureHttp: true/);
      expect(() => create({ baseUrl })).toThrow(/plain http to a host that is not loopback/);
    },
  );

  it.each(products)(
    "creates a %s client over plain http when allowInsecureHttp is set",
    (_product, create) => {
      expect(() =>
        create({ baseUrl: "http://example.com", allowInsecureHttp: true }),
      ).not.toThrow();
      expect(() => create({ baseUrl: "http://10.0.0.1", allowInsecureHttp: true })).not.toThrow();
    },
  );

  it.each([
    "http://127.0.0.1:4010",
    "http://127.9.8.7",
    "http://127.1",
    "http://localhost:4010/base",
    "http://LOCALHOST",
    "http://[::1]:4010",
    "https://example.com",
    "https://10.0.0.1",
    "https://rsp.simlessly.com/",
  ])("accepts %s without the option", (baseUrl) => {
    for (const create of Object.values(creators)) expect(() => create({ baseUrl })).not.toThrow();
  });

  it("accepts the production URLs by default", () => {
    for (const create of Object.values(creators)) expect(() => create({})).not.toThrow();
  });

  it("names only the origin of a refused URL, never its user info or path", () => {
    let refusal: unknown;
    try {
      creators.rsp({ baseUrl: "http://user:hunter2-pass@example.com/private/path" });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(TypeError);
    expect(String(refusal)).toMatch(/^TypeError: baseUrl http:\/\/example\.com is plain http/);
    expect(String(refusal)).not.toContain("hunter2");
    expect(String(refusal)).not.toContain("private");
  });

  it("still refuses plain http when another host merely looks like loopback", () => {
    for (const baseUrl of ["http://localhost.example.com", "http://127.0.0.1.nip.io"]) {
      expect(() => creators.rsp({ baseUrl })).toThrow(/allowInsecureHttp/);
    }
  });

  it("sends calls over loopback http without the option", async () => {
    const server = await servers.serve([rspSuccess({ batchCode: "B1" })]);
    const client = creators.rsp({ baseUrl: server.url.replace("127.0.0.1", "localhost") });
    await expect(client.getBatchInfo({ batchCode: "B1" })).resolves.toEqual({ batchCode: "B1" });
  });
});
