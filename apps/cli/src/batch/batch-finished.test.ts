// `batch info` and `cmp sim status` against a server on loopback that answers with a state
// the docs do not show: the command ends and says what it knows instead of waiting or
// claiming success.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { runCliForTest } from "../../test/run-cli.ts";
import { batchFinished } from "./batch-finished.ts";

let server: Server | undefined;
afterEach(async () => {
  const running = server;
  server = undefined;
  if (running !== undefined) await new Promise((resolve) => running.close(resolve));
});

/** Serves `answer(path)` as JSON for every request; returns the base URL. */
async function serve(answer: (path: string) => unknown): Promise<string> {
  server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(answer(request.url ?? "")));
    });
  });
  const listening = server;
  await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
}

const rspEnv = (baseUrl: string) => ({
  HOME: "/nonexistent-home",
  SIMLESSLY_BASE_URL: baseUrl,
  SIMLESSLY_ACCESS_KEY: "accesskey",
  SIMLESSLY_SECRET_KEY: "secret-key-for-tests",
});

const failedBatch = (results: unknown[]) => ({
  success: true,
  code: "00000",
  msg: "",
  obj: {
    batchTaskInfo: {
      batchCode: "B202303071234225",
      taskType: "GENERATE AC",
      status: "FAILED",
      total: 2,
      succeedNum: 0,
      failedNum: results.length,
      createTime: "2027/03/07 11:09:14",
    },
    results,
  },
});

describe("batchFinished", () => {
  it.each([
    ["PROCESSING", false],
    ["processing", false],
    ["PENDING", false],
    ["Queued", false],
    ["IN_PROGRESS", false],
    ["COMPLETE", true],
    ["complete", true],
    ["FAILED", true],
    ["PROCESSED_FAILED", true],
  ])("reads %s as finished: %s", (status, want) => {
    expect(batchFinished(status)).toBe(want);
  });
});

describe("batch info with a status the docs do not show", () => {
  it("stops waiting, and exits 4 when records have no result", async () => {
    const failed = { iccid: "89860468152080349618", success: false, errorReason: "disabled" };
    const baseUrl = await serve(() => failedBatch([failed]));
    const run = await runCliForTest(["batch", "info", "B202303071234225", "--wait"], {
      env: rspEnv(baseUrl),
    });
    expect(run.stdout).toContain("Batch B202303071234225: FAILED, 0 succeeded, 1 failed of 2");
    expect(run.code).toBe(4);
  });

  it("exits 1 when every record has its (failed) result", async () => {
    const results = ["89860468152080349618", "89860468152080349626"].map((iccid) => ({
      iccid,
      success: false,
      errorReason: "disabled",
    }));
    const baseUrl = await serve(() => failedBatch(results));
    const run = await runCliForTest(["batch", "info", "B202303071234225"], {
      env: rspEnv(baseUrl),
    });
    expect(run.code).toBe(1);
  });
});

describe("cmp sim status with a state the docs do not give", () => {
  it("prints it and exits 4: neither taken nor refused is known", async () => {
    const baseUrl = await serve((path) =>
      path.endsWith("/oauth/token")
        ? { token: "c2a4e6f8091b3d5f7a9c1e3b5d7f9a2c", tokenType: "Bearer", expireIn: "3600" }
        : { requestId: "20231212000233233225", status: "queued", message: null },
    );
    const run = await runCliForTest(
      ["cmp", "sim", "status", "--activate", "89148000007829999354"],
      {
        env: {
          HOME: "/nonexistent-home",
          SIMLESSLY_CMP_BASE_URL: baseUrl,
          SIMLESSLY_CMP_CLIENT_ID: "A1b2C3d4E5f6A7b8C9d0E1f2A3b4C5d6",
          SIMLESSLY_CMP_CLIENT_SECRET: "Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4",
        },
      },
    );
    expect(run.stdout).toContain("SIM status change queued (request 20231212000233233225)");
    expect(run.code).toBe(4);
  });
});
