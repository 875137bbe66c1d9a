import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cmpCommandSpecs, eimCommandSpecs } from "../src/cli/commands.ts";
import { credentialSecrets, type SandboxCli, startSandboxCli } from "./sandbox-cli.ts";
import { tempDir } from "./test-io.ts";

// Every eIM and CMP command against the stateful sandbox over loopback HTTP.

let cli: SandboxCli;
let dir: string;
const ran = new Set<string>();
const secrets: string[] = [];
const specs = [...eimCommandSpecs, ...cmpCommandSpecs];

const iccids = ["89860468152080400011", "89860468152080400029", "89860468152080400037"];
const devices = [1, 2, 3].map((n) => ({
  eid: `8904903200000100000001234567890${n}`,
  imei: `35693803564380${n}`,
}));
const codes = iccids.map((iccid) => `1$eim.sandbox.simlessly.test$C0DE${iccid}`);

async function run(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}) {
  const command = specs.find((spec) => spec.path.every((word, i) => args[i] === word));
  if (command !== undefined) ran.add(command.path.join(" "));
  return cli.run(args, { ...options, cwd: dir });
}

/** Submits a batch command and returns its task id, read from --json. */
async function submitted(args: string[], stdin: string): Promise<number> {
  const result = await run([...args, "--input", "-", "--json"], { stdin });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout).result.batchId;
}

beforeAll(async () => {
  cli = await startSandboxCli();
  dir = tempDir();
  secrets.push(...credentialSecrets(cli.env), ...codes);
});
afterAll(() => cli.stop());

describe("eim", () => {
  it("imports devices and codes, and follows the batch tasks", async () => {
    const deviceTask = await submitted(["eim", "device", "import"], JSON.stringify(devices));
    const running = await run(["eim", "batch", "info", String(deviceTask)]);
    expect(running.code).toBe(4);
    expect(running.stdout).toContain("PROCESSING");
    const devicesDone = await run(["eim", "batch", "info", String(deviceTask), "--wait"]);
    expect(devicesDone.code, devicesDone.stderr).toBe(0);
    expect(devicesDone.stdout).toContain("PROCESSED, 3 succeeded, 0 failed of 3");

    const acInfos = iccids.map((iccid, i) => ({
      iccid,
      ac: codes[i],
      apn: "internet",
      cc: "4821",
    }));
    const codeTask = await submitted(["eim", "ac", "import"], JSON.stringify({ acInfos }));
    const codesDone = await run(["eim", "batch", "info", String(codeTask), "--wait", "--json"]);
    expect(codesDone.code, codesDone.stderr).toBe(0);
    expect(JSON.parse(codesDone.stdout).result).toMatchObject({ status: "PROCESSED", success: 3 });

    const repeated = await submitted(["eim", "ac", "import"], JSON.stringify(acInfos.slice(0, 1)));
    const refused = await run(["eim", "batch", "info", String(repeated), "--wait"]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/PROCESSED_FAILED[\s\S]*Repeated ICCID!/);
  });

  it("allocates codes one at a time (both paths) and in bulk", async () => {
    const [first, second, third] = devices as [
      (typeof devices)[0],
      (typeof devices)[0],
      (typeof devices)[0],
    ];
    const single = await run([
      "eim",
      "allocate",
      iccids[0] as string,
      "--eid",
      first.eid,
      "--imei",
      first.imei,
      "--enabled",
      "true",
    ]);
    expect(single.code, single.stderr).toBe(0);
    expect(single.stdout).toContain(`Profile ${iccids[0]} allocated to device ${first.eid}`);
    const again = await run([
      "eim",
      "allocate",
      iccids[0] as string,
      "--eid",
      first.eid,
      "--imei",
      first.imei,
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("code 100107 (AC_ALREADY_ALLOCATED)");
    const other = await run([
      "eim",
      "allocate-single",
      iccids[1] as string,
      "--eid",
      second.eid,
      "--imei",
      second.imei,
    ]);
    expect(other.code, other.stderr).toBe(0);
    const bulk = await submitted(
      ["eim", "batch", "allocate", "--enabled", "false"],
      JSON.stringify([{ iccid: iccids[2], eid: third.eid }]),
    );
    expect((await run(["eim", "batch", "info", String(bulk), "--wait"])).code).toBe(0);
  });

  it("refuses invalid input before sending, unknown tasks and refused credentials", async () => {
    const invalid = await run(["eim", "ac", "import", "--input", "-"], {
      stdin: JSON.stringify([{ iccid: iccids[0], ac: codes[0] }]),
    });
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain("acInfos[0].apn: is required");
    const badEnabled = await run(["eim", "allocate", iccids[0] as string, "--enabled", "yes"]);
    expect(badEnabled.code).toBe(2);
    expect(badEnabled.stderr).toContain("--enabled must be one of true, false");
    const unknown = await run(["eim", "batch", "info", "424242"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("code 123009 (BATCH_TASK_NOT_FOUND)");
    const wrongToken = await run(["eim", "batch", "info", "1"], {
      env: { SIMLESSLY_EIM_TOKEN: "wrongtoken0000000000000000000001" },
    });
    expect(wrongToken.code).toBe(3);
    const noToken = await run(["eim", "batch", "info", "1"], { env: { SIMLESSLY_EIM_TOKEN: "" } });
    expect(noToken.code).toBe(3);
    expect(noToken.stderr).toContain("missing eIM token");
  });
});

describe("cmp", () => {
  it("shows a device's SIMs by ICCID and EID", async () => {
    const byIccid = await run(["cmp", "sims", iccids[0] as string]);
    expect(byIccid.code, byIccid.stderr).toBe(0);
    expect(byIccid.stdout).toContain("1 device, 1 SIM");
    expect(byIccid.stdout).toContain(devices[0]?.eid);
    const byEid = await run(["cmp", "sims", "--by", "eid", devices[1]?.eid as string, "--json"]);
    expect(JSON.parse(byEid.stdout).result.deviceList[0].sims[0].iccid).toBe(iccids[1]);
  });

  it("changes SIM status; an unknown SIM fails (exit 1)", async () => {
    const change = await run([
      "cmp",
      "sim",
      "status",
      "--deactivate",
      "--yes",
      iccids[0] as string,
    ]);
    expect(change.code, change.stderr).toBe(0);
    expect(change.stdout).toMatch(/SIM status change (processing|success)/);
    const unknown = await run(["cmp", "sim", "status", "--activate", "89860468152080499999"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toContain("SIM status change failed");
  });

  it("refuses bad usage and refused client credentials", async () => {
    const both = await run([
      "cmp",
      "sim",
      "status",
      "--activate",
      "--deactivate",
      iccids[0] as string,
    ]);
    expect(both.code).toBe(2);
    const badImsi = await run(["cmp", "sims", "--by", "imsi", "123"]);
    expect(badImsi.code).toBe(2);
    expect(badImsi.stderr).toContain("imsiList[0]: must be 15 digits");
    const refused = await run(["cmp", "sims", iccids[0] as string], {
      env: { SIMLESSLY_CMP_CLIENT_SECRET: "wrongclientsecret000000000000001" },
    });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain("HTTP 401");
    secrets.push("wrongclientsecret000000000000001");
  });
});

describe("secrets", () => {
  it("ran every eIM and CMP command of this file", () => {
    expect([...ran].sort()).toEqual(specs.map((spec) => spec.path.join(" ")).sort());
  });

  it("never printed a secret: activation codes, tokens, client secrets", () => {
    const printed = cli.outputs.join("\n");
    for (const secret of secrets) expect(printed).not.toContain(secret);
  });
});
