// Makes the contract's `x-secret` and `x-inferred` extensions visible to a reader of the HTML
// reference. Renderers ignore unknown extensions, so each marked schema, property, parameter,
// security scheme and operation gets a note at the start of its description. It works on a
// copy: the hand-written documents keep descriptions that say only what the platform does.

export type Node = { [key: string]: unknown };

export const SECRET_NOTE =
  "**Secret** (`x-secret`): key material or a credential. Keep it out of logs; the toolkit's own logs and errors leave it out.";
export const INFERRED_LABEL = "**Inferred** (`x-inferred`):";

// Example payloads are data, not description: a key spelled like an extension there is a value.
const DATA_KEYS = new Set(["example", "examples", "enum", "const", "default"]);

const isNode = (value: unknown): value is Node =>
  value !== null && typeof value === "object" && !Array.isArray(value);

function notes(...nodes: (Node | undefined)[]): string[] {
  const found: string[] = [];
  if (nodes.some((node) => node?.["x-secret"] === true)) found.push(SECRET_NOTE);
  for (const node of nodes) {
    const inferred = node?.["x-inferred"];
    if (typeof inferred === "string") found.push(`${INFERRED_LABEL} ${inferred.trim()}`);
  }
  return found;
}

// Each note is its own paragraph so that markdown renders it as a line of its own.
const withNotes = (found: string[], description: unknown): string =>
  [...found, typeof description === "string" ? description : ""]
    .filter((part) => part !== "")
    .join("\n\n");

function resolve(document: Node, ref: string): Node | undefined {
  if (!ref.startsWith("#/")) return undefined;
  let node: unknown = document;
  for (const segment of ref.slice(2).split("/")) {
    if (!isNode(node)) return undefined;
    node = node[segment.replaceAll("~1", "/").replaceAll("~0", "~")];
  }
  return isNode(node) ? node : undefined;
}

/** Returns a deep copy of a bundled document whose marked nodes say so in their description. */
export function annotateMarkers(source: Node): Node {
  const document = structuredClone(source);
  const visit = (node: unknown, key = ""): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isNode(node)) return;
    const ref = node.$ref;
    if (typeof ref === "string") {
      // A description beside a $ref replaces the target's in the rendering, so a note of the
      // target (a shared secret field, say) would vanish: repeat the target's notes here.
      const target = resolve(source, ref);
      if (node.description !== undefined || notes(node).length > 0) {
        const found = notes(node, target);
        if (found.length > 0)
          node.description = withNotes(found, node.description ?? target?.description);
      }
    } else {
      const found = notes(node);
      if (found.length > 0) node.description = withNotes(found, node.description);
    }
    // Under `properties` the keys are field names, so a field called `default` is still a schema.
    for (const [name, child] of Object.entries(node))
      if (key === "properties" || !DATA_KEYS.has(name)) visit(child, name);
  };
  visit(document);
  return document;
}
