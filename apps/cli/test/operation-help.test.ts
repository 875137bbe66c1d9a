import { describe, expect, it } from "vitest";
import { cmpCommandSpecs, eimCommandSpecs, rspCommandSpecs } from "../src/cli/commands.ts";
import { runCliForTest } from "./run-cli.ts";

const specs = [...rspCommandSpecs, ...eimCommandSpecs, ...cmpCommandSpecs];

describe("help of the operation commands", () => {
  it.each(specs.map((spec) => [spec.path.join(" ")]))("simlessly %s --help", async (path) => {
    const result = await runCliForTest([...path.split(" "), "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: simlessly ${path} `);
    expect(result.stdout).toContain("Examples:");
    expect(result.stdout).toContain("Exit codes:");
  });

  it("lists every command in the top-level help", async () => {
    const result = await runCliForTest(["--help"]);
    for (const spec of specs) expect(result.stdout).toContain(spec.path.join(" "));
  });

  it("refuses a secret given as a flag before loading any command code", async () => {
    const result = await runCliForTest([
      "ac",
      "generate",
      "--ki",
      "6BE2053E6BE2053E6BE2053E6BE2053E",
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option --ki");
    expect(result.stderr).not.toContain("6BE2053E");
  });

  it("needs credentials (exit 3) only once the input is valid", async () => {
    const missing = await runCliForTest(["profile", "detail", "89860468152080349618"]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain("missing RSP credentials");
    const invalid = await runCliForTest(["profile", "detail", "8986"]);
    expect(invalid.code).toBe(2);
  });
});
