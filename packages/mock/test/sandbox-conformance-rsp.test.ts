// RSP behind `prism proxy --errors`: every operation driven to success and to failure (a
// forged signature at least), each answer HTTP 200, without `sl-violations`, and accepted by
// the generated zod schema of the operation. Faults stay off: they are outside the contract.
import { describe, expect, it } from "vitest";
import { useConformanceHarness } from "./conformance-harness.ts";
import { loadOperations } from "./openapi-document.ts";
import { eid, iccid, imsi, ki, sandboxActivationCode, simRecord } from "./sandbox-fixtures.ts";

const S = 1; // ICCID series of this file
const A = iccid(S, 1);
const B = iccid(S, 2);
const C = iccid(S, 3);
const D = iccid(S, 4);
const E = iccid(S, 5);
const F = iccid(S, 6);
const unknown = iccid(S, 999);
const upp =
  "A0488001028101008207AA0000055910100102160A0301020304050607080900A10E80023B9F810202B0830409C10E80";

describe("the RSP sandbox behind prism proxy --errors", () => {
  const h = useConformanceHarness("rsp");

  it("lists configurations, with and without a filter", async () => {
    const all = h.conforms(
      "listConfigs",
      await h.viaPrism.rsp.call("listConfigs", { pageParam: { pageNum: 1, pageSize: 2 } }),
      "success",
    );
    expect(all.obj).toEqual({
      configs: ["templateRegular01", "templateRecycle02"],
      pageParam: { total: 3, pageNum: 1, pageSize: 2 },
    });
    const filtered = h.conforms(
      "listConfigs",
      await h.viaPrism.rsp.call("listConfigs", {
        configName: "upp",
        pageParam: { pageNum: 1, pageSize: 50 },
      }),
      "success",
    );
    expect(filtered.obj).toMatchObject({ configs: ["DEFAULT_UPP_CONFIG"] });
  });

  it("generates one profile, and refuses the same ICCID twice with the documented reason", async () => {
    const body = {
      configName: "templateRegular01",
      needAcLink: true,
      ...simRecord(S, 1),
      msidn: "8613912345678",
    };
    const first = h.conforms<{ obj: { activationCode: string; acLink: string } }>(
      "generateAc",
      await h.viaPrism.rsp.call("generateAc", body),
      "success",
    );
    expect(first.obj.activationCode).toMatch(sandboxActivationCode);
    expect(first.obj.acLink).toBe(`https://rsp.sandbox.simlessly.test/qr/${A}.png`);
    const second = h.conforms(
      "generateAc",
      await h.viaPrism.rsp.call("generateAc", body),
      "failure",
    );
    expect(second).toMatchObject({
      code: "PROFILE_EXISTS",
      msg: `PROFILE EXECUTION_ERROR, generateByProfileMetadata, ICCID [${A}] already existsById.`,
    });
  });

  it("generates on the v2 path with an access rule, and refuses an ICCID that holds a profile", async () => {
    const ara = "E230E12EC11430F9A11C29A43F1D3E95B47A38B0C4E1C2A0B9F0E1D2C3B4A5968778E30C8E0A4F";
    const body = { configName: "templateRegular01", ...simRecord(S, 9), opc: null, ara };
    const generated = h.conforms<{ obj: { activationCode: string } }>(
      "generateAcV2",
      await h.viaPrism.rsp.call("generateAcV2", body),
      "success",
    );
    expect(generated.obj.activationCode).toMatch(sandboxActivationCode);
    h.conforms("generateAcV2", await h.viaPrism.rsp.call("generateAcV2", body), "failure");
  });

  it("runs a batch to COMPLETE: the first of a repeated ICCID wins, an existing ICCID fails", async () => {
    const batch = h.conforms<{ obj: { batchCode: string } }>(
      "generateAcByBatch",
      await h.viaPrism.rsp.call("generateAcByBatch", {
        configName: "templateRegular01",
        needAcLink: true,
        metaDatas: [simRecord(S, 2), simRecord(S, 3), simRecord(S, 2), simRecord(S, 1)],
      }),
      "success",
    );
    const info = h.conforms<{ obj: { batchTaskInfo: object; results: object[] } }>(
      "getBatchInfo",
      await h.viaPrism.rsp.call("getBatchInfo", { batchCode: batch.obj.batchCode }),
      "success",
    );
    expect(info.obj.batchTaskInfo).toMatchObject({
      status: "COMPLETE",
      total: 4,
      succeedNum: 2,
      failedNum: 2,
      taskType: "GENERATE AC",
    });
    const reason = (value: string) =>
      `PROFILE EXECUTION_ERROR, generateByProfileMetadata, ICCID [${value}] already existsById.`;
    expect(info.obj.results).toMatchObject([
      {
        iccid: B,
        success: true,
        activationCode: expect.stringMatching(sandboxActivationCode),
        acLink: expect.any(String),
      },
      { iccid: C, success: true },
      { iccid: B, success: false, errorReason: reason(B) },
      { iccid: A, success: false, errorReason: reason(A) },
    ]);
    h.conforms(
      "getBatchInfo",
      await h.viaPrism.rsp.call("getBatchInfo", { batchCode: "B000" }),
      "failure",
    );
    h.conforms(
      "generateAcByBatch",
      await h.viaPrism.rsp.call("generateAcByBatch", {
        configName: "noSuchConfig",
        metaDatas: [simRecord(S, 50)],
      }),
      "failure",
    );
  });

  it("generates from a UPP on both paths, with a custom SM-DP+ address", async () => {
    const generated = h.conforms<{ obj: { activationCode: string } }>(
      "generateAcByUpp",
      await h.viaPrism.rsp.call("generateAcByUpp", {
        configName: "DEFAULT_UPP_CONFIG",
        iccid: D,
        imsi: imsi(S, 4),
        upp,
        customAcAddress: "esim.example.com",
      }),
      "success",
    );
    expect(generated.obj.activationCode).toMatch(/^1\$esim\.example\.com\$[0-9A-F]{32}$/);
    h.conforms(
      "addProfileByUpp",
      await h.viaPrism.rsp.call("addProfileByUpp", {
        configName: "DEFAULT_UPP_CONFIG",
        iccid: E,
        imsi: imsi(S, 5),
        upp,
      }),
      "success",
    );
    const wrongType = h.conforms(
      "addProfileByUpp",
      await h.viaPrism.rsp.call("addProfileByUpp", {
        configName: "templateRegular01",
        iccid: F,
        imsi: imsi(S, 6),
        upp,
      }),
      "failure",
    );
    expect(wrongType).toMatchObject({ code: "CONFIG_TYPE_MISMATCH" });
    h.conforms(
      "generateAcByUpp",
      await h.viaPrism.rsp.call("generateAcByUpp", {
        configName: "DEFAULT_UPP_CONFIG",
        iccid: D,
        imsi: imsi(S, 4),
        upp,
      }),
      "failure",
    );
  });

  it("updates, reads and lists the history of profiles", async () => {
    h.conforms(
      "updateProfileParam",
      await h.viaPrism.rsp.call("updateProfileParam", {
        iccid: A,
        msisdn: "8613987654321",
        ki,
        hplmn: "46004",
      }),
      "success",
    );
    h.conforms(
      "updateProfileParam",
      await h.viaPrism.rsp.call("updateProfileParam", { iccid: unknown }),
      "failure",
    );
    h.conforms(
      "updateProfileByUpp",
      await h.viaPrism.rsp.call("updateProfileByUpp", { iccid: D, imsi: imsi(S, 4), upp }),
      "success",
    );
    h.conforms(
      "updateProfileByUpp",
      await h.viaPrism.rsp.call("updateProfileByUpp", { iccid: A, imsi: imsi(S, 1), upp }),
      "failure",
    );
    const detail = h.conforms(
      "getProfileDetail",
      await h.viaPrism.rsp.call("getProfileDetail", { iccid: A }),
      "success",
    );
    expect(detail.obj).toEqual({ iccid: A, status: "Available", eid: null });
    h.conforms(
      "getProfileDetail",
      await h.viaPrism.rsp.call("getProfileDetail", { iccid: unknown }),
      "failure",
    );
    const logs = h.conforms(
      "listProfileLogs",
      await h.viaPrism.rsp.call("listProfileLogs", {
        iccid: A,
        pageParam: { pageNum: 1, pageSize: 20 },
      }),
      "success",
    );
    expect(logs.obj).toMatchObject({
      profileLogs: [{ iccid: A, status: "Available" }],
      pageParam: { total: 1 },
    });
    h.conforms(
      "listProfileLogs",
      await h.viaPrism.rsp.call("listProfileLogs", {
        iccid: unknown,
        pageParam: { pageNum: 1, pageSize: 20 },
      }),
      "failure",
    );
  });

  it("walks orders through download, confirm, release, cancel and expire", async () => {
    const device = eid(1);
    h.conforms(
      "downloadOrder",
      await h.viaPrism.rsp.call("downloadOrder", {
        iccid: D,
        eid: device,
        configName: "DEFAULT_UPP_CONFIG",
      }),
      "success",
    );
    h.conforms(
      "downloadOrder",
      await h.viaPrism.rsp.call("downloadOrder", { iccid: unknown }),
      "failure",
    );
    const confirmed = h.conforms<{ obj: { eid: string; ac: string } }>(
      "confirmOrder",
      await h.viaPrism.rsp.call("confirmOrder", {
        iccid: D,
        eid: device,
        confirmationCode: "6093",
      }),
      "success",
    );
    expect(confirmed.obj.eid).toBe(device);
    expect(confirmed.obj.ac).toMatch(/^1\$esim\.example\.com\$[0-9A-F]{32}$/);
    h.conforms("confirmOrder", await h.viaPrism.rsp.call("confirmOrder", { iccid: A }), "failure");
    h.conforms(
      "releaseProfile",
      await h.viaPrism.rsp.call("releaseProfile", { iccid: D }),
      "success",
    );
    const again = h.conforms(
      "releaseProfile",
      await h.viaPrism.rsp.call("releaseProfile", { iccid: D }),
      "failure",
    );
    expect(again).toMatchObject({
      code: "PROFILE_STATUS_INVALID",
      msg: "profile status is Released, expected Confirmed",
    });

    h.conforms(
      "downloadOrder",
      await h.viaPrism.rsp.call("downloadOrder", { iccid: E }),
      "success",
    );
    h.conforms("cancelOrder", await h.viaPrism.rsp.call("cancelOrder", { iccid: E }), "success");
    h.conforms("cancelOrder", await h.viaPrism.rsp.call("cancelOrder", { iccid: A }), "failure");
    h.conforms(
      "downloadOrder",
      await h.viaPrism.rsp.call("downloadOrder", { iccid: C }),
      "success",
    );
    h.conforms("expireOrder", await h.viaPrism.rsp.call("expireOrder", { iccid: C }), "success");
    h.conforms("expireOrder", await h.viaPrism.rsp.call("expireOrder", { iccid: C }), "failure");
  });

  it("changes recycle times only on recycle configurations", async () => {
    h.conforms(
      "generateAc",
      await h.viaPrism.rsp.call("generateAc", {
        configName: "templateRecycle02",
        ...simRecord(S, 6),
      }),
      "success",
    );
    h.conforms(
      "changeRecycleTime",
      await h.viaPrism.rsp.call("changeRecycleTime", {
        iccid: F,
        expireTime: "2027-12-31 23:59:59",
      }),
      "success",
    );
    const refused = h.conforms(
      "changeRecycleTime",
      await h.viaPrism.rsp.call("changeRecycleTime", {
        iccid: A,
        expireTime: "2027-12-31 23:59:59",
      }),
      "failure",
    );
    expect(refused).toMatchObject({ code: "CONFIG_NO_RECYCLE" });
  });

  it("adds campaign resources once", async () => {
    const body = {
      campaignName: "Summer2027",
      metaDatas: [{ ...simRecord(S, 7), impuList: ["sip:1@ims"] }, simRecord(S, 8)],
    };
    h.conforms(
      "addCampaignResource",
      await h.viaPrism.rsp.call("addCampaignResource", body),
      "success",
    );
    h.conforms(
      "addCampaignResource",
      await h.viaPrism.rsp.call("addCampaignResource", body),
      "failure",
    );
    h.conforms(
      "addCampaignResource",
      await h.viaPrism.rsp.call("addCampaignResource", { ...body, campaignName: "Winter" }),
      "failure",
    );
  });

  it("deletes a profile once", async () => {
    h.conforms(
      "deleteProfile",
      await h.viaPrism.rsp.call("deleteProfile", { iccid: B, force: false }),
      "success",
    );
    h.conforms(
      "deleteProfile",
      await h.viaPrism.rsp.call("deleteProfile", { iccid: B }),
      "failure",
    );
  });

  it("refuses a forged signature on every operation with a failure envelope", async () => {
    for (const operation of loadOperations("rsp")) {
      const caller = h.forged.rsp as {
        call(id: string, body: unknown): ReturnType<typeof h.forged.rsp.call>;
      };
      const body = h.conforms<{ code?: string; status?: number }>(
        operation.operationId,
        await caller.call(operation.operationId, operation.exampleRequest),
        "failure",
      );
      expect(body.code).toBe("AUTH_BAD_SIGNATURE");
    }
  });

  it("has driven every RSP operation to success and to failure", () => {
    expect(h.missing(["success", "failure"])).toEqual([]);
  });
});
