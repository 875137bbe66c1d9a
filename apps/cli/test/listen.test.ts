import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { createRspClient } from "@simlessly/client";
import {
  createMemoryReplayStore,
  sandboxWebhookScheme,
  verifyWebhook,
} from "@simlessly/client/webhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliContext } from "../src/commands/command-module.ts";
import { runCli } from "../src/main.ts";
import { createRspBatchApi } from "../src/wiring/create-rsp-batch-api.ts";
import { credentialSecrets, type SandboxCli, startSandboxCli } from "./sandbox-cli.ts";
import { MemorySink } from "./test-io.ts";

// `simlessly listen` in-process over loopback HTTP: the sandbox sends its webhooks to it,
// `sandbox trigger` makes them happen, and an app of this test receives the forwards.

/** A running `simlessly listen`, stopped as Ctrl+C would. */
interface Listening {
  readonly url: string;
  readonly stdout: MemorySink;
  readonly stderr: MemorySink;
  stop(): Promise<number>;
}

let cli: SandboxCli;
let port: number;
const outputs: string[] = [];
let serial = 0;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port: free } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return free;
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check(); waited += 10) {
    if (waited > 5000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function startListen(args: readonly string[]): Promise<Listening> {
  const stdout = new MemorySink();
  const stderr = new MemorySink();
  let interrupt: (() => void) | undefined;
  const context: CliContext = {
    stdin: Readable.from([]),
    stdout,
    stderr,
    env: cli.env,
    cwd: process.cwd(),
    createBatchApi: createRspBatchApi,
    onInterrupt: (handler) => {
      interrupt = handler;
      return () => {
        interrupt = undefined;
      };
    },
  };
  const exit = runCli(["listen", ...args], context);
  let settled: number | undefined;
  void exit.then((code) => {
    settled = code;
  });
  await until(() => stderr.text.includes("Ctrl+C stops") || settled !== undefined, "listen");
  const url = /listening for webhooks on (\S+?),?\s/.exec(stderr.text)?.[1];
  if (url === undefined) throw new Error(`listen did not start: ${stderr.text}`);
  return {
    url,
    stdout,
    stderr,
    async stop() {
      interrupt?.();
      const code = await exit;
      outputs.push(stdout.text, stderr.text);
      return code;
    },
  };
}

async function availableProfile(): Promise<string> {
  serial += 1;
  const iccid = `898604681520${String(9_200_000 + serial).padStart(8, "0")}`;
  const { accessKey, secretKey } = cli.sandbox.credentials.rsp;
  const client = createRspClient({ baseUrl: cli.sandbox.url, accessKey, secretKey });
  await client.generateAc({
    configName: "templateRegular01",
    iccid,
    imsi: `46004${iccid.slice(-10)}`,
    ki: "A1B2C3D4A1B2C3D4A1B2C3D4A1B2C3D4",
    opc: "0A1B2C3D0A1B2C3D0A1B2C3D0A1B2C3D",
  });
  return iccid;
}

beforeAll(async () => {
  port = await freePort();
  cli = await startSandboxCli({ webhookUrl: `http://127.0.0.1:${port}/simlessly/webhook` });
});

afterAll(async () => {
  await cli.stop();
  const printed = [...outputs, ...cli.outputs].join("\n");
  for (const secret of credentialSecrets(cli.env)) expect(printed).not.toContain(secret);
});

describe("simlessly listen", () => {
  it("verifies the sandbox's webhooks and prints one line per event, then stops with exit 0", async () => {
    const listening = await startListen(["--port", String(port)]);
    expect(listening.url).toBe(`http://127.0.0.1:${port}`);
    expect(listening.stderr.text).toContain(
      `simlessly sandbox --webhook-url http://127.0.0.1:${port}`,
    );
    const iccid = await availableProfile();
    const trigger = await cli.run(["sandbox", "trigger", "download", "--iccid", iccid]);
    expect(trigger.code, trigger.stderr).toBe(0);
    expect(trigger.stdout).toMatch(/webhook: DOWNLOADED SUCCESS delivered .*HTTP 204/);
    expect(listening.stdout.text).toMatch(
      new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\S+Z profileStatus ${iccid} DOWNLOADED SUCCESS\\n$`),
    );
    expect(await listening.stop()).toBe(0);
  });

  it("forwards the exact bytes and signing headers, prints --json with secrets masked", async () => {
    const received: { headers: IncomingHttpHeaders; body: Buffer }[] = [];
    const app: Server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        received.push({ headers: request.headers, body: Buffer.concat(chunks) });
        response.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/hooks`;
    try {
      const listening = await startListen([
        "--port",
        String(port),
        "--json",
        "--forward-to",
        appUrl,
      ]);
      const iccid = await availableProfile();
      const trigger = await cli.run(["sandbox", "trigger", "download", "--iccid", iccid]);
      expect(trigger.stdout).toMatch(/webhook: DOWNLOADED SUCCESS delivered .*HTTP 202/);

      // The app verifies what it got with the same key: only the exact bytes pass.
      expect(received).toHaveLength(1);
      const forwarded = received[0] as (typeof received)[number];
      await verifyWebhook({
        body: forwarded.body,
        headers: forwarded.headers,
        secretKey: cli.env.SIMLESSLY_SECRET_KEY as string,
        replayStore: createMemoryReplayStore(),
      });
      const matchingId = (JSON.parse(forwarded.body.toString("utf8")) as { matchingId: string })
        .matchingId;
      expect(matchingId).not.toBe("");

      const lines = listening.stdout.text.trim().split("\n");
      expect(lines).toHaveLength(1);
      const event = JSON.parse(lines[0] as string);
      expect(event).toMatchObject({
        kind: "profileStatus",
        requestId: forwarded.headers["request-id"],
        payload: {
          iccid,
          notificationType: "DOWNLOADED",
          notificationStatus: { status: "SUCCESS" },
          matchingId: "***",
        },
        forward: { status: 202 },
      });
      expect(listening.stdout.text).not.toContain(matchingId);
      expect(await listening.stop()).toBe(0);
    } finally {
      await new Promise((resolve) => app.close(resolve));
    }
  });

  it("answers 401 to a bad signature, 409 to a replay and 400 to a malformed request", async () => {
    const listening = await startListen(["--port", "0"]);
    const body = JSON.stringify({ iccid: "89860468152000000001", matchingId: "SECRET-MATCH" });
    const headers = {
      "content-type": "application/json",
      timestamp: String(Date.now()),
      "request-id": "forged-1",
      signature: "0".repeat(64),
    };
    const forged = await fetch(listening.url, { method: "POST", headers, body });
    expect(forged.status).toBe(401);
    const missing = await fetch(listening.url, { method: "POST", body });
    expect(missing.status).toBe(400);
    expect(listening.stdout.text).toBe("");

    // A genuine one passes once; the same request again is a replay.
    const genuine = JSON.stringify({
      eid: "89049032000001000000012345678901",
      iccid: "89860468152000000001",
      timestamp: "2026-01-01 00:00:00",
      matchingId: "SECRET-MATCH",
      configName: "templateRegular01",
      notificationType: "INSTALLED",
      notificationStatus: { status: "SUCCESS", message: null },
    });
    const timestamp = String(Date.now());
    const signature = sandboxWebhookScheme.sign({
      secretKey: cli.env.SIMLESSLY_SECRET_KEY as string,
      accessKey: null,
      timestamp,
      requestId: "genuine-1",
      body: new TextEncoder().encode(genuine),
    });
    const signed = { timestamp, "request-id": "genuine-1", signature };
    const first = await fetch(listening.url, { method: "POST", headers: signed, body: genuine });
    expect(first.status).toBe(204);
    const again = await fetch(listening.url, { method: "POST", headers: signed, body: genuine });
    expect(again.status).toBe(409);
    expect(listening.stdout.text).toMatch(
      /Z profileStatus 89860468152000000001 INSTALLED SUCCESS\n$/,
    );

    expect(listening.stderr.text).toContain(
      "refused with 401: the signature does not match (Request-ID forged-1)",
    );
    expect(listening.stderr.text).toContain("refused with 400: the header is missing");
    expect(listening.stderr.text).toContain(
      "refused with 409: this request id was already accepted (Request-ID genuine-1)",
    );
    expect(listening.stderr.text).not.toContain("SECRET-MATCH");
    expect(await listening.stop()).toBe(0);
  });

  it("keeps listening when the endpoint cannot be reached, answering the sender 502", async () => {
    const closed = await freePort();
    const listening = await startListen([
      "--port",
      String(port),
      "--forward-to",
      `http://127.0.0.1:${closed}/hooks`,
    ]);
    // The sandbox tries three times, each a new request: every one is verified, forwarded
    // and answered 502, and listening goes on.
    const iccid = await availableProfile();
    const trigger = await cli.run([
      "sandbox",
      "trigger",
      "download",
      "--iccid",
      iccid,
      "--webhook-wait",
      "1.5",
    ]);
    expect(trigger.stdout).toMatch(/not delivered .*HTTP 502, attempt 3/);
    const lines = listening.stdout.text.trim().split("\n");
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).toMatch(
        new RegExp(`profileStatus ${iccid} DOWNLOADED SUCCESS → forward failed: ECONNREFUSED$`),
      );
    }
    expect(await listening.stop()).toBe(0);
  });

  it("shows the development loop in its help", async () => {
    const stdout = new MemorySink();
    const context: CliContext = {
      stdin: Readable.from([]),
      stdout,
      stderr: new MemorySink(),
      env: { HOME: "/nonexistent-home" },
      cwd: process.cwd(),
      createBatchApi: createRspBatchApi,
    };
    expect(await runCli(["listen", "--help"], context)).toBe(0);
    expect(stdout.text).toContain("Usage: simlessly listen [--port N]");
    expect(stdout.text).toContain(
      "simlessly sandbox --port 4020 --webhook-url http://127.0.0.1:4040",
    );
    expect(stdout.text).toContain("simlessly listen --forward-to http://localhost:3000/hooks");
    expect(stdout.text).toContain("simlessly sandbox trigger install --iccid");
  });

  it("needs the RSP secret key (exit 3) and a valid port (exit 2)", async () => {
    const stdout = new MemorySink();
    const stderr = new MemorySink();
    const context: CliContext = {
      stdin: Readable.from([]),
      stdout,
      stderr,
      env: { HOME: "/nonexistent-home", SIMLESSLY_ACCESS_KEY: "key" },
      cwd: process.cwd(),
      createBatchApi: createRspBatchApi,
    };
    expect(await runCli(["listen", "--port", "0"], context)).toBe(3);
    expect(await runCli(["listen", "--port", "70000"], context)).toBe(2);
    expect(stderr.text).toContain("--port must be a number from 0 to 65535");
  });
});
