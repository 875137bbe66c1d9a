// Schema annotations become JSDoc on the generated declarations, so editors show the
// spec's wording where the zod schemas are used.
import type { SchemaObject } from "./openapi-document.ts";

const width = 96;

/** Splits text into lines of at most `limit` characters at spaces (longer words stay whole). */
function wrap(text: string, limit: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(" ").filter((part) => part !== "")) {
      if (line !== "" && line.length + 1 + word.length > limit) {
        lines.push(line);
        line = word;
      } else {
        line = line === "" ? word : `${line} ${word}`;
      }
    }
    lines.push(line);
  }
  return lines;
}

/**
 * A JSDoc block for a schema's description, inference, deprecation and secret marker ("" if
 * none).
 */
export function docComment(schema: SchemaObject, indent = ""): string {
  const text = typeof schema.description === "string" ? schema.description : schema.title;
  const limit = width - indent.length - 3;
  const lines: string[] = [];
  if (typeof text === "string" && text.trim() !== "") lines.push(...wrap(text.trim(), limit));
  const inferred = schema["x-inferred"];
  if (typeof inferred === "string" && inferred.trim() !== "") {
    lines.push(...wrap(`Inferred (\`x-inferred\`): ${inferred.trim()}`, limit));
  }
  if (schema["x-secret"] === true) {
    lines.push("Secret (`x-secret`): never log it or put it in an error message.");
  }
  if (schema.deprecated === true) lines.push("@deprecated");
  if (lines.length === 0) return "";
  // `*/` inside the text would end the comment early.
  const safe = lines.map((line) => line.replaceAll("*/", "*\\/"));
  const [only] = safe;
  if (safe.length === 1 && only !== undefined && only.length <= limit - 3) {
    return `${indent}/** ${only} */\n`;
  }
  const body = safe.map((line) => `${indent} * ${line}`.trimEnd());
  return `${indent}/**\n${body.join("\n")}\n${indent} */\n`;
}
