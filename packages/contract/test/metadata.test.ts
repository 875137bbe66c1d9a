// (d) The generated metadata matches the spec: every operation is listed, the eIM catalog
// is complete, batch limits and secret paths are where the spec puts them.
import { describe, expect, it } from "vitest";
import {
  cmpMetadata,
  eimBatchResultReasons,
  eimErrorCodes,
  eimMetadata,
  rspMetadata,
} from "../src/index.ts";
import { documents, isObject, products, resolve, zodSchemas } from "./spec-documents.ts";

const metadata = { rsp: rspMetadata, eim: eimMetadata, cmp: cmpMetadata };
const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

describe.each(products)("%s operations", (product) => {
  const document = documents[product];

  it("list every operation of the spec, and nothing else", () => {
    const inSpec: string[] = [];
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      const pathItem = resolve(document, item);
      for (const method of methods) {
        const operation = isObject(pathItem) ? pathItem[method] : undefined;
        if (isObject(operation)) inSpec.push(`${method} ${path} ${String(operation.operationId)}`);
      }
    }
    const listed = metadata[product].operations.map(
      (op) => `${op.method} ${op.path} ${op.operationId}`,
    );
    expect(inSpec.length).toBeGreaterThan(0);
    expect(listed.sort()).toEqual(inSpec.sort());
  });

  it("list every webhook of the spec", () => {
    const inSpec = Object.keys(document.webhooks ?? {}).sort();
    expect(metadata[product].webhooks.map((webhook) => webhook.name).sort()).toEqual(inSpec);
  });

  it("name schemas that exist as zod schemas", () => {
    const names = [
      ...metadata[product].operations.flatMap((op) => [
        op.requestSchema,
        op.responseSchema,
        op.errorSchema,
      ]),
      ...metadata[product].webhooks.map((webhook) => webhook.payloadSchema),
      ...Object.keys(metadata[product].secretPaths),
    ].filter((name): name is string => name !== null);
    expect(names.filter((name) => zodSchemas[product][name] === undefined)).toEqual([]);
  });

  it("have secret paths for every named schema", () => {
    expect(Object.keys(metadata[product].secretPaths).sort()).toEqual(
      Object.keys(document.components?.schemas ?? {}).sort(),
    );
  });
});

describe("eIM error catalog", () => {
  it("has exactly 27 codes with unique codes and names", () => {
    expect(eimErrorCodes).toHaveLength(27);
    expect(new Set(eimErrorCodes.map((entry) => entry.code)).size).toBe(27);
    expect(new Set(eimErrorCodes.map((entry) => entry.name)).size).toBe(27);
    for (const entry of eimErrorCodes) {
      expect(entry.name).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect(entry.message).not.toBe("");
    }
  });

  it("agrees with the EimErrorCode zod schema", () => {
    for (const { code } of eimErrorCodes)
      expect(zodSchemas.eim.EimErrorCode?.safeParse(code).success).toBe(true);
    expect(zodSchemas.eim.EimErrorCode?.safeParse(700).success).toBe(false);
  });

  it("has exactly 11 batch result reasons, all strings", () => {
    expect(eimBatchResultReasons).toHaveLength(11);
    expect(new Set(eimBatchResultReasons).size).toBe(11);
    for (const reason of eimBatchResultReasons) {
      expect(typeof reason).toBe("string");
      expect(zodSchemas.eim.EimBatchResultReason?.safeParse(reason).success).toBe(true);
    }
  });

  it("is only in the eIM metadata", () => {
    expect("errorCodes" in rspMetadata).toBe(false);
    expect("errorCodes" in cmpMetadata).toBe(false);
    expect(eimMetadata.errorCodes).toBe(eimErrorCodes);
  });
});

describe("batch limits", () => {
  it("generateAcByBatch takes 1 to 200 records", () => {
    const limit = rspMetadata.batchLimits.find(
      (entry) => entry.operationId === "generateAcByBatch" && entry.field === "metaDatas",
    );
    expect(limit).toEqual({
      operationId: "generateAcByBatch",
      field: "metaDatas",
      minItems: 1,
      maxItems: 200,
    });
  });

  it("agree with the request schemas", () => {
    const request = zodSchemas.rsp.GenerateAcByBatchRequest;
    const record = {
      iccid: "89860468152080349618",
      imsi: "460048867619618",
      ki: "6BE2053E8580B135CD43443380DB7111",
    };
    const body = (count: number) => ({
      configName: "c",
      metaDatas: Array.from({ length: count }, () => record),
    });
    expect(request?.safeParse(body(200)).success).toBe(true);
    expect(request?.safeParse(body(201)).success).toBe(false);
    expect(request?.safeParse(body(0)).success).toBe(false);
  });
});

describe("secret paths", () => {
  const allNames = new Set<string>(
    products.flatMap((product) => metadata[product].secretPropertyNames),
  );

  it.each([
    "ki",
    "opc",
    "activationCode",
    "acLink",
    "matchingId",
    "pin1",
    "puk1",
    "adm1",
    "upp",
    "clientSecret",
    "token",
  ])("%s is a secret property", (name) => {
    expect(allNames.has(name)).toBe(true);
  });

  it("reach into batch records", () => {
    expect(rspMetadata.secretPaths.GenerateAcByBatchRequest).toEqual(
      expect.arrayContaining(["metaDatas[].ki", "metaDatas[].opc"]),
    );
  });

  it("mark a secret field schema itself", () => {
    expect(rspMetadata.secretPaths.Ki).toEqual([""]);
  });

  it("leave schemas without secrets empty", () => {
    expect(rspMetadata.secretPaths.Iccid).toEqual([]);
  });
});

// Bounds no docs page states are not enforced before sending: each case below was once
// refused by the request schemas (spec/README.md, rule 1).
describe("request bounds are the docs' own", () => {
  const iccid = "89860468152080349618";
  const record = { iccid, imsi: "460048867619618", ki: "6BE2053E8580B135CD43443380DB7111" };
  const generate = (fields: Record<string, unknown>) =>
    zodSchemas.rsp.GenerateAcRequest?.safeParse({ ...record, configName: "c", ...fields }).success;

  it("impu takes any number of identities (was at most 16)", () => {
    const impu = Array.from({ length: 17 }, (_, index) => `sip:${index}@ims.example.org`);
    expect(generate({ impu })).toBe(true);
    expect(generate({ impu: [""] })).toBe(false);
  });

  it("PLMN lists take any number of codes (was at most 64)", () => {
    const plmns = Array.from({ length: 65 }, () => "45400");
    expect(generate({ hplmnList: plmns, oplmnList: plmns })).toBe(true);
    const rat = Array.from({ length: 65 }, () => ({ plmn: "45400", rat: "4000" }));
    const multiImsiDataList = [
      { imsi: record.imsi, mccList: Array(65).fill("454"), plmnList: rat },
    ];
    expect(generate({ multiImsiDataList })).toBe(true);
    expect(generate({ hplmnList: ["4540"] })).toBe(false);
  });

  it("CMP lookups take any number of identifiers (was at most 100); changeSimStatus keeps its documented 100", () => {
    const lookup = zodSchemas.cmp.GetDeviceSimsDetailRequest;
    const eids = Array.from({ length: 101 }, () => "89049032000001000000012345678901");
    expect(lookup?.safeParse({ eidList: eids }).success).toBe(true);
    expect(lookup?.safeParse({ eidList: [] }).success).toBe(false);
    expect(lookup?.safeParse({ eidList: ["8904"] }).success).toBe(false);
    const change = zodSchemas.cmp.ChangeSimStatusRequest;
    const simIds = Array.from({ length: 101 }, () => iccid);
    expect(change?.safeParse({ simIds, simIdType: "ICCID", active: true }).success).toBe(false);
  });

  const acInfo = (fields: Record<string, unknown>) =>
    zodSchemas.eim.BatchImportAcRequest?.safeParse({
      acInfos: [{ iccid, ac: "1$rsp-eu.simlessly.com$0A1B2C3D", apn: "internet", ...fields }],
    }).success;

  it("eIM cc takes any string (was 4 digits)", () => {
    expect(acInfo({ cc: "A1b2c3" })).toBe(true);
    expect(acInfo({ cc: 4821 })).toBe(false);
  });

  it("eIM ac takes the SGP.22 code with or without the LPA: prefix (the prefix was refused)", () => {
    expect(acInfo({ ac: "LPA:1$rsp-eu.simlessly.com$0A1B2C3D" })).toBe(true);
    expect(acInfo({ ac: "1$rsp-eu.simlessly.com$0A1B2C3D$$1" })).toBe(true);
    expect(acInfo({ ac: "LPA:LPA:1$rsp-eu.simlessly.com$0A1B2C3D" })).toBe(false);
    expect(acInfo({ ac: "123456789012345" })).toBe(false);
  });

  it("confirmOrder's confirmationCode takes any string (was 4 digits); the generate cc keeps the documented 4", () => {
    const confirm = zodSchemas.rsp.ConfirmOrderRequest;
    expect(confirm?.safeParse({ iccid, confirmationCode: "abc12345" }).success).toBe(true);
    expect(confirm?.safeParse({ iccid, confirmationCode: 6093 }).success).toBe(false);
    expect(generate({ cc: "12345" })).toBe(false);
  });

  it("msidn takes up to 15 hexadecimal characters (was decimal digits only)", () => {
    expect(generate({ msidn: "8613912345678F" })).toBe(true);
    expect(generate({ msidn: "0123456789ABCDE" })).toBe(true);
    expect(generate({ msidn: "0123456789ABCDEF" })).toBe(false);
    expect(generate({ msidn: "+8613912345678" })).toBe(false);
  });
});
