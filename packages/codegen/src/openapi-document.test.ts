import { describe, expect, it } from "vitest";
import { childPointer, resolvePointer } from "./json-pointer.ts";
import { asOpenApiDocument, namedSchemas } from "./openapi-document.ts";
import { documentWith } from "./test-documents.ts";

describe("asOpenApiDocument", () => {
  it.each([
    { given: null, message: "Not an OpenAPI document" },
    { given: { swagger: "2.0" }, message: "Not an OpenAPI document" },
    {
      given: { openapi: "3.0.3" },
      message: "Only OpenAPI 3.1 documents are supported, got 3.0.3.",
    },
  ])("rejects $given", ({ given, message }) => {
    expect(() => asOpenApiDocument(given)).toThrow(message);
  });

  it("accepts a 3.1 document", () => {
    const document = { openapi: "3.1.0" };
    expect(asOpenApiDocument(document)).toBe(document);
  });
});

describe("namedSchemas", () => {
  it("lists schemas in document order and rejects non-objects", () => {
    expect(
      namedSchemas(documentWith({ B: {}, A: { type: "string" } })).map(([name]) => name),
    ).toEqual(["B", "A"]);
    expect(namedSchemas({ openapi: "3.1.0" })).toEqual([]);
    expect(() => namedSchemas(documentWith({ A: true as never }))).toThrow(
      "#/components/schemas/A",
    );
  });
});

describe("JSON pointers", () => {
  it("escapes ~ and / in tokens", () => {
    expect(childPointer("#/paths", "/a~b", "post", 0)).toBe("#/paths/~1a~0b/post/0");
  });

  it("resolves local references and names the broken ones", () => {
    const document = documentWith({ "a/b": { type: "string" } });
    expect(resolvePointer(document, "#/components/schemas/a~1b")).toEqual({ type: "string" });
    expect(() => resolvePointer(document, "#/components/schemas/c")).toThrow(
      "#/components/schemas/c: the reference does not resolve.",
    );
    expect(() => resolvePointer(document, "other.json#/a")).toThrow("only local references");
  });
});
