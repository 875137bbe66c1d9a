import { describe, expect, it } from "vitest";
import { emitMetadataModule } from "./emit-metadata-module.ts";
import { documentWith, postOperation } from "./test-documents.ts";

describe("emitMetadataModule", () => {
  const schemas = {
    Request: {
      type: "object",
      additionalProperties: false,
      properties: {
        items: { type: "array", maxItems: 2, items: { type: "string", "x-secret": true } },
      },
    },
  };
  const paths = { "/a": postOperation("doA", "Request", null) };

  it("writes operations, webhooks, secrets and limits as typed const data", () => {
    const source = emitMetadataModule(documentWith(schemas, { paths }), {
      source: "test.json",
      typesModule: "../types.ts",
    });
    expect(source).toContain(
      'import type { BatchLimit, OperationInfo, WebhookInfo } from "../types.ts";',
    );
    expect(source).toContain('    operationId: "doA",');
    expect(source).toContain("] as const satisfies readonly OperationInfo[];");
    expect(source).toContain(
      "export const webhooks = [] as const satisfies readonly WebhookInfo[];",
    );
    expect(source).toContain('  Request: ["items[]"],');
    expect(source).toContain('export const secretPropertyNames = ["items"] as const');
    expect(source).toContain('{ operationId: "doA", field: "items", minItems: 0, maxItems: 2 }');
    expect(source).not.toContain("errorCodes");
  });

  it("adds the error catalog when the document has one", () => {
    const source = emitMetadataModule(
      documentWith({
        ...schemas,
        EimErrorCode: { type: "integer", oneOf: [{ const: 1, title: "ONE", description: "One." }] },
        EimBatchResultReason: { type: "string", enum: ["Bad!"] },
      }),
    );
    expect(source).toContain(
      'export const errorCodes = [{ code: 1, name: "ONE", message: "One." }] as const;',
    );
    expect(source).toContain('export const batchResultReasons = ["Bad!"] as const;');
  });

  it("is deterministic", () => {
    const document = documentWith(schemas, { paths });
    expect(emitMetadataModule(document)).toBe(emitMetadataModule(structuredClone(document)));
  });
});
