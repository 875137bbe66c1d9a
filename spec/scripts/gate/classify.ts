// Lists the changes between the released documents and the spec's, operation by operation
// (webhooks count as operations), plus the named schemas and security schemes the contract
// exports. Whatever differs beyond what these rules judge is reported as an addition, so no
// change passes unseen; text-only differences are patches.
import type { Change, Flow, OpenApiNode } from "./change.ts";
import { compareSchema, resolve, type SchemaContext } from "./schema-diff.ts";

const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** Keywords that only describe: changing them changes no type, check or request. */
const annotations = new Set([
  "description",
  "summary",
  "examples",
  "example",
  "title",
  "externalDocs",
  "x-inferred",
  "tags",
]);

export type Documents = Readonly<Record<string, OpenApiNode | undefined>>;

export function classify(base: Documents, head: Documents): Change[] {
  const changes: Change[] = [];
  for (const product of new Set([...Object.keys(base), ...Object.keys(head)])) {
    const before = base[product];
    const after = head[product];
    if (before === undefined && after === undefined) continue;
    if (before === undefined)
      changes.push({ level: "minor", where: product, what: "document added" });
    else if (after === undefined)
      changes.push({ level: "breaking", where: product, what: "document removed" });
    else changes.push(...classifyDocument(product, before, after));
  }
  return changes;
}

function classifyDocument(product: string, base: OpenApiNode, head: OpenApiNode): Change[] {
  const changes: Change[] = [];
  const baseOperations = operationsOf(base);
  const headOperations = operationsOf(head);
  for (const [key, operation] of baseOperations) {
    const match = headOperations.get(key);
    if (match === undefined) {
      changes.push({ level: "breaking", where: `${product} ${key}`, what: "operation removed" });
    } else {
      compareOperation(changes, `${product} ${key}`, base, head, operation, match);
    }
  }
  for (const key of headOperations.keys()) {
    if (!baseOperations.has(key))
      changes.push({ level: "minor", where: `${product} ${key}`, what: "operation added" });
  }
  compareNames(changes, product, "schema", schemasOf(base), schemasOf(head));
  compareSecuritySchemes(changes, product, base, head);

  if (!changes.some((change) => change.level !== "patch")) {
    const difference = firstDifference(strip(base), strip(head), "#");
    if (difference !== undefined) {
      changes.push({
        level: "minor",
        where: `${product} ${difference}`,
        what: "changed (no rule judges it: counted as an addition)",
      });
    } else if (JSON.stringify(base) !== JSON.stringify(head)) {
      changes.push({ level: "patch", where: product, what: "descriptions or examples changed" });
    }
  }
  return changes;
}

interface Operation {
  readonly node: OpenApiNode;
  readonly webhook: boolean;
  readonly security: unknown;
}

/** Operations keyed `POST /path`, webhooks keyed `webhook name POST`. */
function operationsOf(document: OpenApiNode): Map<string, Operation> {
  const operations = new Map<string, Operation>();
  const collect = (items: unknown, webhook: boolean) => {
    for (const [name, item] of Object.entries((items ?? {}) as OpenApiNode)) {
      const pathItem = resolve(document, item);
      for (const method of methods) {
        const node = pathItem[method] as OpenApiNode | undefined;
        if (node === undefined) continue;
        const key = webhook
          ? `webhook ${name} ${method.toUpperCase()}`
          : `${method.toUpperCase()} ${name}`;
        operations.set(key, { node, webhook, security: node.security ?? document.security ?? [] });
      }
    }
  };
  collect(document.paths, false);
  collect(document.webhooks, true);
  return operations;
}

function compareOperation(
  changes: Change[],
  where: string,
  base: OpenApiNode,
  head: OpenApiNode,
  before: Operation,
  after: Operation,
) {
  // The user's side of a webhook call is the receiver: it gets the payload and sends the reply.
  const sent: Flow = after.webhook ? "answer" : "request";
  const received: Flow = after.webhook ? "request" : "answer";
  const context = (flow: Flow): SchemaContext => ({ base, head, flow, changes, seen: new Set() });

  if (before.node.operationId !== after.node.operationId) {
    // Client methods and generated names are derived from the operation id.
    changes.push({
      level: "breaking",
      where,
      what: `operationId ${String(before.node.operationId)} → ${String(after.node.operationId)}`,
    });
  }
  if (JSON.stringify(before.security) !== JSON.stringify(after.security)) {
    changes.push({
      level: "breaking",
      where,
      what: `security requirement changed (${JSON.stringify(before.security)} → ${JSON.stringify(after.security)})`,
    });
  }
  compareParameters(context(sent), where, before.node, after.node);
  compareBody(
    context(sent),
    `${where} ${after.webhook ? "payload" : "request"}`,
    before.node.requestBody,
    after.node.requestBody,
  );
  const baseResponses = (before.node.responses ?? {}) as OpenApiNode;
  const headResponses = (after.node.responses ?? {}) as OpenApiNode;
  for (const status of new Set([...Object.keys(baseResponses), ...Object.keys(headResponses)])) {
    const at = `${where} ${after.webhook ? "reply" : "answer"} ${status}`;
    if (!(status in headResponses))
      changes.push({ level: "breaking", where: at, what: "response removed" });
    else if (!(status in baseResponses))
      changes.push({
        level: received === "request" ? "minor" : "breaking",
        where: at,
        what: "response added",
      });
    else compareBody(context(received), at, baseResponses[status], headResponses[status]);
  }
}

function compareParameters(
  context: SchemaContext,
  where: string,
  before: OpenApiNode,
  after: OpenApiNode,
) {
  const parameters = (document: OpenApiNode, operation: OpenApiNode) =>
    new Map(
      ((operation.parameters ?? []) as unknown[]).map((parameter) => {
        const resolved = resolve(document, parameter);
        return [`${String(resolved.in)} ${String(resolved.name)}`, resolved] as const;
      }),
    );
  const baseParameters = parameters(context.base, before);
  const headParameters = parameters(context.head, after);
  for (const [key, parameter] of baseParameters) {
    const match = headParameters.get(key);
    const at = `${where} parameter ${key}`;
    if (match === undefined) {
      context.changes.push({ level: "breaking", where: at, what: "parameter removed" });
      continue;
    }
    if (match.required === true && parameter.required !== true) {
      context.changes.push({
        level: context.flow === "request" ? "breaking" : "minor",
        where: at,
        what: "parameter newly required",
      });
    } else if (match.required !== true && parameter.required === true) {
      context.changes.push({
        level: context.flow === "request" ? "minor" : "breaking",
        where: at,
        what: "parameter no longer required",
      });
    }
    compareSchema(context, parameter.schema, match.schema, at);
  }
  for (const [key, parameter] of headParameters) {
    if (baseParameters.has(key)) continue;
    const required = parameter.required === true;
    const level = context.flow === "request" && required ? "breaking" : "minor";
    context.changes.push({
      level,
      where: `${where} parameter ${key}`,
      what: required ? "required parameter added" : "optional parameter added",
    });
  }
}

/** A request body or a response: its media types and their schemas. */
function compareBody(context: SchemaContext, where: string, before: unknown, after: unknown) {
  if (before === undefined && after === undefined) return;
  if (after === undefined) {
    context.changes.push({ level: "breaking", where, what: "body removed" });
    return;
  }
  if (before === undefined) {
    const required = context.flow === "request" && resolve(context.head, after).required === true;
    context.changes.push({
      level: required ? "breaking" : "minor",
      where,
      what: required ? "required body added" : "body added",
    });
    return;
  }
  const baseBody = resolve(context.base, before);
  const headBody = resolve(context.head, after);
  if (context.flow === "request" && baseBody.required !== true && headBody.required === true) {
    context.changes.push({ level: "breaking", where, what: "body newly required" });
  } else if (
    context.flow === "request" &&
    baseBody.required === true &&
    headBody.required !== true
  ) {
    context.changes.push({ level: "minor", where, what: "body no longer required" });
  }
  const baseContent = (baseBody.content ?? {}) as OpenApiNode;
  const headContent = (headBody.content ?? {}) as OpenApiNode;
  for (const type of new Set([...Object.keys(baseContent), ...Object.keys(headContent)])) {
    const at = `${where} ${type}`;
    if (!(type in headContent))
      context.changes.push({ level: "breaking", where: at, what: "media type removed" });
    else if (!(type in baseContent))
      context.changes.push({
        level: context.flow === "request" ? "minor" : "breaking",
        where: at,
        what: "media type added",
      });
    else
      compareSchema(
        context,
        (baseContent[type] as OpenApiNode).schema,
        (headContent[type] as OpenApiNode).schema,
        at,
      );
  }
}

function schemasOf(document: OpenApiNode): Set<string> {
  const components = (document.components ?? {}) as OpenApiNode;
  return new Set(Object.keys((components.schemas ?? {}) as OpenApiNode));
}

/** Named schemas are exports of the contract (a type and a zod schema each). */
function compareNames(
  changes: Change[],
  product: string,
  kind: string,
  base: Set<string>,
  head: Set<string>,
) {
  for (const name of base) {
    if (!head.has(name))
      changes.push({
        level: "breaking",
        where: `${product} ${kind} ${name}`,
        what: `${kind} removed`,
      });
  }
  for (const name of head) {
    if (!base.has(name))
      changes.push({ level: "minor", where: `${product} ${kind} ${name}`, what: `${kind} added` });
  }
}

function compareSecuritySchemes(
  changes: Change[],
  product: string,
  base: OpenApiNode,
  head: OpenApiNode,
) {
  const schemes = (document: OpenApiNode) =>
    ((document.components as OpenApiNode | undefined)?.securitySchemes ?? {}) as OpenApiNode;
  const before = schemes(base);
  const after = schemes(head);
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const where = `${product} security scheme ${name}`;
    if (!(name in after))
      changes.push({ level: "breaking", where, what: "security scheme removed" });
    else if (!(name in before))
      changes.push({ level: "minor", where, what: "security scheme added" });
    else if (JSON.stringify(strip(before[name])) !== JSON.stringify(strip(after[name]))) {
      changes.push({ level: "breaking", where, what: "security scheme changed" });
    }
  }
}

/** A copy without the annotation keywords, for telling text-only changes from the rest. */
function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => !annotations.has(key))
      .map(([key, value]) => [key, strip(value)]),
  );
}

function firstDifference(before: unknown, after: unknown, pointer: string): string | undefined {
  if (JSON.stringify(before) === JSON.stringify(after)) return undefined;
  if (before === null || after === null || typeof before !== "object" || typeof after !== "object")
    return pointer;
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const found = firstDifference(
      (before as OpenApiNode)[key],
      (after as OpenApiNode)[key],
      `${pointer}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`,
    );
    if (found !== undefined) return found;
  }
  return pointer;
}
