import { describe, expect, it } from "vitest";
import { findIccids, findIccidsIn } from "./iccids.ts";

describe("findIccids", () => {
  it.each([
    ["a single iccid", { iccid: "1" }, ["1"]],
    ["batch records", { metaDatas: [{ iccid: "1" }, { iccid: "2" }, { iccid: "1" }] }, ["1", "2"]],
    ["eIM bindings", { bindingRels: [{ eid: "e", iccid: "3" }] }, ["3"]],
    ["CMP iccidList", { iccidList: ["4", "5"] }, ["4", "5"]],
    ["CMP simIds of type ICCID", { simIds: ["6"], simIdType: "ICCID" }, ["6"]],
    ["CMP simIds of type IMSI", { simIds: ["7"], simIdType: "IMSI" }, []],
    ["a body without ICCIDs", { batchCode: "B1" }, []],
  ])("finds %s", (_name, body, want) => {
    expect(findIccids(body)).toEqual(want);
  });

  it("reads bytes, and gives up quietly on bytes that are not JSON", () => {
    expect(findIccidsIn(new TextEncoder().encode('{"iccid":"9"}'))).toEqual(["9"]);
    expect(findIccidsIn(new TextEncoder().encode("{"))).toEqual([]);
    expect(findIccidsIn(null)).toEqual([]);
  });
});
