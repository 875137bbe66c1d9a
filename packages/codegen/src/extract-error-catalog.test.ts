import { describe, expect, it } from "vitest";
import { extractErrorCatalog } from "./extract-error-catalog.ts";
import type { SchemaObject } from "./openapi-document.ts";
import { documentWith } from "./test-documents.ts";

const codes = (...branches: unknown[]): SchemaObject => ({ type: "integer", oneOf: branches });
const reasons = (...values: unknown[]): SchemaObject => ({ type: "string", enum: values });

describe("extractErrorCatalog", () => {
  it("reads codes with their names and messages, and the reasons", () => {
    const document = documentWith({
      EimErrorCode: codes(
        { const: 23018, title: "INVALID_IMEI", description: "Invalid parameter: imei" },
        { const: 110004, title: "ICCID_NOT_FOUND", description: "Iccid not found" },
      ),
      EimBatchResultReason: reasons("EID invalid!", "AC invalid!"),
    });
    expect(extractErrorCatalog(document)).toEqual({
      codes: [
        { code: 23018, name: "INVALID_IMEI", message: "Invalid parameter: imei" },
        { code: 110004, name: "ICCID_NOT_FOUND", message: "Iccid not found" },
      ],
      batchReasons: ["EID invalid!", "AC invalid!"],
    });
  });

  it("returns null for a document without a catalog", () => {
    expect(extractErrorCatalog(documentWith({ Other: { type: "string" } }))).toBeNull();
  });

  it("reads other schema names when told", () => {
    const document = documentWith({
      Codes: codes({ const: 1, title: "ONE", description: "one" }),
      Reasons: reasons("r"),
    });
    expect(
      extractErrorCatalog(document, { codes: "Codes", reasons: "Reasons" })?.codes,
    ).toHaveLength(1);
  });

  it.each([
    {
      name: "a missing reasons schema",
      schemas: { EimErrorCode: codes({ const: 1, title: "ONE", description: "one" }) },
      message: "#/components/schemas/EimBatchResultReason: expected a string enum.",
    },
    {
      name: "a branch without a title",
      schemas: {
        EimErrorCode: codes({ const: 1, description: "one" }),
        EimBatchResultReason: reasons("r"),
      },
      message: "#/components/schemas/EimErrorCode/oneOf/0: expected {const",
    },
    {
      name: "a name that is not SCREAMING_SNAKE_CASE",
      schemas: {
        EimErrorCode: codes({ const: 1, title: "one", description: "one" }),
        EimBatchResultReason: reasons("r"),
      },
      message: "oneOf/0",
    },
    {
      name: "a code listed twice",
      schemas: {
        EimErrorCode: codes(
          { const: 1, title: "A", description: "a" },
          { const: 1, title: "B", description: "b" },
        ),
        EimBatchResultReason: reasons("r"),
      },
      message: "code 1 appears twice",
    },
    {
      name: "a name listed twice",
      schemas: {
        EimErrorCode: codes(
          { const: 1, title: "A", description: "a" },
          { const: 2, title: "A", description: "b" },
        ),
        EimBatchResultReason: reasons("r"),
      },
      message: "name A appears twice",
    },
    {
      name: "a reason listed twice",
      schemas: { EimErrorCode: codes(), EimBatchResultReason: reasons("r", "r") },
      message: "a reason appears twice",
    },
    {
      name: "a reason that is not a string",
      schemas: { EimErrorCode: codes(), EimBatchResultReason: reasons(1) },
      message: "expected strings",
    },
  ])("throws for $name", ({ schemas, message }) => {
    expect(() => extractErrorCatalog(documentWith(schemas))).toThrow(message);
  });
});
