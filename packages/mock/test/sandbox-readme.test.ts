// The README is the only documentation of the sandbox's own failure codes (the platform
// documents none for RSP): every code the sandbox can send must be listed there.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { eimSandboxStatuses, rspFailureCodes } from "../src/index.ts";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

describe("the package README", () => {
  it.each(Object.keys(rspFailureCodes))("documents the RSP code %s", (code) => {
    expect(readme).toContain(`| \`${code}\``);
  });

  it.each(Object.entries(eimSandboxStatuses).map(([status, [name]]) => ({ status, name })))(
    "documents the eIM status $status ($name)",
    ({ status, name }) => {
      expect(readme).toMatch(new RegExp(`\\| \`${status}\`\\s*\\| \`${name}\``));
    },
  );
});
