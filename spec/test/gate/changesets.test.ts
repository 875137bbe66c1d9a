import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { parseFrontMatter, readPendingBumps } from "../../scripts/gate/changesets.ts";
import { bumpFor } from "../../scripts/gate/policy.ts";

it("reads quoted and unquoted package names", () => {
  const text = `---\n"@simlessly/contract": minor\n'@simlessly/client': patch\nplain: major\n---\n\nText: not front matter.\n`;
  expect([...parseFrontMatter(text, "a.md")]).toEqual([
    ["@simlessly/contract", "minor"],
    ["@simlessly/client", "patch"],
    ["plain", "major"],
  ]);
});

it("refuses a changeset it cannot read rather than counting it as no bump", () => {
  expect(() => parseFrontMatter("no front matter", "a.md")).toThrow(/a\.md: no front matter/);
  expect(() => parseFrontMatter('---\n"@simlessly/contract": huge\n---\n', "a.md")).toThrow(
    /cannot read/,
  );
});

it("keeps each package's largest bump and the files asking for it, skipping the README", () => {
  const directory = mkdtempSync(join(tmpdir(), "changesets-"));
  try {
    writeFileSync(join(directory, "README.md"), "---\nnot: a changeset\n---\n");
    writeFileSync(join(directory, "a.md"), '---\n"@simlessly/contract": patch\n---\n');
    writeFileSync(join(directory, "b.md"), '---\n"@simlessly/contract": minor\n---\n');
    writeFileSync(
      join(directory, "c.md"),
      '---\n"@simlessly/contract": minor\n"@simlessly/client": patch\n---\n',
    );
    const pending = readPendingBumps(directory);
    expect(pending.get("@simlessly/contract")).toEqual({ bump: "minor", files: ["b.md", "c.md"] });
    expect(pending.get("@simlessly/client")).toEqual({ bump: "patch", files: ["c.md"] });
    expect(pending.has("not")).toBe(false);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

it.each([
  ["breaking", "0.1.0", "minor"],
  ["breaking", "1.0.0", "major"],
  ["minor", "0.9.3", "patch"],
  ["minor", "2.1.0", "minor"],
  ["patch", "0.1.0", "none"],
] as const)("a %s change at %s needs %s", (level, version, bump) => {
  expect(bumpFor(level, version)).toBe(bump);
});
