import { describe, expect, it } from "vitest";
import { screenRequest } from "./request-screen.ts";

describe("screenRequest", () => {
  it("rewrites a copy: the body given stays as it was", () => {
    const json = {
      configName: "c",
      metaDatas: [{ iccid: "1", msisdn: "86" }],
      encryptionMode: "1",
    };
    const before = structuredClone(json);
    const screened = screenRequest("rsp", "generateAcByBatch", json);
    expect(json).toEqual(before);
    expect(screened.body).toEqual({
      configName: "c",
      metaDatas: [{ iccid: "1", msidn: "86" }],
      encryptionMode: 1,
    });
    expect(screened.warnings.map((warning) => warning.field)).toEqual([
      "metaDatas[].msisdn",
      "encryptionMode",
    ]);
  });

  it("returns a body without tolerated forms as it is, without warnings", () => {
    const json = { pageParam: { pageNum: 1, pageSize: 2 } };
    expect(screenRequest("rsp", "listConfigs", json)).toEqual({ body: json, warnings: [] });
  });

  it("reads numeric strings in eIM bodies by the same rule", () => {
    expect(screenRequest("eim", "getBatchTaskResult", { batchId: "1735660800123" })).toEqual({
      body: { batchId: 1735660800123 },
      warnings: [
        {
          field: "batchId",
          count: 1,
          message: "a string where the docs have an integer, read as that integer",
        },
      ],
    });
  });

  it.each([["9007199254740992"], ["12345678901234567"], ["1.5"], [" 12"]])(
    "leaves %j a string: not a safe integer in digits",
    (batchId) => {
      expect(screenRequest("eim", "getBatchTaskResult", { batchId })).toEqual({
        body: { batchId },
        warnings: [],
      });
    },
  );

  it("applies the RSP-only forms to RSP only", () => {
    // The same keys in a CMP body are not RSP's generate records: left for the schema.
    const json = { msisdn: "8613912345678", multiImsiDataList: [] };
    expect(screenRequest("cmp", "generateAc", json)).toEqual({ body: json, warnings: [] });
  });

  it("counts a record's configName only when it differs from the batch's", () => {
    const screened = screenRequest("rsp", "generateAcByBatch", {
      configName: "a",
      metaDatas: [{ configName: "a" }, { configName: "b" }, { configName: "c" }, {}],
    });
    expect(screened.warnings).toMatchObject([{ field: "metaDatas[].configName", count: 2 }]);
  });
});
