import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCliForTest } from "../../test/run-cli.ts";
import { tempDir } from "../../test/test-io.ts";

// --config (a settings file) beside --config-name (a platform configuration), and --profile
// (a settings profile) beside the `profile` commands (eSIM profiles).

const hint = "did you mean --config-name templateRegular01? (--config names a settings file)";
const sim = JSON.stringify({
  iccid: "89860468152080349618",
  imsi: "460001234567890",
  ki: "00112233445566778899AABBCCDDEEFF",
});

describe("--config NAME where --config-name NAME was meant", () => {
  it("ends the missing --config-name error of ac generate-batch with a hint (exit 2)", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "sims.jsonl"), `${sim}\n`);
    const run = await runCliForTest(
      [
        ...["ac", "generate-batch", "--config", "templateRegular01"],
        ...["--input", "sims.jsonl", "--out", "run1"],
      ],
      { cwd: dir },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--config-name NAME is required; ${hint}`);
  });

  it("ends the invalid request of ac generate with the same hint (exit 2)", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "sim.json"), sim);
    const run = await runCliForTest(
      ["ac", "generate", "--config", "templateRegular01", "--input", "sim.json", "--out", "ac"],
      { cwd: dir },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /configName: is required; did you mean --config-name templateRegular01\?/,
    );
  });

  it("says it for a command without --config-name when no such file exists (exit 3)", async () => {
    const run = await runCliForTest(
      ["profile", "detail", "89860468152080349618", "--config", "templateRegular01"],
      { cwd: tempDir() },
    );
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/no config file .*templateRegular01; did you mean --config-name/);
  });

  it("gives no hint when --config names a path", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "sims.jsonl"), `${sim}\n`);
    const both = await runCliForTest(
      ["ac", "generate-batch", "--config", "conf/x.json", "--input", "sims.jsonl", "--out", "r"],
      { cwd: dir },
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--config-name NAME is required");
    expect(both.stderr).not.toContain("did you mean");
  });

  it("does not repeat a value that reads like a secret", async () => {
    const run = await runCliForTest(
      ["profile", "detail", "89860468152080349618", "--config", "3f9a8b7c6d5e4f3a"],
      { cwd: tempDir() },
    );
    expect(run.stderr).toContain("did you mean --config-name? (--config names a settings file)");
    expect(run.stderr).not.toMatch(/--config-name 3f9a/);
  });
});

describe("--config-file and --settings-profile", () => {
  it("are --config and --profile under names that say what they choose", async () => {
    const dir = tempDir();
    const path = join(dir, "settings");
    writeFileSync(path, JSON.stringify({ profiles: { lab: { baseUrl: "https://lab.example" } } }));
    chmodSync(path, 0o600);
    const run = await runCliForTest(
      ["config", "show", "--config-file", path, "--settings-profile", "lab", "--json"],
      { cwd: dir },
    );
    expect(run.code, run.stderr).toBe(0);
    const { result } = JSON.parse(run.stdout);
    expect(result.configFile).toMatchObject({ path, exists: true, by: "--config" });
    expect(result.profile).toMatchObject({ name: "lab", found: true, by: "--profile" });
    expect(result.products.eim.settings.baseUrl.value).toBe("https://lab.example");
  });

  it("count as the option they name when both are given", async () => {
    const run = await runCliForTest(["config", "show", "--config", "a.json", "--config-file", "b"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--config-file is given more than once");
  });
});
