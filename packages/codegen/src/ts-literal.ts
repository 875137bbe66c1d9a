// Generated data (metadata, defaults) is printed as TypeScript literals with a fixed layout,
// so that the same input always gives byte-identical files.

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property key: bare when it is an identifier, quoted otherwise. */
export function propertyKey(key: string): string {
  // `__proto__: x` in an object literal sets the prototype instead of a property.
  if (key === "__proto__") return `["__proto__"]`;
  return identifier.test(key) ? key : JSON.stringify(key);
}

/** Prints a JSON value as a TypeScript literal, one property or element per line. */
export function tsLiteral(value: unknown, indent = ""): string {
  if (value === null || typeof value !== "object") {
    if (value === undefined || typeof value === "function" || typeof value === "symbol") {
      throw new Error(`Not a JSON value: ${String(value)}`);
    }
    return JSON.stringify(value);
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const items = value.map((item) => tsLiteral(item, inner));
    const oneLine = `[${items.join(", ")}]`;
    // Short lists of scalars read better on one line (tags, secret paths).
    if (!oneLine.includes("\n") && oneLine.length + indent.length <= 90) return oneLine;
    return `[\n${items.map((item) => `${inner}${item},`).join("\n")}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return "{}";
  const scalars = entries.every(([, item]) => item === null || typeof item !== "object");
  const flat = `{ ${entries.map(([key, item]) => `${propertyKey(key)}: ${tsLiteral(item)}`).join(", ")} }`;
  // Small records of scalars (batch limits, error codes) read better on one line.
  if (scalars && flat.length + indent.length <= 96) return flat;
  const lines = entries.map(
    ([key, item]) => `${inner}${propertyKey(key)}: ${tsLiteral(item, inner)},`,
  );
  return `{\n${lines.join("\n")}\n${indent}}`;
}
