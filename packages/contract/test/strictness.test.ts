// (b) Every object schema with `additionalProperties: false` rejects an unknown key. The
// cases are built by walking the spec, and each one checks that zod reports exactly that key
// as unrecognized at exactly that place, so a loose object fails the test (see the last case).
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { documents, isObject, products, specExamples, zodSchemas } from "./spec-documents.ts";

const probe = "__notInTheSpec__";

type PathStep = string | number;

interface StrictCase {
  readonly schemaName: string;
  /** Where the strict object is inside the named schema (JSON pointer below it). */
  readonly pointer: string;
  /** Where the object is inside a value of the named schema. */
  readonly path: readonly PathStep[];
}

/** The strict objects of a named schema, not following $ref (each named schema is a case). */
function strictObjects(schemaName: string, schema: unknown): StrictCase[] {
  const found: StrictCase[] = [];
  const walk = (node: unknown, pointer: string, path: readonly PathStep[]): void => {
    if (!isObject(node)) return;
    if (node.type === "object" && node.additionalProperties === false) {
      found.push({ schemaName, pointer, path });
    }
    if (isObject(node.properties)) {
      for (const [key, property] of Object.entries(node.properties)) {
        walk(property, `${pointer}/properties/${key}`, [...path, key]);
      }
    }
    if (isObject(node.items)) walk(node.items, `${pointer}/items`, [...path, 0]);
    for (const keyword of ["oneOf", "anyOf"]) {
      const branches = node[keyword];
      if (Array.isArray(branches)) {
        branches.forEach((branch, index) => {
          walk(branch, `${pointer}/${keyword}/${index}`, path);
        });
      }
    }
  };
  walk(schema, `#/components/schemas/${schemaName}`, []);
  return found;
}

/** A value that has an object holding only the probe key at `path`. */
function valueWithProbe(path: readonly PathStep[]): unknown {
  let value: unknown = { [probe]: true };
  for (const step of [...path].reverse())
    value = typeof step === "number" ? [value] : { [step]: value };
  return value;
}

/** True when zod reports the probe as unrecognized at `path`, also inside union branches. */
function reportsProbe(
  issues: readonly z.core.$ZodIssue[],
  path: readonly PathStep[],
  prefix: PathStep[] = [],
): boolean {
  return issues.some((issue) => {
    const at = [...prefix, ...issue.path];
    if (issue.code === "unrecognized_keys") {
      return issue.keys.includes(probe) && JSON.stringify(at) === JSON.stringify(path);
    }
    if (issue.code === "invalid_union") {
      return issue.errors.some((branch) => reportsProbe(branch, path, at as PathStep[]));
    }
    return false;
  });
}

/** Whether `schema` rejects the probe key in the object at `path`. */
function rejectsProbe(schema: z.ZodType, path: readonly PathStep[]): boolean {
  const result = schema.safeParse(valueWithProbe(path));
  return !result.success && reportsProbe(result.error.issues, path);
}

describe.each(products)("%s strict objects", (product) => {
  const cases = Object.entries(documents[product].components?.schemas ?? {}).flatMap(
    ([name, schema]) => strictObjects(name, schema),
  );

  it("are found in the spec", () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases.map((entry) => [entry.pointer, entry] as const))(
    "%s rejects an unknown key",
    (_, entry) => {
      const schema = zodSchemas[product][entry.schemaName];
      expect(schema).toBeDefined();
      expect(rejectsProbe(schema as z.ZodType, entry.path)).toBe(true);
    },
  );

  // The same on real bodies: a valid example is accepted, and rejected with one extra key.
  const objectExamples = specExamples(product).filter((example) => isObject(example.value));
  it.each(objectExamples.map((example) => [example.where, example] as const))(
    "%s with an extra key is rejected",
    (_, example) => {
      const schema = zodSchemas[product][example.schemaName] as z.ZodType;
      expect(schema.safeParse(example.value).success).toBe(true);
      const result = schema.safeParse({ ...(example.value as object), [probe]: true });
      expect(result.success).toBe(false);
      expect(reportsProbe(result.error?.issues ?? [], [])).toBe(true);
    },
  );
});

describe("the strictness check itself", () => {
  it("fails for a loose object, nested or not, and passes for a strict one", () => {
    expect(rejectsProbe(z.looseObject({ a: z.string() }), [])).toBe(false);
    expect(rejectsProbe(z.object({ a: z.string() }), [])).toBe(false);
    expect(rejectsProbe(z.strictObject({ a: z.string() }), [])).toBe(true);
    const nested = (inner: z.ZodType) => z.xor([z.looseObject({ list: z.array(inner) }), z.null()]);
    expect(rejectsProbe(nested(z.looseObject({})), ["list", 0])).toBe(false);
    expect(rejectsProbe(nested(z.strictObject({})), ["list", 0])).toBe(true);
    // The probe must be reported at the right place: here the outer object is loose.
    expect(rejectsProbe(nested(z.strictObject({})), [])).toBe(false);
  });
});
