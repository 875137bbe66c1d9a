// zod schemas are `const`s, so a schema must be declared before the schemas that use it.
// This orders the named schemas accordingly and finds the cycles that need `z.lazy`.
import { namedSchemas, type OpenApiDocument } from "./openapi-document.ts";
import { referencedSchemaNames } from "./schema-refs.ts";
import { UnsupportedSchemaError } from "./unsupported-schema-error.ts";

/** The declaration order of the named schemas and the schemas that are part of a cycle. */
export interface DependencyOrder {
  /** Every named schema, each after the schemas it uses (document order otherwise). */
  readonly order: readonly string[];
  /** Schemas on a reference cycle: they refer to later ones through `z.lazy`. */
  readonly cyclic: ReadonlySet<string>;
}

/** Orders the named schemas by a depth-first walk in document order (deterministic). */
export function dependencyOrder(document: OpenApiDocument): DependencyOrder {
  const edges = new Map<string, Set<string>>();
  for (const [name, schema] of namedSchemas(document)) {
    const pointer = `#/components/schemas/${name}`;
    edges.set(name, referencedSchemaNames(schema, pointer));
  }
  for (const [name, targets] of edges) {
    for (const target of targets) {
      if (!edges.has(target)) {
        throw new UnsupportedSchemaError(
          `#/components/schemas/${name}`,
          `references the missing schema ${target}.`,
        );
      }
    }
  }

  const order: string[] = [];
  const visited = new Set<string>();
  const visit = (name: string): void => {
    if (visited.has(name)) return;
    visited.add(name);
    for (const target of edges.get(name) ?? []) visit(target);
    order.push(name);
  };
  for (const name of edges.keys()) visit(name);

  // A schema is cyclic when it can reach itself; the documents are small, so a walk per
  // schema is cheap and easier to read than Tarjan's algorithm.
  const reaches = (from: string, to: string): boolean => {
    const seen = new Set<string>();
    const stack = [...(edges.get(from) ?? [])];
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      if (next === to) return true;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(edges.get(next) ?? []));
    }
    return false;
  };
  const cyclic = new Set(order.filter((name) => reaches(name, name)));
  return { order, cyclic };
}
