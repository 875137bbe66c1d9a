import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRspClient } from "@simlessly/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credentialSecrets, type SandboxCli, startSandboxCli } from "./sandbox-cli.ts";

// `sandbox trigger` against the sandbox over loopback HTTP, whose webhooks go to a receiver
// of this test on loopback as well.

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: { iccid: string; notificationType: string; notificationStatus: unknown };
}

let cli: SandboxCli;
let receiver: Server;
let hookUrl: string;
const received: Received[] = [];
let serial = 0;

function newIccid(): string {
  serial += 1;
  return `898604681520${String(9_100_000 + serial).padStart(8, "0")}`;
}

/** Generates a profile (Available) the way a platform user does, over HTTP. */
async function availableProfile(on: SandboxCli = cli): Promise<string> {
  const iccid = newIccid();
  const { accessKey, secretKey } = on.sandbox.credentials.rsp;
  const client = createRspClient({ baseUrl: on.sandbox.url, accessKey, secretKey });
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
  receiver = createServer((request, response) => {
    let text = "";
    request.on("data", (part: Buffer) => {
      text += part.toString("utf8");
    });
    request.on("end", () => {
      received.push({ headers: request.headers, body: JSON.parse(text) });
      // Under /slow the answer takes a while, so that a delivery is still running when the
      // CLI, not waiting for it, prints.
      const delayMs = request.url?.startsWith("/slow") ? 300 : 0;
      setTimeout(() => response.writeHead(204).end(), delayMs);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const { port } = receiver.address() as AddressInfo;
  hookUrl = `http://127.0.0.1:${port}/hook`;
  cli = await startSandboxCli({ webhookUrl: hookUrl });
});

afterAll(async () => {
  await cli.stop();
  await new Promise((resolve) => receiver.close(resolve));
  const printed = cli.outputs.join("\n");
  for (const secret of credentialSecrets(cli.env)) expect(printed).not.toContain(secret);
});

describe("simlessly sandbox trigger", () => {
  it("moves the profile through download and install and sends each webhook", async () => {
    const iccid = await availableProfile();
    const download = await cli.run(["sandbox", "trigger", "download", "--iccid", iccid]);
    expect(download.code, download.stderr).toBe(0);
    expect(download.stderr).toContain(`simlessly → RSP ${cli.sandbox.url} (environment)`);
    expect(download.stdout).toContain(
      `DOWNLOADED played on ${iccid}: the profile is now Downloaded`,
    );
    expect(download.stdout).toContain(
      `webhook: DOWNLOADED SUCCESS delivered to ${hookUrl} (HTTP 204, attempt 1)`,
    );

    // No --eid: the EID the download bound the profile to.
    const eid = "89049032000001000000012345678901";
    const install = await cli.run(["sandbox", "trigger", "install", "--iccid", iccid]);
    expect(install.code, install.stderr).toBe(0);
    expect(install.stdout).toContain(`EID ${eid}`);

    const detail = await cli.run(["profile", "detail", iccid]);
    expect(detail.code, detail.stderr).toBe(0);
    expect(detail.stdout).toContain(`Profile ${iccid}: Installed`);
    expect(cli.sandbox.admin.profiles({ iccid }).profiles[0]).toMatchObject({
      status: "Installed",
      eid,
    });

    const mine = received.filter((entry) => entry.body.iccid === iccid);
    expect(mine.map((entry) => entry.body.notificationType)).toEqual(["DOWNLOADED", "INSTALLED"]);
    expect(mine[0]?.body.notificationStatus).toEqual({ status: "SUCCESS", message: null });
    expect(mine[0]?.headers.signature).toMatch(/^[0-9a-f]{64}$/);
  });

  it("prints the sandbox's answer with --json, and exits 1 when the status refuses", async () => {
    const iccid = await availableProfile();
    const refused = await cli.run([
      "sandbox",
      "trigger",
      "ENABLE",
      "--iccid",
      iccid,
      "--eid",
      "89049032000001000000000000000077",
      "--json",
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe("");
    const document = JSON.parse(refused.stdout);
    expect(document).toMatchObject({
      ok: false,
      exitCode: 1,
      operation: "playSandboxDeviceEvent",
      target: { product: "rsp", baseUrl: cli.sandbox.url },
      result: {
        iccid,
        eid: "89049032000001000000000000000077",
        event: "ENABLE",
        found: true,
        success: false,
        message: "Profile is not installed.",
        status: "Available",
        webhookUrl: hookUrl,
      },
    });
    expect(document.result.webhookDeliveries[0]).toMatchObject({
      iccid,
      notificationType: "ENABLE",
      notificationStatus: "FAILED",
      httpStatus: 204,
    });
  });

  it("has its own help, while `sandbox` keeps its own and refuses an unknown word", async () => {
    const help = await cli.run(["sandbox", "trigger", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: simlessly sandbox trigger EVENT --iccid ICCID");
    expect(help.stdout).toContain("simlessly sandbox --port 4020 --webhook-url");
    const sandboxHelp = await cli.run(["sandbox", "--help"]);
    expect(sandboxHelp.stdout).toContain("Usage: simlessly sandbox [--port N]");
    const stray = await cli.run(["sandbox", "install"]);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain("takes no positional arguments");
  });

  it("refuses an unknown event, listing the valid ones (exit 2)", async () => {
    const result = await cli.run(["sandbox", "trigger", "activate", "--iccid", newIccid()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'unknown device event "activate": use one of download, install, enable, disable, delete',
    );
  });

  it("refuses the platform's address and any other machine, sending nothing (exit 2)", async () => {
    const iccid = await availableProfile();
    const before = received.length;
    const deliveries = cli.sandbox.admin.webhookDeliveries().length;
    const production = await cli.run(["sandbox", "trigger", "download", "--iccid", iccid], {
      env: { SIMLESSLY_BASE_URL: "https://rsp.simlessly.com" },
    });
    expect(production.code).toBe(2);
    expect(production.stderr).toContain("the Simlessly platform");
    expect(production.stderr).not.toContain("simlessly →");
    const remote = await cli.run([
      "sandbox",
      "trigger",
      "download",
      "--iccid",
      iccid,
      "--url",
      "http://192.0.2.1:4020",
    ]);
    expect(remote.code).toBe(2);
    expect(remote.stderr).toContain("not this machine");
    expect(cli.sandbox.admin.profiles({ iccid }).profiles[0]?.status).toBe("Available");
    expect(received.length).toBe(before);
    expect(cli.sandbox.admin.webhookDeliveries().length).toBe(deliveries);
  });

  it("takes the sandbox's address from --url, and says when no profile has the ICCID", async () => {
    const missing = newIccid();
    const result = await cli.run(["sandbox", "trigger", "delete", "--iccid", missing], {
      env: { SIMLESSLY_BASE_URL: "https://rsp.simlessly.com" },
    });
    expect(result.code).toBe(2);
    const viaUrl = await cli.run([
      "sandbox",
      "trigger",
      "delete",
      "--iccid",
      missing,
      "--url",
      cli.sandbox.url,
    ]);
    expect(viaUrl.code).toBe(1);
    expect(viaUrl.stderr).toContain("SIMLESSLY_BASE_URL overridden by a flag");
    expect(viaUrl.stderr).toContain(`no profile with ICCID ${missing}`);
  });
});

describe("simlessly sandbox trigger on a sandbox without a webhook URL", () => {
  let bare: SandboxCli;

  beforeAll(async () => {
    bare = await startSandboxCli();
  });

  afterAll(async () => {
    await bare.stop();
    const printed = bare.outputs.join("\n");
    for (const secret of credentialSecrets(bare.env)) expect(printed).not.toContain(secret);
  });

  it("plays the event (exit 0) and warns on stderr that no webhook was sent", async () => {
    const iccid = await availableProfile(bare);
    const started = Date.now();
    const result = await bare.run(["sandbox", "trigger", "download", "--iccid", iccid]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`DOWNLOADED played on ${iccid}: the profile is now Downloaded`);
    expect(result.stdout).toContain("webhook: none sent (the sandbox has no --webhook-url)");
    const { port } = new URL(bare.sandbox.url);
    expect(result.stderr).toContain(
      "warning: no webhook sent: the sandbox was started without --webhook-url; restart it with" +
        ` --webhook-url URL, e.g. \`simlessly sandbox --port ${port} --webhook-url http://127.0.0.1:4040\``,
    );
    // Nothing is sent, so nothing is waited for (the default wait is 2 s).
    expect(Date.now() - started).toBeLessThan(1500);
    expect(bare.sandbox.admin.profiles({ iccid }).profiles[0]?.status).toBe("Downloaded");
  });

  it("says so in --json too: webhookUrl null and no delivery", async () => {
    const iccid = await availableProfile(bare);
    const result = await bare.run(["sandbox", "trigger", "download", "--iccid", iccid, "--json"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("warning: no webhook sent");
    const document = JSON.parse(result.stdout);
    expect(document).toMatchObject({
      ok: true,
      result: {
        iccid,
        event: "DOWNLOADED",
        success: true,
        webhookUrl: null,
        webhookDeliveries: [],
      },
    });
  });
});

describe("simlessly sandbox trigger on other sandboxes", () => {
  it("names where the webhook goes when it does not wait, without the URL's query", async () => {
    const token = "receiver-token-6f2a";
    const slowUrl = hookUrl.replace(/\/hook$/, "/slow");
    const other = await startSandboxCli({ webhookUrl: `${slowUrl}?token=${token}` });
    try {
      const iccid = await availableProfile(other);
      const result = await other.run([
        "sandbox",
        "trigger",
        "download",
        "--iccid",
        iccid,
        "--webhook-wait",
        "0",
      ]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(
        `webhook: sent to ${slowUrl} (delivery runs in the background; GET /__sandbox/webhooks lists attempts)`,
      );
      expect(result.stderr).not.toContain("warning:");
      const json = await other.run(["sandbox", "trigger", "install", "--iccid", iccid, "--json"]);
      expect(JSON.parse(json.stdout).result.webhookUrl).toBe(slowUrl);
      expect(`${result.stdout}${result.stderr}${json.stdout}${json.stderr}`).not.toContain(token);
    } finally {
      await other.stop();
    }
  });

  it("prints nothing extra for an older sandbox whose answer does not name a webhook URL", async () => {
    // A stand-in for an older sandbox on loopback: its device-event answer has no webhookUrl.
    const iccid = newIccid();
    const older = createServer((request, response) => {
      request.resume();
      request.on("end", () => {
        const path = request.url ?? "";
        const answer = path.startsWith("/__sandbox/profiles")
          ? { profiles: [] }
          : path === "/__sandbox/webhooks"
            ? { deliveries: [] }
            : { found: true, success: true, message: null, status: "Downloaded" };
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => older.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = older.address() as AddressInfo;
      const result = await cli.run(
        ["sandbox", "trigger", "download", "--iccid", iccid, "--webhook-wait", "0", "--json"],
        { env: { SIMLESSLY_BASE_URL: `http://127.0.0.1:${port}` } },
      );
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toBe("");
      const document = JSON.parse(result.stdout);
      expect(document.result).not.toHaveProperty("webhookUrl");
      const text = await cli.run(
        ["sandbox", "trigger", "download", "--iccid", iccid, "--webhook-wait", "0"],
        { env: { SIMLESSLY_BASE_URL: `http://127.0.0.1:${port}` } },
      );
      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toContain("webhook: not waited for (--webhook-wait 0)");
      expect(text.stderr).not.toContain("warning:");
    } finally {
      older.closeAllConnections();
      await new Promise((resolve) => older.close(resolve));
    }
  });
});
