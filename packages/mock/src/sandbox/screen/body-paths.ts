// Paths into a parsed JSON request body, in the form the contract metadata uses for secret
// paths: property names, and `[]` for every element of an array (`metaDatas[].msisdn`).

/** A path: property names, and `[]` for every element of an array. */
export type FieldPath = readonly string[];

/** The path as text: `metaDatas[].msisdn`; the body itself is `body`. */
export function pathText(path: FieldPath): string {
  const text = path.reduce(
    (joined, segment) =>
      segment === "[]" ? `${joined}[]` : joined === "" ? segment : `${joined}.${segment}`,
    "",
  );
  return text === "" ? "body" : text;
}

/** A JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Replaces every value at `path` with what `change` returns for it, copying only the objects
 * and arrays on the way, so the body given is never modified. A value `change` returns
 * unchanged (the same reference) copies nothing; a path that does not exist changes nothing.
 * Paths come from the contract, so they never name `__proto__`.
 */
export function rewriteAt(
  value: unknown,
  path: FieldPath,
  change: (found: unknown) => unknown,
): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return change(value);
  if (head === "[]") {
    if (!Array.isArray(value)) return value;
    let changed = false;
    const items = value.map((item: unknown) => {
      const next = rewriteAt(item, rest, change);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? items : value;
  }
  if (!isJsonObject(value) || !Object.hasOwn(value, head)) return value;
  const child = value[head];
  const next = rewriteAt(child, rest, change);
  return next === child ? value : { ...value, [head]: next };
}

/** Every value at `path` (none when the path does not exist in the body). */
export function valuesAt(value: unknown, path: FieldPath): unknown[] {
  const [head, ...rest] = path;
  if (head === undefined) return [value];
  if (head === "[]")
    return Array.isArray(value) ? value.flatMap((item) => valuesAt(item, rest)) : [];
  if (!isJsonObject(value) || !Object.hasOwn(value, head)) return [];
  return valuesAt(value[head], rest);
}
