import { describe, expect, it } from "vitest";
import { emitParityModule } from "./emit-parity-module.ts";
import { documentWith, ref } from "./test-documents.ts";

describe("emitParityModule", () => {
  const source = emitParityModule(
    documentWith({
      Iccid: { type: "string" },
      Request: {
        type: "object",
        properties: { iccid: ref("Iccid"), flag: { type: "boolean", default: false } },
      },
    }),
    { source: "test.json", schemasModule: "./schemas.ts", typesModule: "./types.ts" },
  );

  it("imports the two sides type-only", () => {
    expect(source).toContain('import type { z } from "zod";');
    expect(source).toContain('import type * as schemas from "./schemas.ts";');
    expect(source).toContain('import type { components } from "./types.ts";');
  });

  it("asserts exact equality both ways for a schema without defaults", () => {
    expect(source).toContain('  Assert<Same<z.input<typeof schemas.Iccid>, Spec["Iccid"]>>,');
    expect(source).toContain('  Assert<Same<z.output<typeof schemas.Iccid>, Spec["Iccid"]>>,');
  });

  it("asserts the direction a default allows", () => {
    expect(source).toContain(
      '  Assert<Extends<Spec["Request"], z.input<typeof schemas.Request>>>,',
    );
    expect(source).toContain(
      '  Assert<Extends<z.output<typeof schemas.Request>, Spec["Request"]>>,',
    );
    expect(source).not.toContain("Same<z.input<typeof schemas.Request>");
  });

  it("has no run-time code", () => {
    const statements = source
      .split("\n")
      .filter((line) => /^(const|let|var|function|export const)\b/.test(line));
    expect(statements).toEqual([]);
  });
});
