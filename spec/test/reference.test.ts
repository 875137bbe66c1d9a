// The HTML reference (dist/reference, built by `pnpm build`) holds every operation and webhook
// of its document, with the Secret and Inferred notes, and renders the overview sections
// (signing, error catalog, markers) into the page itself. Redoc prerenders only the overview;
// it renders the rest in the browser from the definition embedded in the page, so that
// embedded definition is what is checked for operations and markers.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { INFERRED_LABEL, type Node, SECRET_NOTE } from "../scripts/reference/markers.ts";

const products = ["rsp", "eim", "cmp"] as const;
const read = (path: string) => readFileSync(new URL(`../dist/${path}`, import.meta.url), "utf8");

function embeddedDefinition(html: string): Node {
  const match = /const __redoc_definition = (.*);\n/.exec(html);
  if (!match?.[1]) throw new Error("no embedded definition in the page");
  return JSON.parse(match[1]) as Node;
}

// The page's markup before its scripts: what a browser shows before any script runs.
function prerenderedText(html: string): string {
  const start = html.indexOf('<div id="redoc">');
  const end = html.indexOf('<script type="module">');
  return html
    .slice(start, end)
    .replace(/<script>[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replaceAll("&#x27;", "'")
    .replaceAll("&quot;", '"')
    .replaceAll("&amp;", "&")
    .replace(/\s+/g, " ")
    .replaceAll("( ", "(")
    .replaceAll(" )", ")");
}

function operations(document: Node) {
  const found: { section: string; name: string; method: string; operation: Node }[] = [];
  for (const section of ["paths", "webhooks"] as const)
    for (const [name, item] of Object.entries((document[section] ?? {}) as Node))
      for (const [method, operation] of Object.entries(item as Node))
        found.push({ section, name, method, operation: operation as Node });
  return found;
}

function markedNodes(document: Node): Node[] {
  const found: Node[] = [];
  const visit = (node: unknown, key: string) => {
    if (node === null || typeof node !== "object" || key === "examples") return;
    const object = node as Node;
    if (object["x-secret"] === true || typeof object["x-inferred"] === "string") found.push(object);
    for (const [name, child] of Object.entries(object)) visit(child, name);
  };
  visit(document, "");
  return found;
}

describe.each(products)("the %s reference page", (product) => {
  const source = JSON.parse(read(`${product}.json`)) as Node;
  const html = read(`reference/${product}.html`);
  const built = embeddedDefinition(html);
  const text = prerenderedText(html);

  it("works offline: Redoc's script is inlined, not loaded from a CDN", () => {
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toContain("cdn.redocly.com/redoc/");
  });

  it.each(operations(source))("holds $section $name with its operationId and summary", (found) => {
    const { section, name, method, operation } = found;
    const shown = ((built[section] as Node)[name] as Node)[method] as Node;
    expect(shown.operationId).toBe(operation.operationId);
    expect(shown.summary).toBe(operation.summary);
    expect(html).toContain(`"summary":${JSON.stringify(operation.summary)}`);
  });

  it("says so on every secret and inferred node", () => {
    const marked = markedNodes(built);
    expect(marked.length).toBe(markedNodes(source).length);
    for (const node of marked) {
      const description = String(node.description);
      if (node["x-secret"] === true) expect(description).toContain(SECRET_NOTE);
      if (typeof node["x-inferred"] === "string")
        expect(description).toContain(`${INFERRED_LABEL} ${node["x-inferred"].trim()}`);
    }
  });

  it("renders the signing schemes into the page", () => {
    expect(text).toContain("Signing");
    const schemes = (source.components as Node).securitySchemes as Node;
    for (const name of Object.keys(schemes)) expect(text).toContain(name);
  });

  it("renders the error catalog and the marker legend into the page", () => {
    expect(text).toContain("Error catalog");
    expect(text).toContain("Secret (x-secret): key material or a credential");
    expect(text).toContain("Inferred (x-inferred): followed by the source");
  });
});

describe("the markers", () => {
  const rsp = embeddedDefinition(read("reference/rsp.html"));
  const schemas = (rsp.components as Node).schemas as Node;

  it("show on a shared secret field and on a field that narrows it with its own text", () => {
    expect((schemas.Ki as Node).description).toMatch(/^\*\*Secret\*\*/);
    const puk2 = ((schemas.GenerateAcRequest as Node).properties as Node).puk2 as Node;
    expect(puk2.description).toContain(SECRET_NOTE);
    expect(puk2.description).toContain(INFERRED_LABEL);
  });
});

describe("the eIM error catalog", () => {
  const source = JSON.parse(read("eim.json")) as Node;
  const text = prerenderedText(read("reference/eim.html"));
  const schemas = (source.components as Node).schemas as Node;

  it("lists every error code with its name and message", () => {
    const codes = (schemas.EimErrorCode as Node).oneOf as Node[];
    expect(codes.length).toBeGreaterThan(20);
    for (const { const: code, title, description } of codes)
      expect(text).toContain(`${code} ${title} ${description}`);
  });

  it("lists every batch result reason", () => {
    for (const reason of (schemas.EimBatchResultReason as Node).enum as string[])
      expect(text).toContain(JSON.stringify(reason));
  });
});
