import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FakePlatform } from "./fake-platform.ts";
import { runCliForTest } from "./run-cli.ts";
import { sampleRecords, toCsv } from "./sample-records.ts";
import { tempDir } from "./test-io.ts";

// Every file `ac generate-batch` writes is created exclusively (never through a link planted
// where it goes), 0600, in folders only their owner can write to.

const credentials = {
  HOME: "/nonexistent",
  SIMLESSLY_ACCESS_KEY: "ak",
  SIMLESSLY_SECRET_KEY: "sk",
};
const records = sampleRecords(3);

/** A folder with in.csv (3 records, the last one invalid) and a victim file links point at. */
function setup() {
  const dir = tempDir();
  const invalid = { ...records[2], ki: "not-a-ki" } as Record<string, string>;
  writeFileSync(join(dir, "in.csv"), toCsv([...records.slice(0, 2), invalid]));
  const victim = join(dir, "victim.txt");
  writeFileSync(victim, "untouched\n", { mode: 0o644 });
  chmodSync(victim, 0o644);
  const out = join(dir, "out");
  const args = [
    ...["ac", "generate-batch", "--config-name", "templateRegular01", "--skip-invalid"],
    ...["--input", "in.csv", "--out", out],
  ];
  return { dir, out, victim, args };
}

function expectUntouched(victim: string): void {
  expect(readFileSync(victim, "utf8")).toBe("untouched\n");
  expect(statSync(victim).mode & 0o777).toBe(0o644);
}

function expectPrivateFile(path: string): void {
  const stats = lstatSync(path);
  expect(stats.isFile(), `${path} is a regular file`).toBe(true);
  expect(stats.mode & 0o777).toBe(0o600);
}

describe("files written by ac generate-batch", () => {
  it("replaces a link planted at a QR image or rejected.csv instead of writing through it", async () => {
    const { dir, out, victim, args } = setup();
    mkdirSync(join(out, "qr"), { recursive: true, mode: 0o700 });
    chmodSync(out, 0o700);
    const image = join(out, "qr", `${records[0]?.iccid}.png`);
    symlinkSync(victim, image);
    symlinkSync(victim, join(out, "rejected.csv"));
    const run = await runCliForTest(args, { cwd: dir, env: credentials, api: new FakePlatform() });
    expect(run.code, run.stderr).toBe(0);
    expectUntouched(victim);
    expectPrivateFile(image);
    expectPrivateFile(join(out, "rejected.csv"));
    expect(readFileSync(join(out, "rejected.csv"), "utf8")).toContain("ki,must be 32");
  });

  it("creates every file 0600 and every folder 0700, and leaves no lock behind", async () => {
    const { dir, out, args } = setup();
    const run = await runCliForTest(args, { cwd: dir, env: credentials, api: new FakePlatform() });
    expect(run.code, run.stderr).toBe(0);
    for (const folder of [out, join(out, "qr")]) expect(statSync(folder).mode & 0o777).toBe(0o700);
    const files = [
      ...readdirSync(out).map((name) => join(out, name)),
      ...readdirSync(join(out, "qr")).map((name) => join(out, "qr", name)),
    ].filter((path) => !lstatSync(path).isDirectory());
    expect(files.map((path) => path.slice(out.length + 1)).sort()).toEqual([
      "journal.jsonl",
      `qr/${records[0]?.iccid}.png`,
      `qr/${records[1]?.iccid}.png`,
      "rejected.csv",
      "results.csv",
    ]);
    for (const path of files) expectPrivateFile(path);
  });

  const refused = [
    {
      name: "results.csv",
      plant: (out: string, victim: string) => symlinkSync(victim, join(out, "results.csv")),
      says: /results\.csv is a symbolic link/,
      alsoOnResume: true,
    },
    {
      name: "journal.jsonl",
      plant: (out: string, victim: string) => symlinkSync(victim, join(out, "journal.jsonl")),
      says: /journal\.jsonl is a symbolic link/,
      alsoOnResume: true,
    },
    {
      name: "a dangling results.csv",
      plant: (out: string, victim: string) =>
        symlinkSync(`${victim}.new`, join(out, "results.csv")),
      says: /results\.csv is a symbolic link/,
      alsoOnResume: true,
    },
    {
      name: "qr/",
      plant: (out: string, victim: string) => symlinkSync(join(victim, ".."), join(out, "qr")),
      says: /qr is a symbolic link/,
      alsoOnResume: false,
    },
  ];
  it.each(refused)(
    "refuses a link planted at $name, touching nothing (exit 2)",
    async ({ plant, says, alsoOnResume }) => {
      // A link at a run file is refused on resume too; without a journal a resumed run stops
      // before it reaches qr/.
      for (const resume of alsoOnResume ? [false, true] : [false]) {
        const { dir, out, victim, args } = setup();
        mkdirSync(out, { mode: 0o700 });
        chmodSync(out, 0o700);
        plant(out, victim);
        const before = readdirSync(dir).sort();
        const run = await runCliForTest(resume ? [...args, "--resume"] : args, {
          cwd: dir,
          env: credentials,
          api: new FakePlatform(),
        });
        expect(run.code, run.stderr).toBe(2);
        expect(run.stderr).toMatch(says);
        expectUntouched(victim);
        expect(readdirSync(dir).sort()).toEqual(before);
        expect(readdirSync(out).filter((name) => !name.startsWith(".lock"))).toHaveLength(1);
      }
    },
  );

  it.each([
    { name: "an output folder", folder: (out: string) => out },
    { name: "its qr folder", folder: (out: string) => join(out, "qr") },
  ])(
    "refuses $name that group or others can write to, naming the chmod that fixes it",
    async ({ folder }) => {
      const { dir, out, args } = setup();
      mkdirSync(join(out, "qr"), { recursive: true, mode: 0o700 });
      chmodSync(out, 0o700);
      chmodSync(folder(out), 0o775);
      const run = await runCliForTest(args, {
        cwd: dir,
        env: credentials,
        api: new FakePlatform(),
      });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain(`${folder(out)} can be written by group or others (mode 775)`);
      expect(run.stderr).toContain(`run: chmod go-w '${folder(out)}'`);
    },
  );
});
