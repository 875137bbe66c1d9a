// Request timestamps follow the server's Date header when skew correction is on.
import { afterEach, describe, expect, it } from "vitest";
import { createRspClient } from "../src/clients/rsp-client.ts";
import { localServers, rspSuccess } from "./support/local-server.ts";

const servers = localServers();
afterEach(() => servers.closeAll());
const serve = servers.serve;

const credentials = { accessKey: "ak", secretKey: "secret-key-for-tests" };
const iccid = "89860468152080349618";

describe("clock skew", () => {
  it("stamps later requests with the server's time when correction is on", async () => {
    const hourAhead = () => new Date(Date.now() + 3_600_000).toUTCString();
    const server = await serve(() => ({
      ...rspSuccess({ batchCode: "B1" }),
      headers: { date: hourAhead() },
    }));
    const client = createRspClient({ baseUrl: server.url, ...credentials, clockSkew: true });
    const body = {
      configName: "templateRegular01",
      metaDatas: [{ iccid, imsi: "460048867619618", ki: "6BE2053E8580B135CD43443380DB7111" }],
    };
    await client.generateAcByBatch(body);
    await client.generateAcByBatch(body);
    const [first, second] = server.requests.map((request) => Number(request.headers.timestamp));
    expect(Math.abs((first ?? 0) - Date.now())).toBeLessThan(60_000);
    expect(Math.abs((second ?? 0) - (Date.now() + 3_600_000))).toBeLessThan(5_000);
  });

  it("leaves timestamps alone when correction is off", async () => {
    const server = await serve(() => ({
      ...rspSuccess({ batchCode: "B1" }),
      headers: { date: new Date(Date.now() + 3_600_000).toUTCString() },
    }));
    const client = createRspClient({ baseUrl: server.url, ...credentials });
    await client.getBatchInfo({ batchCode: "B1" });
    await client.getBatchInfo({ batchCode: "B1" });
    expect(Math.abs(Number(server.requests[1]?.headers.timestamp) - Date.now())).toBeLessThan(
      60_000,
    );
  });
});
