import { eimSchemas } from "@simlessly/contract";
import { describe, expect, it } from "vitest";
import { bodyOf } from "../../../test/engine-test-kit.ts";
import { eid, iccid, imei } from "../../../test/sandbox-fixtures.ts";
import { readBatchItems } from "./eim-batch-items.ts";

const operators = ["Simlessly Mobile"];
const ac = "1$rsp-eu.simlessly.com$0A1B2C3D4E5F60718293A4B5C6D7E8F9";
const goodAc = { iccid: iccid(12, 1), ac, apn: "iot" };

function reasons(kind: Parameters<typeof readBatchItems>[0], body: unknown) {
  const read = readBatchItems(kind, body, operators);
  if (!read.ok) throw new Error(JSON.stringify(read.reply.body));
  return read.items.map((item) => item.reason);
}

describe("readBatchItems", () => {
  it.each([
    { name: "a malformed ICCID", item: { ...goodAc, iccid: "123" }, reason: "ICCID invalid!" },
    { name: "a missing APN", item: { iccid: goodAc.iccid, ac }, reason: "APN invalid!" },
    { name: "a malformed APN", item: { ...goodAc, apn: "-bad apn" }, reason: "APN invalid!" },
    { name: "an empty CC", item: { ...goodAc, cc: " " }, reason: "CC invalid!" },
    { name: "a malformed AC", item: { ...goodAc, ac: "LPA:1$x" }, reason: "AC invalid!" },
    {
      name: "an unknown operator",
      item: { ...goodAc, mon: "Nobody" },
      reason: "Operator does not exist!",
    },
    {
      name: "a valid item",
      item: { ...goodAc, mon: "Simlessly Mobile", cc: "1234" },
      reason: null,
    },
  ])("fails an AC import item with $name alone: $reason", ({ item, reason }) => {
    expect(reasons("importAc", { acInfos: [item, goodAc] })).toEqual([reason, null]);
  });

  it("takes a code with the QR code's LPA: prefix as the same code, and any non-empty cc", () => {
    const read = readBatchItems(
      "importAc",
      { acInfos: [{ ...goodAc, ac: `LPA:${ac}`, cc: "A1b2c3" }, goodAc] },
      operators,
    );
    if (!read.ok) throw new Error(JSON.stringify(read.reply.body));
    expect(read.items.map((item) => item.reason)).toEqual([null, null]);
    expect(read.items[0]?.acHash).toBe(read.items[1]?.acHash);
  });

  it.each([
    {
      name: "neither EID nor IMEI",
      item: { group: "g" },
      reason: "EID,IMEI must exist at least one!",
    },
    { name: "a malformed EID", item: { eid: "8904" }, reason: "EID invalid!" },
    { name: "a malformed IMEI", item: { imei: "35693" }, reason: "IMEI invalid!" },
    { name: "an EID only", item: { eid: eid(1) }, reason: null },
  ])("fails a device import item with $name alone: $reason", ({ item, reason }) => {
    expect(reasons("importDevice", { devices: [item] })).toEqual([reason]);
  });

  it("fails an allocation item with a malformed ICCID alone", () => {
    expect(
      reasons("allocate", {
        bindingRels: [
          { imei: imei(1), iccid: "x" },
          { eid: eid(1), iccid: iccid(12, 2) },
        ],
      }),
    ).toEqual(["ICCID invalid!", null]);
  });

  it("keeps only well-formed identifiers of a failed item, as the result schema requires", () => {
    const read = readBatchItems(
      "allocate",
      { bindingRels: [{ eid: "bad", imei: imei(1), iccid: iccid(12, 3) }] },
      operators,
    );
    if (!read.ok) throw new Error("refused");
    const [item] = read.items;
    expect(item).toMatchObject({
      eid: null,
      imei: imei(1),
      iccid: iccid(12, 3),
      reason: "EID invalid!",
    });
    const result = {
      eid: item?.eid,
      imei: item?.imei,
      iccid: item?.iccid,
      success: false,
      reason: item?.reason,
    };
    expect(eimSchemas.BatchItemResult.safeParse(result).success).toBe(true);
  });

  it("never keeps the activation code itself", () => {
    const read = readBatchItems("importAc", { acInfos: [goodAc] }, operators);
    expect(JSON.stringify(read)).not.toContain(ac);
  });

  it.each([
    { name: "no items", body: { acInfos: [] }, status: 123011 },
    {
      name: "501 items",
      body: { acInfos: Array.from({ length: 501 }, () => goodAc) },
      status: 123011,
    },
    { name: "an unknown top-level key", body: { acInfos: [goodAc], extra: 1 }, status: 400002 },
    {
      name: "an unknown key in a valid item",
      body: { acInfos: [{ ...goodAc, colour: "red" }] },
      status: 400002,
    },
    { name: "an item that is not an object", body: { acInfos: [42] }, status: 400002 },
    { name: "items that are not an array", body: { acInfos: "all" }, status: 400002 },
  ])("refuses the whole request with $name", ({ body, status }) => {
    const read = readBatchItems("importAc", body, operators);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(bodyOf(read.reply)).toMatchObject({ success: false, status });
  });
});
