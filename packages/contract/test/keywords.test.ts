// The zod emitter translates exactly the keywords spec/README.md allows, no more, no less:
// if the two lists drift apart, either the spec may use a keyword the emitter rejects or the
// emitter accepts one the spec never promised to avoid.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { supportedFormats, supportedKeywords } from "@simlessly/codegen";
import { expect, it } from "vitest";

it("the emitter supports exactly the keywords and formats listed in the spec README", () => {
  const specDir = dirname(createRequire(import.meta.url).resolve("@simlessly/spec/package.json"));
  const readme = readFileSync(join(specDir, "README.md"), "utf8");
  const bullet = readme
    .split(/\n- |\n\n/)
    .find((item) => item.startsWith("Only these schema keywords"));
  expect(bullet).toBeDefined();
  const listed = [...(bullet ?? "").matchAll(/`([^`]+)`/g)].map((match) => match[1]);
  expect(new Set(listed)).toEqual(new Set([...supportedKeywords, ...supportedFormats]));
});
