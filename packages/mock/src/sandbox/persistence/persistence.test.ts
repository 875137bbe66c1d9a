import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eimBody, rspBody, testEngine } from "../../../test/engine-test-kit.ts";
import { eid, iccid, imei, ki, simRecord } from "../../../test/sandbox-fixtures.ts";
import { getAccessToken } from "../engine/cmp-operations.ts";
import { applyDeviceEvent } from "../engine/device-events.ts";
import { allocateAc, submitEimBatch } from "../engine/eim-operations.ts";
import { defaultConfigs } from "../engine/engine-context.ts";
import { addCampaignResource } from "../engine/rsp-catalog.ts";
import { generateAc, generateAcByBatch, generateAcByUpp } from "../engine/rsp-generate.ts";
import { changeRecycleTime } from "../engine/rsp-profiles.ts";
import { settle } from "../engine/settle.ts";
import { loadState, saveState } from "./persistence.ts";

const S = 13;
let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "sandbox-persist-"));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** An engine holding one of every kind of record. */
function populated() {
  const engine = testEngine({ batchDelayMs: 1000 });
  const { ctx } = engine;
  generateAc(
    ctx,
    rspBody("GenerateAcRequest", { configName: "templateRecycle02", ...simRecord(S, 1) }),
  );
  changeRecycleTime(
    ctx,
    rspBody("ChangeRecycleTimeRequest", { iccid: iccid(S, 1), expireTime: "2027-12-31 23:59:59" }),
  );
  applyDeviceEvent(ctx, {
    iccid: iccid(S, 1),
    eid: eid(1),
    event: "DOWNLOADED",
    deviceName: "Pixel 8",
  });
  generateAcByUpp(
    ctx,
    rspBody("GenerateAcByUppRequest", {
      configName: "DEFAULT_UPP_CONFIG",
      iccid: iccid(S, 2),
      imsi: simRecord(S, 2).imsi,
      upp: "A0",
      customAcAddress: "esim.example.com",
    }),
  );
  generateAcByBatch(
    ctx,
    rspBody("GenerateAcByBatchRequest", {
      configName: "templateRegular01",
      metaDatas: [simRecord(S, 3)],
    }),
  );
  engine.advance(1000);
  settle(ctx);
  addCampaignResource(
    ctx,
    rspBody("AddCampaignResourceRequest", {
      campaignName: "Summer2027",
      metaDatas: [simRecord(S, 5)],
    }),
  );
  submitEimBatch(ctx, "importDevice", { devices: [{ eid: eid(2), imei: imei(2) }] });
  submitEimBatch(ctx, "importAc", {
    acInfos: [{ iccid: iccid(S, 6), ac: "1$a.b$0A1B", apn: "iot" }],
  });
  engine.advance(1000);
  settle(ctx);
  allocateAc(ctx, eimBody("AllocateAcRequest", { eid: eid(2), imei: imei(2), iccid: iccid(S, 6) }));
  submitEimBatch(ctx, "importDevice", { devices: [{ imei: imei(3) }] });
  generateAcByBatch(
    ctx,
    rspBody("GenerateAcByBatchRequest", {
      configName: "templateRegular01",
      metaDatas: [simRecord(S, 4)],
    }),
  );
  getAccessToken(
    ctx,
    { clientId: "a".repeat(32), clientSecret: "b".repeat(32) },
    { clientId: "a".repeat(32), clientSecret: "b".repeat(32) },
  );
  return engine;
}

describe("saveState and loadState", () => {
  it("give back the same state, pending work included", async () => {
    const { ctx, codeKey } = populated();
    const file = join(directory, "roundtrip.jsonl");
    await saveState(file, ctx.state, codeKey, ctx.settings.configs);
    const loaded = await loadState(file, defaultConfigs);
    expect(loaded?.codeKey).toEqual(Buffer.from(codeKey));
    expect(loaded?.state).toEqual(ctx.state);
    expect(loaded?.state.rspPending).toHaveLength(1);
    expect(loaded?.state.eimPending).toHaveLength(1);
  });

  it("writes no SIM key and no activation code", async () => {
    const { ctx, codeKey } = populated();
    const file = join(directory, "secrets.jsonl");
    await saveState(file, ctx.state, codeKey, ctx.settings.configs);
    const text = await readFile(file, "utf8");
    expect(text).not.toContain(ki);
    expect(text).not.toContain("1$a.b$0A1B");
    expect(text).not.toContain(ctx.codes.matchingId(iccid(S, 1), 1));
  });

  it("resolves configurations by name when the list has changed", async () => {
    const { ctx, codeKey } = populated();
    const file = join(directory, "configs.jsonl");
    await saveState(file, ctx.state, codeKey, ctx.settings.configs);
    const reordered = [...defaultConfigs].reverse();
    const loaded = await loadState(file, reordered);
    const record = loaded?.state.profiles.get(iccid(S, 1));
    expect(reordered[record?.config ?? -1]?.name).toBe("templateRecycle02");
  });

  it("answers undefined for a missing file and refuses a foreign one", async () => {
    expect(await loadState(join(directory, "absent.jsonl"), defaultConfigs)).toBeUndefined();
    const foreign = join(directory, "foreign.jsonl");
    await import("node:fs/promises").then((fs) => fs.writeFile(foreign, '{"format":"other"}\n'));
    await expect(loadState(foreign, defaultConfigs)).rejects.toThrow(/not a sandbox state file/);
  });
});
