// Compares one schema of the released contract with the same schema of the spec, following
// `$ref`s into each document's components, and says how each difference hurts the side that
// receives the value (see `Flow`). Only the keywords the spec may use are judged (spec/README.md,
// Conventions); anything else is left to the document-level check for unjudged differences.
import type { Change, Flow, Level, OpenApiNode } from "./change.ts";

export interface SchemaContext {
  readonly base: OpenApiNode;
  readonly head: OpenApiNode;
  readonly flow: Flow;
  readonly changes: Change[];
  /** Pairs of named schemas already compared on this flow, so recursive schemas end. */
  readonly seen: Set<string>;
}

/** Follows a local `$ref` (`#/components/...`); other nodes are returned as they are. */
export function resolve(document: OpenApiNode, node: unknown): OpenApiNode {
  let current = node as OpenApiNode;
  for (let hops = 0; typeof current?.$ref === "string" && hops < 32; hops++) {
    const pointer = current.$ref as string;
    if (!pointer.startsWith("#/")) throw new Error(`cannot follow the reference ${pointer}`);
    let target: unknown = document;
    for (const part of pointer.slice(2).split("/")) {
      const key = part.replaceAll("~1", "/").replaceAll("~0", "~");
      target = (target as OpenApiNode | undefined)?.[key];
    }
    if (target === undefined) throw new Error(`the reference ${pointer} points at nothing`);
    current = target as OpenApiNode;
  }
  return current;
}

// Narrowing what a value may be breaks its sender; widening it breaks its receiver.
const narrowed = (flow: Flow): Level => (flow === "request" ? "breaking" : "minor");
const widened = (flow: Flow): Level => (flow === "request" ? "minor" : "breaking");

export function compareSchema(context: SchemaContext, base: unknown, head: unknown, where: string) {
  const baseRef = (base as OpenApiNode | undefined)?.$ref;
  const headRef = (head as OpenApiNode | undefined)?.$ref;
  if (typeof baseRef === "string" && typeof headRef === "string") {
    const pair = `${context.flow} ${baseRef} ${headRef}`;
    if (context.seen.has(pair)) return;
    context.seen.add(pair);
  }
  const before = resolve(context.base, base);
  const after = resolve(context.head, head);
  const add = (level: Level, what: string) => context.changes.push({ level, where, what });

  if (compareUnions(context, before, after, where, add)) return;
  compareTypes(context.flow, before, after, add);
  compareValues(context.flow, before, after, add);
  compareBounds(context.flow, before, after, add);
  compareObjects(context, before, after, where, add);
  if (before.items !== undefined || after.items !== undefined) {
    if (before.items === undefined || after.items === undefined) {
      add(
        before.items === undefined ? narrowed(context.flow) : widened(context.flow),
        "items schema changed",
      );
    } else {
      compareSchema(context, before.items, after.items, `${where}[]`);
    }
  }
}

type Add = (level: Level, what: string) => void;

/** `oneOf`/`anyOf` branches, matched by the schema they name, else by position. */
function compareUnions(
  context: SchemaContext,
  before: OpenApiNode,
  after: OpenApiNode,
  where: string,
  add: Add,
): boolean {
  const keyword = (schema: OpenApiNode) =>
    schema.oneOf !== undefined ? "oneOf" : schema.anyOf !== undefined ? "anyOf" : undefined;
  const baseKeyword = keyword(before);
  const headKeyword = keyword(after);
  if (baseKeyword === undefined && headKeyword === undefined) return false;
  if (baseKeyword !== headKeyword) {
    // A plain schema became a union or the other way round: which values moved cannot be
    // told without solving the schemas, so it counts as breaking either way.
    add(
      "breaking",
      `shape changed (${baseKeyword ?? "a single schema"} → ${headKeyword ?? "a single schema"})`,
    );
    return true;
  }
  const branches = (schema: OpenApiNode) => schema[baseKeyword as string] as unknown[];
  const label = (branch: unknown, index: number) => {
    const ref = (branch as OpenApiNode).$ref;
    return typeof ref === "string" ? ref.slice(ref.lastIndexOf("/") + 1) : `#${index}`;
  };
  const baseBranches = new Map(
    branches(before).map((branch, index) => [label(branch, index), branch]),
  );
  const headBranches = new Map(
    branches(after).map((branch, index) => [label(branch, index), branch]),
  );
  for (const [name, branch] of baseBranches) {
    const match = headBranches.get(name);
    if (match === undefined) {
      // A removed branch takes values from senders and a type that receivers' code names.
      add("breaking", `${baseKeyword} branch ${name} removed`);
    } else {
      compareSchema(context, branch, match, `${where}(${name})`);
    }
  }
  for (const name of headBranches.keys()) {
    if (!baseBranches.has(name)) add(widened(context.flow), `${baseKeyword} branch ${name} added`);
  }
  compareObjects(context, before, after, where, add);
  return true;
}

function typesOf(schema: OpenApiNode): Set<string> | undefined {
  if (Array.isArray(schema.type)) return new Set(schema.type as string[]);
  if (typeof schema.type === "string") return new Set([schema.type]);
  return undefined;
}

function compareTypes(flow: Flow, before: OpenApiNode, after: OpenApiNode, add: Add) {
  const baseTypes = typesOf(before);
  const headTypes = typesOf(after);
  const show = (types: Set<string> | undefined) => (types ? [...types].join(", ") : "any type");
  if (baseTypes === undefined && headTypes === undefined) return;
  // An integer is a number, so `number` admits everything `integer` does.
  const admits = (types: Set<string> | undefined, type: string) =>
    types === undefined || types.has(type) || (type === "integer" && types.has("number"));
  const lost =
    baseTypes === undefined
      ? headTypes !== undefined
      : [...baseTypes].some((type) => !admits(headTypes, type));
  const gained =
    headTypes === undefined
      ? baseTypes !== undefined
      : [...headTypes].some((type) => !admits(baseTypes, type));
  const what = `type changed (${show(baseTypes)} → ${show(headTypes)})`;
  if (lost && gained) add("breaking", what);
  else if (lost) add(narrowed(flow), what.replace("changed", "narrowed"));
  else if (gained) add(widened(flow), what.replace("changed", "widened"));
}

function valuesOf(schema: OpenApiNode): unknown[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum as unknown[];
  if ("const" in schema) return [schema.const];
  return undefined;
}

function compareValues(flow: Flow, before: OpenApiNode, after: OpenApiNode, add: Add) {
  const baseValues = valuesOf(before);
  const headValues = valuesOf(after);
  if (baseValues === undefined && headValues === undefined) return;
  if (baseValues === undefined) return add(narrowed(flow), "values restricted to an enum");
  if (headValues === undefined) return add(widened(flow), "enum dropped: any value allowed");
  const has = (values: unknown[], value: unknown) =>
    values.some((other) => JSON.stringify(other) === JSON.stringify(value));
  for (const value of baseValues) {
    // In an answer too: the generated types name each value, so code comparing with a
    // removed one no longer compiles.
    if (!has(headValues, value)) add("breaking", `enum value ${JSON.stringify(value)} removed`);
  }
  for (const value of headValues) {
    if (!has(baseValues, value)) add(widened(flow), `enum value ${JSON.stringify(value)} added`);
  }
}

const upperBounds = ["maxLength", "maximum", "exclusiveMaximum", "maxItems"] as const;
const lowerBounds = ["minLength", "minimum", "exclusiveMinimum", "minItems"] as const;

function compareBounds(flow: Flow, before: OpenApiNode, after: OpenApiNode, add: Add) {
  const judge = (keyword: string, tighter: (from: number, to: number) => boolean) => {
    const from = before[keyword] as number | undefined;
    const to = after[keyword] as number | undefined;
    if (from === to) return;
    const what = `${keyword} ${from ?? "none"} → ${to ?? "none"}`;
    const tightened = from === undefined || (to !== undefined && tighter(from, to));
    add(
      tightened ? narrowed(flow) : widened(flow),
      `${what} (${tightened ? "tightened" : "loosened"})`,
    );
  };
  for (const keyword of upperBounds) judge(keyword, (from, to) => to < from);
  for (const keyword of lowerBounds) judge(keyword, (from, to) => to > from);
  for (const keyword of ["pattern", "format"] as const) {
    const from = before[keyword] as string | undefined;
    const to = after[keyword] as string | undefined;
    if (from === to) continue;
    const what = `${keyword} ${from ?? "none"} → ${to ?? "none"}`;
    // Whether one pattern admits less than another cannot be told in general, so a changed
    // one counts as both tighter and looser: breaking for every flow.
    if (from === undefined) add(narrowed(flow), `${what} (tightened)`);
    else if (to === undefined) add(widened(flow), `${what} (loosened)`);
    else add("breaking", `${what} (changed)`);
  }
}

function compareObjects(
  context: SchemaContext,
  before: OpenApiNode,
  after: OpenApiNode,
  where: string,
  add: Add,
) {
  const { flow } = context;
  const baseProperties = (before.properties ?? {}) as OpenApiNode;
  const headProperties = (after.properties ?? {}) as OpenApiNode;
  const baseRequired = new Set((before.required ?? []) as string[]);
  const headRequired = new Set((after.required ?? []) as string[]);
  const at = (name: string) => `${where}.${name}`;
  for (const name of Object.keys(baseProperties)) {
    if (!(name in headProperties)) {
      // Senders' code sets it and receivers' code reads it: breaking for both.
      context.changes.push({ level: "breaking", where: at(name), what: "field removed" });
      continue;
    }
    const wasRequired = baseRequired.has(name);
    const isRequired = headRequired.has(name);
    if (!wasRequired && isRequired) {
      context.changes.push({
        level: narrowed(flow),
        where: at(name),
        what: "field newly required",
      });
    } else if (wasRequired && !isRequired) {
      context.changes.push({
        level: widened(flow),
        where: at(name),
        what: "field no longer required",
      });
    }
    compareSchema(context, baseProperties[name], headProperties[name], at(name));
  }
  for (const name of Object.keys(headProperties)) {
    if (name in baseProperties) continue;
    const required = headRequired.has(name);
    // A new answer field only adds to what code may read; a new request field is an addition
    // unless every caller must now send it.
    const level = flow === "request" && required ? "breaking" : "minor";
    const what = required ? "required field added" : "optional field added";
    context.changes.push({ level, where: at(name), what });
  }
  const closed = (schema: OpenApiNode) => schema.additionalProperties === false;
  if (!closed(before) && closed(after)) {
    add(narrowed(flow), "additionalProperties closed");
  } else if (closed(before) && !closed(after)) {
    // Open answers add an index signature and nothing code relies on (unknown keys in answers
    // are the validation mode's business, spec/README.md), so opening is minor both ways.
    add("minor", "additionalProperties opened");
  } else if (
    typeof before.additionalProperties === "object" &&
    typeof after.additionalProperties === "object"
  ) {
    compareSchema(context, before.additionalProperties, after.additionalProperties, `${where}{}`);
  }
}
