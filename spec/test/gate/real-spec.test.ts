// The gate on this repository's spec, changesets and versions: every `pnpm test` runs it.
import { expect, it } from "vitest";
import { classify } from "../../scripts/gate/classify.ts";
import { gateOptions } from "../../scripts/gate/cli.ts";
import { loadFromDirectory } from "../../scripts/gate/documents.ts";
import { runGate } from "../../scripts/gate/gate.ts";

it("passes: every change since the last release has its changeset", async () => {
  const result = await runGate(gateOptions([], process.env));
  console.log(result.report);
  expect(result.ok, result.report).toBe(true);
});

it("finds no change between the bundled documents and freshly bundled sources", async () => {
  const options = gateOptions([], {});
  const [bundled, sources] = await Promise.all([
    loadFromDirectory(new URL("../../dist", import.meta.url).pathname),
    loadFromDirectory(options.specDirectory),
  ]);
  expect(Object.keys(sources)).toEqual(["rsp", "eim", "cmp"]);
  expect(classify(bundled, sources)).toEqual([]);
}, 30_000);
