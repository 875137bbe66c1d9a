import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createRspClient } from "@simlessly/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rspCommandSpecs } from "../src/cli/commands.ts";
import { credentialSecrets, type SandboxCli, startSandboxCli } from "./sandbox-cli.ts";
import { tempDir } from "./test-io.ts";

// Every RSP command against the stateful sandbox over loopback HTTP, with real signatures.

let cli: SandboxCli;
let dir: string;
let serial = 0;
const ran = new Set<string>();
/** Secret values handed to the CLI or produced for it: none may reach stdout or stderr. */
const secrets: string[] = [];

function newIccid(): string {
  serial += 1;
  return `898604681520${String(8_000_000 + serial).padStart(8, "0")}`;
}
const hex32 = (seed: number) => seed.toString(16).toUpperCase().padStart(8, "A").repeat(4);

function simRecord(iccid: string) {
  const ki = hex32(0x1a2b0000 + serial);
  const opc = hex32(0x3c4d0000 + serial);
  const record = { iccid, imsi: `46004${iccid.slice(-10)}`, ki, opc, puk1: "73910482" };
  secrets.push(ki, opc, "73910482");
  return record;
}

function writeJson(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

async function run(args: string[], options: { stdin?: string } = {}) {
  const command = rspCommandSpecs.find((spec) => spec.path.every((word, i) => args[i] === word));
  if (command !== undefined) ran.add(command.path.join(" "));
  return cli.run(args, { ...options, cwd: dir });
}

/** Generates a profile through the CLI; returns its ICCID. */
async function generated(configName = "templateRegular01"): Promise<string> {
  const iccid = newIccid();
  const input = writeJson(`${iccid}.json`, simRecord(iccid));
  const result = await run([
    "ac",
    "generate",
    "--config-name",
    configName,
    "--input",
    input,
    "--out",
    `${iccid}.ac.json`,
  ]);
  expect(result.code, result.stderr).toBe(0);
  secrets.push(JSON.parse(readFileSync(join(dir, `${iccid}.ac.json`), "utf8")).activationCode);
  return iccid;
}

beforeAll(async () => {
  cli = await startSandboxCli();
  dir = tempDir();
  secrets.push(...credentialSecrets(cli.env));
});
afterAll(() => cli.stop());

describe("ac generate", () => {
  it("writes the activation code to a new 0600 file and prints it masked", async () => {
    const iccid = newIccid();
    const input = writeJson("sim.json", simRecord(iccid));
    const result = await run([
      "ac",
      "generate",
      "--config-name",
      "templateRegular01",
      "--input",
      input,
      "--out",
      "ac.json",
      "--need-ac-link",
      "--json",
    ]);
    expect(result.code, result.stderr).toBe(0);
    const saved = JSON.parse(readFileSync(join(dir, "ac.json"), "utf8"));
    expect(saved.activationCode).toMatch(/^1\$rsp\.sandbox\.simlessly\.test\$/);
    expect(statSync(join(dir, "ac.json")).mode & 0o777).toBe(0o600);
    secrets.push(saved.activationCode, saved.acLink);
    const document = JSON.parse(result.stdout);
    expect(document).toMatchObject({
      ok: true,
      exitCode: 0,
      operation: "generateAc",
      result: { iccid, activationCode: "[hidden]", acLink: "[hidden]" },
      secretsFile: join(dir, "ac.json"),
    });
  });

  it("refuses a second profile for the ICCID: exit 1 naming the operation, code and request", async () => {
    const iccid = await generated();
    const input = writeJson("again.json", simRecord(iccid));
    const result = await run([
      "ac",
      "generate",
      "--config-name",
      "templateRegular01",
      "--input",
      input,
      "--out",
      "again.ac",
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/generateAc failed: HTTP 200 code PROFILE_EXISTS/);
    expect(result.stderr).toMatch(/request [0-9a-f-]{32,36}/);
    expect(() => statSync(join(dir, "again.ac"))).toThrow(); // removed: nothing to keep
  });

  it("sends nothing without --out, or with an invalid field (named, value not shown)", async () => {
    const iccid = newIccid();
    const record = { ...simRecord(iccid), ki: "NOT-A-KI-0123456789ABCDEF0123456" };
    secrets.push(record.ki);
    const noOut = await run([
      "ac",
      "generate",
      "--config-name",
      "templateRegular01",
      "--input",
      writeJson("a.json", simRecord(iccid)),
    ]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain("--out FILE is required");
    const invalid = await run([
      "ac",
      "generate",
      "--config-name",
      "templateRegular01",
      "--input",
      writeJson("b.json", record),
      "--out",
      "b.ac",
    ]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain("ki: must be 32 hexadecimal characters");
    expect(cli.sandbox.admin.profiles({ iccid }).total).toBe(0);
  });

  it("reports an unknown outcome (exit 4) when the answer is lost after the platform acted", async () => {
    cli.sandbox.admin.setFaults({ resetAfterRate: 1 });
    const iccid = newIccid();
    const result = await run([
      "ac",
      "generate",
      "--config-name",
      "templateRegular01",
      "--input",
      writeJson("lost.json", simRecord(iccid)),
      "--out",
      "lost.ac",
    ]).finally(() => cli.sandbox.admin.setFaults({}));
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/generateAc may or may not have taken effect/);
    expect(cli.sandbox.admin.profiles({ iccid }).total).toBe(1);
  });

  it("exits 3 when the platform refuses the credentials", async () => {
    const result = await cli.run(["profile", "detail", newIccid()], {
      env: { SIMLESSLY_SECRET_KEY: "wrongsecretkey000000000000000001" },
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/getProfileDetail failed: HTTP \d+ code AUTH_BAD_SIGNATURE/);
  });
});

describe("ac generate-upp and profile update-upp", () => {
  it("creates a profile from a UPP file and replaces its UPP", async () => {
    const iccid = newIccid();
    const upp = "A1B2C3D4E5F60718293A4B5C6D7E8F90".repeat(4);
    const replacement = "0F1E2D3C4B5A69788796A5B4C3D2E1F0".repeat(4);
    secrets.push(upp, replacement, "transportkey00000001");
    writeFileSync(join(dir, "profile.upp"), `${upp}\n`);
    const imsi = `46004${iccid.slice(-10)}`;
    const created = await run([
      "ac",
      "generate-upp",
      "--config-name",
      "DEFAULT_UPP_CONFIG",
      "--iccid",
      iccid,
      "--imsi",
      imsi,
      "--upp",
      "profile.upp",
      "--out",
      "upp.ac.json",
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain(`Activation code generated for ${iccid}`);
    expect(created.stdout).toContain("activationCode  [hidden]");
    secrets.push(JSON.parse(readFileSync(join(dir, "upp.ac.json"), "utf8")).activationCode);
    const replaced = await run(["profile", "update-upp", iccid, "--input", "-"], {
      stdin: JSON.stringify({ imsi, upp: replacement, tk: "transportkey00000001" }),
    });
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(replaced.stdout).toContain(`Profile ${iccid}: UPP replaced`);
  });
});

describe("batch info", () => {
  it("reports a running batch (exit 4), then waits and writes the codes only to the CSV", async () => {
    const taken = await generated();
    const fresh = newIccid();
    const client = createRspClient({
      baseUrl: cli.sandbox.url,
      accessKey: cli.env.SIMLESSLY_ACCESS_KEY as string,
      secretKey: cli.env.SIMLESSLY_SECRET_KEY as string,
    });
    const accepted = await client.generateAcByBatch({
      configName: "templateRegular01",
      metaDatas: [simRecord(fresh), simRecord(taken)],
    });
    // Optional in the contract (the docs' table says so); the sandbox always gives one.
    const batchCode = accepted.batchCode ?? expect.unreachable("the sandbox gave no batch code");
    const running = await run(["batch", "info", batchCode]);
    expect(running.code).toBe(4);
    expect(running.stdout).toContain(`Batch ${batchCode}: PROCESSING`);
    const done = await run(["batch", "info", batchCode, "--wait", "--out", "results.csv"]);
    expect(done.code).toBe(1); // one record failed: its ICCID already had a profile
    expect(done.stdout).toContain("COMPLETE, 1 succeeded, 1 failed of 2");
    expect(done.stdout).toMatch(new RegExp(`${taken}\\s+failed\\s+PROFILE EXECUTION_ERROR`));
    const csv = readFileSync(join(dir, "results.csv"), "utf8").trim().split("\n");
    expect(csv[0]).toBe("iccid,status,activationCode,acLink,errorReason,line");
    const row = csv.find((line) => line.startsWith(`${fresh},success,1$`));
    expect(row).toBeDefined();
    secrets.push((row as string).split(",")[2] as string);
    expect(statSync(join(dir, "results.csv")).mode & 0o777).toBe(0o600);
    const json = JSON.parse((await run(["batch", "info", batchCode, "--json"])).stdout);
    expect(json.result.results[0].activationCode).toBe("[hidden]");
  });

  it("exits 1 for an unknown batch", async () => {
    const result = await run(["batch", "info", "B0000000000000000000"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("code BATCH_NOT_FOUND");
  });
});

describe("profile", () => {
  it("shows details and history, updates, changes the recycle time and deletes", async () => {
    const iccid = await generated("templateRecycle02");
    const detail = await run(["profile", "detail", iccid]);
    expect(detail.code, detail.stderr).toBe(0);
    expect(detail.stdout).toContain(`Profile ${iccid}: Available`);
    const update = await run(["profile", "update", iccid, "--input", "-"], {
      stdin: JSON.stringify({
        ki: hex32(0x5e6f0001),
        opc: hex32(0x5e6f0002),
        msisdn: "8613800000000",
      }),
    });
    secrets.push(hex32(0x5e6f0001), hex32(0x5e6f0002));
    expect(update.code, update.stderr).toBe(0);
    const recycle = await run([
      "profile",
      "recycle-time",
      iccid,
      "--expire-time",
      "2027-03-07 12:00:00",
    ]);
    expect(recycle.code, recycle.stderr).toBe(0);
    const removed = await run(["profile", "delete", iccid, "--force", "--yes"]);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toContain(`Profile ${iccid} deleted`);
    const log = await run(["profile", "log", iccid, "--json"]);
    expect(log.code, log.stderr).toBe(0);
    expect(JSON.parse(log.stdout).result.profileLogs.length).toBeGreaterThan(0);
    const onePage = await run(["profile", "log", iccid, "--page", "1", "--page-size", "1"]);
    expect(onePage.stdout).toContain("1 status change");
  });

  it("refuses what the platform refuses, and bad input before sending", async () => {
    const missing = await run(["profile", "detail", newIccid()]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("getProfileDetail failed: HTTP 200 code PROFILE_NOT_FOUND");
    const noRecycle = await run([
      "profile",
      "recycle-time",
      await generated(),
      "--expire-time",
      "2027-03-07 12:00:00",
    ]);
    expect(noRecycle.code).toBe(1);
    expect(noRecycle.stderr).toContain("CONFIG_NO_RECYCLE");
    const badTime = await run(["profile", "recycle-time", newIccid(), "--expire-time", "tomorrow"]);
    expect(badTime.code).toBe(2);
    expect(badTime.stderr).toContain("expireTime: ");
    const badIccid = await run(["profile", "delete", "12"]);
    expect(badIccid.code).toBe(2);
    expect(badIccid.stderr).toContain("iccid: must be 19 or 20 digits");
    const conflict = await run(["profile", "update", newIccid(), "--input", "-"], {
      stdin: JSON.stringify({ iccid: newIccid() }),
    });
    expect(conflict.code).toBe(2);
    expect(conflict.stderr).toContain("iccid is given both in --input and on the command line");
  });
});

describe("config list", () => {
  it("lists every page, filters by name, and refuses a bad page size", async () => {
    const all = await run(["config", "list", "--page-size", "1", "--json"]);
    expect(all.code, all.stderr).toBe(0);
    expect(JSON.parse(all.stdout).result.configs).toEqual(
      expect.arrayContaining(["templateRegular01", "templateRecycle02", "DEFAULT_UPP_CONFIG"]),
    );
    const filtered = await run(["config", "list", "--name", "Recycle"]);
    expect(filtered.stdout).toBe("1 configuration\n  templateRecycle02\n");
    const bad = await run(["config", "list", "--page-size", "0"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--page-size must be a whole number from 1 to 1000");
  });
});

describe("order", () => {
  const eid = "89049032000001000000012345678901";

  it("downloads, confirms (code to --out), releases; cancels and expires other orders", async () => {
    const iccid = await generated();
    expect((await run(["order", "download", iccid, "--eid", eid])).code).toBe(0);
    const confirmed = await run([
      "order",
      "confirm",
      iccid,
      "--eid",
      eid,
      "--out",
      "order.json",
      "--json",
    ]);
    expect(confirmed.code, confirmed.stderr).toBe(0);
    expect(JSON.parse(confirmed.stdout).result.ac).toBe("[hidden]");
    secrets.push(JSON.parse(readFileSync(join(dir, "order.json"), "utf8")).ac);
    expect((await run(["order", "release", iccid])).code).toBe(0);
    expect(cli.sandbox.admin.profiles({ iccid }).profiles[0]?.status).toBe("Released");

    const cancelled = await generated();
    await run(["order", "download", cancelled]);
    const cancel = await run(["order", "cancel", cancelled, "-y"]);
    expect(cancel.code, cancel.stderr).toBe(0);
    expect(cli.sandbox.admin.profiles({ iccid: cancelled }).profiles[0]?.status).toBe("Available");

    const expired = await generated();
    await run(["order", "download", expired]);
    expect((await run(["order", "expire", expired, "--yes"])).code).toBe(0);
    expect(cli.sandbox.admin.profiles({ iccid: expired }).profiles[0]?.status).toBe("Expired");
  });

  it("refuses a release before confirmation and a wrong activation code", async () => {
    const iccid = await generated();
    const early = await run(["order", "release", iccid]);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain("code PROFILE_STATUS_INVALID");
    await run(["order", "download", iccid]);
    const wrongAc = "1$rsp.sandbox.simlessly.test$00000000000000000000000000000000";
    secrets.push(wrongAc);
    const cancel = await run(["order", "cancel", iccid, "--input", "-", "--yes"], {
      stdin: JSON.stringify({ ac: wrongAc }),
    });
    expect(cancel.code).toBe(1);
    expect(cancel.stderr).toContain("code AC_MISMATCH");
  });
});

describe("campaign add", () => {
  it("adds records from a JSON list, then refuses them again all or nothing", async () => {
    const records = [newIccid(), newIccid()]
      .map((iccid) => simRecord(iccid))
      .map(({ puk1: _puk, ...record }) => record);
    const input = writeJson("campaign.json", records);
    const added = await run(["campaign", "add", "--campaign", "Summer2027", "--input", input]);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain("2 SIM records added to campaign Summer2027");
    const again = await run(["campaign", "add", "--campaign", "Summer2027", "--input", input]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("code DUPLICATE_ICCID");
  });
});

describe("secrets", () => {
  it("ran every RSP command of this file", () => {
    expect([...ran].sort()).toEqual(rspCommandSpecs.map((spec) => spec.path.join(" ")).sort());
  });

  it("never printed a secret: keys, PINs, UPPs, activation codes, credentials", () => {
    const printed = cli.outputs.join("\n");
    expect(secrets.length).toBeGreaterThan(20);
    for (const secret of secrets) expect(printed).not.toContain(secret);
  });
});
