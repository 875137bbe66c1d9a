import { describe, expect, it } from "vitest";
import { schemasWithDefaults } from "./schemas-with-defaults.ts";
import { documentWith, ref } from "./test-documents.ts";

describe("schemasWithDefaults", () => {
  it("finds defaults inside a schema and in the schemas it references", () => {
    const document = documentWith({
      Mode: { type: "integer", enum: [1], default: 1 },
      Request: { type: "object", properties: { mode: ref("Mode") } },
      Envelope: { oneOf: [ref("Request"), { type: "null" }] },
      Inline: { type: "object", properties: { flag: { type: "boolean", default: false } } },
      InItems: { type: "array", items: { type: "string", default: "x" } },
      Plain: { type: "object", properties: { name: { type: "string" } } },
    });
    expect([...schemasWithDefaults(document)].sort()).toEqual([
      "Envelope",
      "InItems",
      "Inline",
      "Mode",
      "Request",
    ]);
  });
});
