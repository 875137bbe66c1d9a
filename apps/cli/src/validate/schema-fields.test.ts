import { rspSchemas } from "@simlessly/contract";
import { describe, expect, it } from "vitest";
import { schemaFields } from "./schema-fields.ts";

describe("schemaFields", () => {
  it("checks the usual SIM fields without zod: a record costs no zod parse", () => {
    const fields = schemaFields(rspSchemas.AcMetadata) ?? [];
    const plain = fields.filter((field) => field.test !== undefined).map((field) => field.key);
    expect(plain).toEqual(expect.arrayContaining(["iccid", "imsi", "ki", "opc", "msidn", "pin1"]));
    expect(fields.map((field) => field.key)).toEqual(Object.keys(rspSchemas.AcMetadata.shape));
    const required = fields.filter((field) => !field.mayBeAbsent).map((field) => field.key);
    expect(required).toEqual(expect.arrayContaining(["iccid", "imsi", "ki"]));
  });
});
