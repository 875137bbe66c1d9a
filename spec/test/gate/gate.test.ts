// The gate end to end on fixtures: released documents in a folder (or at a git tag), the
// spec's documents in another, pending changesets and package versions of their own.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { gateOptions } from "../../scripts/gate/cli.ts";
import { runGate } from "../../scripts/gate/gate.ts";
import { fixtureDocument, type Json } from "./fixture.ts";

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function workspace(options: { head: Json; changesets?: Record<string, string>; version?: string }) {
  const root = mkdtempSync(join(tmpdir(), "contract-gate-test-"));
  folders.push(root);
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write("base/rsp.json", JSON.stringify(fixtureDocument()));
  write("spec/rsp.json", JSON.stringify(options.head));
  write(".changeset/README.md", "# Changesets\n");
  for (const [name, text] of Object.entries(options.changesets ?? {}))
    write(`.changeset/${name}`, text);
  for (const name of ["contract", "client"]) {
    write(`packages/${name}/package.json`, JSON.stringify({ version: options.version ?? "0.1.0" }));
  }
  return {
    root,
    options: {
      specDirectory: join(root, "spec"),
      changesetDirectory: join(root, ".changeset"),
      packagesDirectory: join(root, "packages"),
      explicit: join(root, "base"),
    },
  };
}

const changeset = (bumps: Record<string, string>) =>
  `---\n${Object.entries(bumps)
    .map(([name, bump]) => `"${name}": ${bump}`)
    .join("\n")}\n---\n\nWhat changed.\n`;

/** The released fixture with `kind` newly required in the request: a breaking change. */
function breakingHead(): Json {
  const head = fixtureDocument();
  head.components.schemas.ProfileQuery.required.push("kind");
  return head;
}

/** The released fixture with an optional answer field: an addition. */
function additiveHead(): Json {
  const head = fixtureDocument();
  head.components.schemas.ProfileAnswer.properties.eid = { type: "string" };
  return head;
}

describe("a breaking change", () => {
  it("fails without a changeset, naming the change and the bumps it needs", async () => {
    const { options } = workspace({ head: breakingHead() });
    const result = await runGate(options);
    expect(result.ok).toBe(false);
    expect(result.report).toContain(
      "rsp POST /api/v1/profile/detail request application/json.kind: field newly required",
    );
    expect(result.report).toContain('MISSING: a changeset with "@simlessly/contract": minor');
    expect(result.report).toContain('MISSING: a changeset with "@simlessly/client": minor');
  });

  it("fails when only the contract is bumped", async () => {
    const { options } = workspace({
      head: breakingHead(),
      changesets: { "a.md": changeset({ "@simlessly/contract": "minor" }) },
    });
    const result = await runGate(options);
    expect(result.ok).toBe(false);
    expect(result.report).toContain('MISSING: a changeset with "@simlessly/client": minor');
    expect(result.report).not.toContain('MISSING: a changeset with "@simlessly/contract"');
  });

  it("fails with patch bumps, which a caret range below 1.0.0 takes in", async () => {
    const bumps = { "@simlessly/contract": "patch", "@simlessly/client": "patch" };
    const { options } = workspace({
      head: breakingHead(),
      changesets: { "a.md": changeset(bumps) },
    });
    expect((await runGate(options)).ok).toBe(false);
  });

  it("passes with a minor changeset for the contract and the client (below 1.0.0)", async () => {
    const changesets = {
      "a.md": changeset({ "@simlessly/contract": "minor" }),
      "b.md": changeset({ "@simlessly/client": "minor", "@simlessly/cli": "patch" }),
    };
    const result = await runGate(workspace({ head: breakingHead(), changesets }).options);
    expect(result.report).toContain('ok: a changeset with "@simlessly/client": minor');
    expect(result.ok).toBe(true);
  });

  it("needs major from 1.0.0 on", async () => {
    const minor = {
      "a.md": changeset({ "@simlessly/contract": "minor", "@simlessly/client": "minor" }),
    };
    expect(
      (
        await runGate(
          workspace({ head: breakingHead(), changesets: minor, version: "1.2.0" }).options,
        )
      ).ok,
    ).toBe(false);
    const major = {
      "a.md": changeset({ "@simlessly/contract": "major", "@simlessly/client": "major" }),
    };
    expect(
      (
        await runGate(
          workspace({ head: breakingHead(), changesets: major, version: "1.2.0" }).options,
        )
      ).ok,
    ).toBe(true);
  });
});

describe("an addition", () => {
  it("fails without a changeset for the contract", async () => {
    const result = await runGate(workspace({ head: additiveHead() }).options);
    expect(result.ok).toBe(false);
    expect(result.report).toContain('MISSING: a changeset with "@simlessly/contract": patch');
    expect(result.report).not.toContain("@simlessly/client");
  });

  it("passes with a minor one", async () => {
    const changesets = { "a.md": changeset({ "@simlessly/contract": "minor" }) };
    expect((await runGate(workspace({ head: additiveHead(), changesets }).options)).ok).toBe(true);
  });
});

it("passes a text-only change without a changeset", async () => {
  const head = fixtureDocument();
  head.paths["/api/v1/profile/detail"].post.description = "Reads one profile.";
  const result = await runGate(workspace({ head }).options);
  expect(result.ok).toBe(true);
  expect(result.report).toContain("needs no changeset");
});

it("passes with a note when nothing was released", async () => {
  const { options } = workspace({ head: breakingHead() });
  // A folder that is no git checkout has no release tag to compare with.
  const result = await runGate({ ...options, explicit: undefined });
  expect(result.ok).toBe(true);
  expect(result.report).toContain("no release of @simlessly/contract yet");
});

it("compares with the spec at the newest release tag", async () => {
  const { root, options } = workspace({ head: fixtureDocument() });
  const git = (...args: string[]) =>
    execFileSync(
      "git",
      ["-C", root, "-c", "user.name=gate", "-c", "user.email=gate@example.com", ...args],
      { stdio: "pipe" },
    );
  git("init", "--quiet");
  git("add", "spec/rsp.json");
  git("commit", "--quiet", "-m", "release");
  git("tag", "@simlessly/contract@0.1.0");
  git("tag", "@simlessly/contract@0.0.9");
  writeFileSync(join(root, "spec/rsp.json"), JSON.stringify(breakingHead()));
  const result = await runGate({ ...options, explicit: undefined });
  expect(result.report).toContain("compared with @simlessly/contract@0.1.0");
  expect(result.report).toContain("field newly required");
  expect(result.ok).toBe(false);
});

it("takes the base from --base, else from CONTRACT_GATE_BASE", () => {
  expect(gateOptions(["--base", "/tmp/a"], { CONTRACT_GATE_BASE: "/tmp/b" }).explicit).toBe(
    "/tmp/a",
  );
  expect(gateOptions([], { CONTRACT_GATE_BASE: "/tmp/b" }).explicit).toBe("/tmp/b");
  expect(gateOptions([], {}).explicit).toBeUndefined();
  expect(gateOptions(["--registry"], {}).registry).toBe(true);
});
