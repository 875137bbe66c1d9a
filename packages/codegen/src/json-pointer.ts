// JSON pointers (RFC 6901) name the exact place of a problem in a document, so every
// error the generators throw can be followed straight to the offending keyword.
import { isJsonObject, type OpenApiDocument } from "./openapi-document.ts";

/** Appends reference tokens to a `#/...` pointer, escaping `~` and `/` as RFC 6901 says. */
export function childPointer(pointer: string, ...tokens: ReadonlyArray<string | number>): string {
  const escaped = tokens.map((token) => String(token).replaceAll("~", "~0").replaceAll("/", "~1"));
  return [pointer, ...escaped].join("/");
}

/** Follows a local `#/...` reference; throws naming the reference when it leads nowhere. */
export function resolvePointer(document: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith("#/")) {
    throw new Error(`${ref}: only local references (#/...) are supported; bundle the document.`);
  }
  let current: unknown = document;
  for (const token of ref.slice(2).split("/")) {
    const key = token.replaceAll("~1", "/").replaceAll("~0", "~");
    if (!isJsonObject(current) || !(key in current)) {
      throw new Error(`${ref}: the reference does not resolve.`);
    }
    current = current[key];
  }
  return current;
}
