// Sections appended to a document's `info.description` in the reference copy, so that what a
// reader looks for first has a heading of its own in the page: how calls are signed, which
// errors exist, and what the Secret and Inferred notes mean. Every line is read from the
// bundled document itself; nothing here states a fact about the platform.
import { INFERRED_LABEL, type Node, SECRET_NOTE } from "./markers.ts";

// The schemas (under components/schemas) that make up each product's error catalog, in reading
// order. A name a document lacks is skipped, so the list serves all three documents.
const CATALOG = [
  "RspFailure",
  "RspCode",
  "BatchResult/properties/errorReason",
  "EimFailure",
  "EimFailureStatus",
  "EimErrorCode",
  "EimBatchResultReason",
] as const;

const isNode = (value: unknown): value is Node =>
  value !== null && typeof value === "object" && !Array.isArray(value);

const cell = (text: unknown): string => String(text ?? "").replaceAll("|", "\\|");

function pick(document: Node, path: string): Node | undefined {
  let node: unknown = (document.components as Node | undefined)?.schemas;
  for (const segment of path.split("/")) node = isNode(node) ? node[segment] : undefined;
  return isNode(node) ? node : undefined;
}

function signing(document: Node): string {
  const schemes = (document.components as Node | undefined)?.securitySchemes;
  if (!isNode(schemes)) return "";
  const rows = Object.entries(schemes).map(([name, scheme]) => {
    const s = scheme as Node;
    const where = s.type === "http" ? `\`Authorization: ${s.scheme}\`` : `header \`${s.name}\``;
    const secret = s["x-secret"] === true ? "**Secret.** " : "";
    return `| \`${name}\` | ${where} | ${secret}${cell(s.description)} |`;
  });
  const table = ["| scheme | sent as | meaning |", "| --- | --- | --- |", ...rows].join("\n");
  return [
    "## Signing",
    "The security schemes every operation names (an operation marked `security: []`, such as a webhook, names none). The overview above says how the signature is computed.",
    table,
  ].join("\n\n");
}

function catalogEntry(path: string, schema: Node): string {
  const parts = [`### \`${path.replaceAll("/properties/", ".")}\``];
  if (typeof schema.description === "string") parts.push(schema.description);
  if (typeof schema["x-inferred"] === "string")
    parts.push(`${INFERRED_LABEL} ${schema["x-inferred"]}`);
  const consts = (Array.isArray(schema.oneOf) ? schema.oneOf : []).filter(
    (branch): branch is Node => isNode(branch) && branch.const !== undefined,
  );
  if (consts.length > 0) {
    const rows = consts.map(
      (branch) => `| \`${branch.const}\` | ${cell(branch.title)} | ${cell(branch.description)} |`,
    );
    parts.push(["| code | name | message |", "| --- | --- | --- |", ...rows].join("\n"));
  }
  if (Array.isArray(schema.enum))
    parts.push(schema.enum.map((value) => `- \`${JSON.stringify(value)}\``).join("\n"));
  return parts.join("\n\n");
}

function errorCatalog(document: Node): string {
  const entries = CATALOG.flatMap((path) => {
    const schema = pick(document, path);
    return schema ? [catalogEntry(path, schema)] : [];
  });
  const body =
    entries.length > 0
      ? entries
      : ["This document describes no error codes and no error body (see the overview)."];
  return ["## Error catalog", ...body].join("\n\n");
}

function legend(): string {
  return [
    "## Markers",
    "Two notes mark what a reader must treat with care. They come from the contract's extensions and are repeated on every field, parameter, schema and operation that carries them:",
    `- ${SECRET_NOTE}`,
    `- ${INFERRED_LABEL} followed by the source: no docs page of the platform states this; the contract infers it from the source named.`,
  ].join("\n\n");
}

/** Returns a copy of the document whose overview ends with the reference's own sections. */
export function withReferenceIntro(document: Node): Node {
  const info = { ...(document.info as Node) };
  info.description = [info.description, signing(document), errorCatalog(document), legend()]
    .filter((part) => typeof part === "string" && part !== "")
    .join("\n\n");
  return { ...document, info };
}
