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

  it("leaves eIM and CMP bodies alone (their docs show no such forms)", () => {
    const json = { batchId: "1" };
    expect(screenRequest("eim", "getBatchTaskResult", json)).toEqual({ body: json, warnings: [] });
  });

  it("counts a record's configName only when it differs from the batch's", () => {
    const screened = screenRequest("rsp", "generateAcByBatch", {
      configName: "a",
      metaDatas: [{ configName: "a" }, { configName: "b" }, { configName: "c" }, {}],
    });
    expect(screened.warnings).toMatchObject([{ field: "metaDatas[].configName", count: 2 }]);
  });
});
