// The CMP bearer token over HTTP: cached until shortly before `expireIn` runs out, shared by
// concurrent calls, and renewed once when the server refuses it.
import { afterEach, describe, expect, it } from "vitest";
import { createCmpClient } from "../src/clients/cmp-client.ts";
import { type Behaviour, localServers } from "./support/local-server.ts";

const servers = localServers();
afterEach(() => servers.closeAll());
const serve = servers.serve;

const iccids = ["89860468152080349618", "89860468152080349626"] as const;

describe("CMP credentials", () => {
  const token = (value: string, expireIn = "3600"): Behaviour => ({
    json: { token: value, tokenType: "Bearer", expireIn },
  });
  const sims = { deviceList: [] };

  it("renews a refused token once and sends the call again", async () => {
    const server = await serve([token("tokenA"), { status: 401 }, token("tokenB"), { json: sims }]);
    const client = createCmpClient({
      baseUrl: server.url,
      clientId: "id",
      clientSecret: "secret-value",
    });
    await expect(
      client.changeSimStatus({ simIds: [iccids[0]], simIdType: "ICCID", active: true }),
    ).resolves.toEqual(sims);
    expect(server.requests.map((request) => request.headers.authorization)).toEqual([
      undefined,
      "Bearer tokenA",
      undefined,
      "Bearer tokenB",
    ]);
  });

  it("caches the token until shortly before it expires", async () => {
    let now = 1_700_000_000_000;
    const server = await serve([
      token("tokenA", "120"),
      { json: sims },
      { json: sims },
      token("tokenB"),
      { json: sims },
    ]);
    const client = createCmpClient({
      baseUrl: server.url,
      clientId: "id",
      clientSecret: "secret-value",
      now: () => now,
      tokenRefreshMarginMs: 30_000,
    });
    const request = { iccidList: [iccids[0]] };
    await client.getDeviceSimsDetail(request);
    now += 60_000;
    await client.getDeviceSimsDetail(request);
    now += 31_000; // 91 s after issue: within 30 s of the 120 s lifetime
    await client.getDeviceSimsDetail(request);
    expect(server.requests.map((request) => request.headers.authorization)).toEqual([
      undefined,
      "Bearer tokenA",
      "Bearer tokenA",
      undefined,
      "Bearer tokenB",
    ]);
  });

  it("shares one token request between concurrent calls", async () => {
    const server = await serve((index) =>
      index === 0 ? { ...token("tokenA"), delayMs: 50 } : { json: sims },
    );
    const client = createCmpClient({
      baseUrl: server.url,
      clientId: "id",
      clientSecret: "secret-value",
    });
    const request = { eidList: ["89049032000001000000000000000001"] };
    await Promise.all([client.getDeviceSimsDetail(request), client.getDeviceSimsDetail(request)]);
    const tokenRequests = server.requests.filter((request) => request.url.endsWith("/oauth/token"));
    expect(tokenRequests).toHaveLength(1);
    expect(server.requests).toHaveLength(3);
  });
});
