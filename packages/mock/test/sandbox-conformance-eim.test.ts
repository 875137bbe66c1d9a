// eIM behind `prism proxy --errors`: every operation driven to success and to failure, each
// answer HTTP 200, without `sl-violations`, and accepted by the generated zod schema.
import { beforeAll, describe, expect, it } from "vitest";
import { useConformanceHarness } from "./conformance-harness.ts";
import { loadOperations } from "./openapi-document.ts";
import { eid, iccid, imei, simRecord } from "./sandbox-fixtures.ts";

const S = 1; // ICCID series of this file
const A = iccid(S, 1);
const unknown = iccid(S, 999);

describe("the eIM sandbox behind prism proxy --errors", () => {
  const h = useConformanceHarness("eim");

  beforeAll(async () => {
    // An RSP profile that was never imported into the eIM (for code 12209).
    await h.direct.rsp.call("generateAc", { configName: "templateRegular01", ...simRecord(S, 1) });
  });

  it("imports devices and codes, reporting items with Appendix 5 reasons", async () => {
    const devices = h.conforms<{ obj: { batchId: number } }>(
      "batchImportDevice",
      await h.viaPrism.eim.call("batchImportDevice", {
        devices: [
          { eid: eid(1), imei: imei(1), group: "fleet" },
          { imei: imei(2) },
          { eid: eid(1) },
        ],
      }),
      "success",
    );
    const codes = h.conforms<{ obj: { batchId: number } }>(
      "batchImportAc",
      await h.viaPrism.eim.call("batchImportAc", {
        acInfos: [
          {
            iccid: iccid(S, 20),
            ac: "1$rsp-eu.simlessly.com$0A1B2C3D4E5F60718293A4B5C6D7E8F9",
            apn: "iot",
            mon: "Simlessly Mobile",
          },
          {
            iccid: iccid(S, 21),
            ac: "1$rsp-eu.simlessly.com$0A1B2C3D4E5F60718293A4B5C6D7E8FA",
            apn: "iot",
            cc: "1234",
          },
          {
            iccid: iccid(S, 20),
            ac: "1$rsp-eu.simlessly.com$0A1B2C3D4E5F60718293A4B5C6D7E8FB",
            apn: "iot",
          },
          {
            iccid: iccid(S, 22),
            ac: "1$rsp-eu.simlessly.com$0A1B2C3D4E5F60718293A4B5C6D7E8FC",
            apn: "iot",
            mon: "Unknown Mobile",
          },
          {
            iccid: iccid(S, 23),
            ac: "1$rsp-eu.simlessly.com$0A1B2C3D4E5F60718293A4B5C6D7E8FD",
            apn: "iot",
          },
        ],
      }),
      "success",
    );
    const deviceTask = h.conforms<{ obj: object }>(
      "getBatchTaskResult",
      await h.viaPrism.eim.call("getBatchTaskResult", { batchId: devices.obj.batchId }),
      "success",
    );
    expect(deviceTask.obj).toMatchObject({
      batchType: "BATCH_SE_IMPORT_DEVICE",
      status: "PROCESSED",
      total: 3,
      success: 2,
      fail: 1,
      batchInfoDataList: [
        { eid: eid(1), imei: imei(1), success: true, reason: "Success" },
        { eid: null, imei: imei(2), success: true, reason: "Success" },
        { eid: eid(1), imei: null, success: false, reason: "EID or IMEI repeated!" },
      ],
    });
    const codeTask = h.conforms<{ obj: object }>(
      "getBatchTaskResult",
      await h.viaPrism.eim.call("getBatchTaskResult", { batchId: codes.obj.batchId }),
      "success",
    );
    expect(codeTask.obj).toMatchObject({
      batchType: "BATCH_SE_IMPORT_AC",
      batchInfoDataList: [
        { iccid: iccid(S, 20), success: true, reason: "Success" },
        { iccid: iccid(S, 21), success: true, reason: "Success" },
        { iccid: iccid(S, 20), success: false, reason: "Repeated ICCID!" },
        { iccid: iccid(S, 22), success: false, reason: "Operator does not exist!" },
        { iccid: iccid(S, 23), success: true, reason: "Success" },
      ],
    });
    const missing = h.conforms(
      "getBatchTaskResult",
      await h.viaPrism.eim.call("getBatchTaskResult", { batchId: 42 }),
      "failure",
    );
    expect(missing).toMatchObject({ status: 123009, msg: "batch task not exist" });
  });

  it("allocates codes with the Appendix 4 codes for what goes wrong", async () => {
    const allocation = { eid: eid(1), imei: imei(1), iccid: iccid(S, 20), enabled: true };
    h.conforms("allocateAc", await h.viaPrism.eim.call("allocateAc", allocation), "success");
    expect(
      h.conforms("allocateAc", await h.viaPrism.eim.call("allocateAc", allocation), "failure"),
    ).toMatchObject({ status: 100107 });
    // The device was imported by IMEI only; it reports its EID with the allocation.
    h.conforms(
      "allocateAcSingle",
      await h.viaPrism.eim.call("allocateAcSingle", {
        eid: eid(2),
        imei: imei(2),
        iccid: iccid(S, 23),
      }),
      "success",
    );
    expect(
      h.conforms(
        "allocateAcSingle",
        await h.viaPrism.eim.call("allocateAcSingle", { ...allocation, iccid: unknown }),
        "failure",
      ),
    ).toMatchObject({ status: 110004 });
    expect(
      h.conforms(
        "allocateAcSingle",
        await h.viaPrism.eim.call("allocateAcSingle", { ...allocation, iccid: A }),
        "failure",
      ),
    ).toMatchObject({ status: 12209 });
    expect(
      h.conforms(
        "allocateAcSingle",
        await h.viaPrism.eim.call("allocateAcSingle", {
          eid: eid(9),
          imei: imei(9),
          iccid: iccid(S, 21),
        }),
        "failure",
      ),
    ).toMatchObject({ status: 23029 });
    const batch = h.conforms<{ obj: { batchId: number } }>(
      "batchAllocateAc",
      await h.viaPrism.eim.call("batchAllocateAc", {
        bindingRels: [
          { imei: imei(2), iccid: iccid(S, 21) },
          { eid: eid(1), iccid: iccid(S, 20) },
          { eid: eid(1), iccid: unknown },
        ],
        enabled: false,
      }),
      "success",
    );
    const task = h.conforms<{ obj: object }>(
      "getBatchTaskResult",
      await h.viaPrism.eim.call("getBatchTaskResult", { batchId: batch.obj.batchId }),
      "success",
    );
    expect(task.obj).toMatchObject({
      batchType: "BATCH_ALLOCATE",
      batchInfoDataList: [
        { imei: imei(2), iccid: iccid(S, 21), success: true, reason: "Success" },
        { eid: eid(1), iccid: iccid(S, 20), success: false, reason: "Repeated ICCID!" },
        { eid: eid(1), iccid: unknown, success: false, reason: "ICCID invalid!" },
      ],
    });
  });

  it("refuses a forged signature on every operation with a failure envelope", async () => {
    for (const operation of loadOperations("eim")) {
      const caller = h.forged.eim as {
        call(id: string, body: unknown): ReturnType<typeof h.forged.eim.call>;
      };
      const body = h.conforms<{ code?: string; status?: number }>(
        operation.operationId,
        await caller.call(operation.operationId, operation.exampleRequest),
        "failure",
      );
      expect(body.status).toBe(401005);
    }
  });

  it("has driven every eIM operation to success and to failure", () => {
    expect(h.missing(["success", "failure"])).toEqual([]);
  });
});
