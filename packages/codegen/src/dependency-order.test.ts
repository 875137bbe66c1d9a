import { describe, expect, it } from "vitest";
import { dependencyOrder } from "./dependency-order.ts";
import type { SchemaObject } from "./openapi-document.ts";
import { documentWith, ref } from "./test-documents.ts";

const uses = (...names: string[]): SchemaObject => ({ anyOf: names.map(ref) });

describe("dependencyOrder", () => {
  it.each([
    {
      name: "independent schemas keep document order",
      schemas: { B: {}, A: {} },
      order: ["B", "A"],
      cyclic: [],
    },
    {
      name: "a dependency comes first",
      schemas: { A: uses("B"), B: {} },
      order: ["B", "A"],
      cyclic: [],
    },
    {
      name: "dependencies through properties, items and oneOf",
      schemas: {
        A: { type: "object", properties: { b: ref("B") } },
        B: { type: "array", items: ref("C") },
        C: { oneOf: [ref("D")] },
        D: {},
      },
      order: ["D", "C", "B", "A"],
      cyclic: [],
    },
    {
      name: "a self-reference",
      schemas: { A: uses("A"), B: {} },
      order: ["A", "B"],
      cyclic: ["A"],
    },
    {
      name: "a two-schema cycle",
      schemas: { A: uses("B"), B: uses("A"), C: uses("A") },
      order: ["B", "A", "C"],
      cyclic: ["B", "A"],
    },
  ])("$name", ({ schemas, order, cyclic }) => {
    const result = dependencyOrder(documentWith(schemas));
    expect(result.order).toEqual(order);
    expect([...result.cyclic]).toEqual(cyclic);
  });

  it("throws for a reference to a missing schema", () => {
    expect(() => dependencyOrder(documentWith({ A: uses("Nope") }))).toThrow(
      "#/components/schemas/A: references the missing schema Nope.",
    );
  });
});
