// CMP behind `prism proxy --errors`: every operation answered as the contract says (CMP has no
// failure envelope; a bad token gets the documented 401), without `sl-violations`.
import { beforeAll, describe, expect, it } from "vitest";
import { useConformanceHarness } from "./conformance-harness.ts";
import { eid, iccid, imei, imsi, simRecord } from "./sandbox-fixtures.ts";

const S = 1; // ICCID series of this file
const D = iccid(S, 4);
const unknown = iccid(S, 999);

describe("the CMP sandbox behind prism proxy --errors", () => {
  const h = useConformanceHarness("cmp");

  beforeAll(async () => {
    // A device with two SIMs: an RSP profile bound by an order, and an eIM code allocated to it.
    await h.direct.rsp.call("generateAc", { configName: "templateRegular01", ...simRecord(S, 4) });
    await h.direct.rsp.call("downloadOrder", { iccid: D, eid: eid(1) });
    await h.direct.eim.call("batchImportDevice", { devices: [{ eid: eid(1), imei: imei(1) }] });
    await h.direct.eim.call("batchImportAc", {
      acInfos: [
        {
          iccid: iccid(S, 20),
          ac: "1$rsp-eu.simlessly.com$0A1B2C3D4E5F60718293A4B5C6D7E8F9",
          apn: "iot",
        },
      ],
    });
    const allocated = await h.direct.eim.call("allocateAc", {
      eid: eid(1),
      imei: imei(1),
      iccid: iccid(S, 20),
    });
    expect(allocated.body).toMatchObject({ success: true });
  });

  it("issues CMP tokens and shows the SIMs of devices, by EID, ICCID and IMSI", async () => {
    h.conforms(
      "getAccessToken",
      await h.viaPrism.cmp.call("getAccessToken", {
        clientId: h.sandbox.credentials.cmp.clientId,
        clientSecret: h.sandbox.credentials.cmp.clientSecret,
      }),
      "success",
    );
    const byEid = h.conforms<{ deviceList: { eid: string; sims: { iccid: string }[] }[] }>(
      "getDeviceSimsDetail",
      await h.viaPrism.cmp.call("getDeviceSimsDetail", { eidList: [eid(1), eid(77)] }),
      "success",
    );
    expect(byEid.deviceList).toHaveLength(1);
    expect(byEid.deviceList[0]?.sims.map((sim) => sim.iccid).sort()).toEqual(
      [D, iccid(S, 20)].sort(),
    );
    const byIccid = h.conforms<{ deviceList: unknown[] }>(
      "getDeviceSimsDetail",
      await h.viaPrism.cmp.call("getDeviceSimsDetail", { iccidList: [D] }),
      "success",
    );
    expect(byIccid.deviceList).toEqual(byEid.deviceList);
    const byImsi = h.conforms<{ deviceList: unknown[] }>(
      "getDeviceSimsDetail",
      await h.viaPrism.cmp.call("getDeviceSimsDetail", { imsiList: [imsi(S, 4)] }),
      "success",
    );
    expect(byImsi.deviceList).toEqual(byEid.deviceList);
  });

  it("takes SIM status changes and shows them once due", async () => {
    const taken = h.conforms(
      "changeSimStatus",
      await h.viaPrism.cmp.call("changeSimStatus", {
        simIds: [D],
        simIdType: "ICCID",
        active: true,
      }),
      "success",
    );
    expect(taken).toMatchObject({ status: "processing" });
    const failed = h.conforms(
      "changeSimStatus",
      await h.viaPrism.cmp.call("changeSimStatus", {
        simIds: [unknown],
        simIdType: "ICCID",
        active: true,
      }),
      "success",
    );
    expect(failed).toMatchObject({ status: "failed" });
    const detail = h.conforms<{ deviceList: { sims: { iccid: string; state: string }[] }[] }>(
      "getDeviceSimsDetail",
      await h.viaPrism.cmp.call("getDeviceSimsDetail", { iccidList: [D] }),
      "success",
    );
    expect(detail.deviceList[0]?.sims.find((sim) => sim.iccid === D)?.state).toBe("Activated");
  });

  it("answers a request without a valid CMP token with the documented 401", async () => {
    const result = await h.viaPrism.cmp.call(
      "getDeviceSimsDetail",
      { eidList: [eid(1)] },
      { authorization: "Bearer not-a-token" },
    );
    expect(result.headers.get("sl-violations")).toBeNull();
    expect(result.status).toBe(401);
    h.cover("getDeviceSimsDetail", "failure");
  });

  it("has driven every CMP operation to success", () => {
    expect(h.missing(["success"])).toEqual([]);
  });
});
