// config/list and profile/log iterate page by page to their end, over HTTP.
import { afterEach, describe, expect, it } from "vitest";
import { createRspClient } from "../src/clients/rsp-client.ts";
import { rspValidator } from "../src/validation.ts";
import { localServers, rspSuccess, type Script } from "./support/local-server.ts";

const servers = localServers();
afterEach(() => servers.closeAll());
const serve = servers.serve;

const credentials = { accessKey: "ak", secretKey: "secret-key-for-tests" };
const iccid = "89860468152080349618";

describe("paged lists", () => {
  const configs = Array.from({ length: 25 }, (_, index) => `config${index + 1}`);
  const pageServer = (): Script => (_index, request) => {
    const { pageParam } = JSON.parse(request.body.toString("utf8")) as {
      pageParam: { pageNum: number; pageSize: number };
    };
    const start = (pageParam.pageNum - 1) * pageParam.pageSize;
    return rspSuccess({
      configs: configs.slice(start, start + pageParam.pageSize),
      pageParam: { ...pageParam, total: configs.length },
    });
  };

  it("iterate config/list page by page to the end", async () => {
    const server = await serve(pageServer());
    const client = createRspClient({
      baseUrl: server.url,
      ...credentials,
      validator: rspValidator,
    });
    const pages = [];
    for await (const page of client.listConfigsPages({ pageSize: 10 })) pages.push(page.configs);
    expect(pages.map((page) => page.length)).toEqual([10, 10, 5]);
    expect(pages.flat()).toEqual(configs);
    expect(server.requests).toHaveLength(3);
  });

  it("stop at the reported total even when the last page is full", async () => {
    const server = await serve(pageServer());
    const client = createRspClient({ baseUrl: server.url, ...credentials });
    let count = 0;
    for await (const page of client.listConfigsPages({ pageSize: 5 })) count += page.configs.length;
    expect(count).toBe(25);
    expect(server.requests).toHaveLength(5);
  });

  it("iterate profile/log for one ICCID", async () => {
    const logs = Array.from({ length: 3 }, (_, index) => ({ iccid, status: `S${index}` }));
    const server = await serve((index) =>
      rspSuccess({
        profileLogs: logs.slice(index * 2, index * 2 + 2),
        pageParam: { pageNum: index + 1, pageSize: 2 },
      }),
    );
    const client = createRspClient({
      baseUrl: server.url,
      ...credentials,
      validator: rspValidator,
    });
    const seen = [];
    for await (const page of client.listProfileLogsPages({ iccid, pageSize: 2 }))
      seen.push(...page.profileLogs);
    expect(seen).toEqual(logs);
    expect(JSON.parse(server.requests[1]?.body.toString("utf8") ?? "{}")).toEqual({
      iccid,
      pageParam: { pageNum: 2, pageSize: 2 },
    });
  });
});
