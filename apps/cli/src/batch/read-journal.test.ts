import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../test/test-io.ts";
import { chunkDigest } from "./chunk-digest.ts";
import { readJournal } from "./read-journal.ts";

const at = "2026-01-01T00:00:00.000Z";
const start = {
  event: "start",
  v: 1,
  at,
  tool: "simlessly test",
  input: { path: "/in.csv", size: 10, sha256: "0".repeat(64), format: "csv" },
  configName: "c",
  needAcLink: false,
  skipInvalid: false,
  chunkSize: 2,
  records: 6,
};
const iccids = (chunk: number) => [
  `8986046800000000000${chunk * 2}`,
  `8986046800000000000${chunk * 2 + 1}`,
];
const submitting = (chunk: number, attempt = 1) => ({
  event: "submitting",
  at,
  chunk,
  attempt,
  firstLine: 2 + chunk * 2,
  iccids: iccids(chunk),
});

function journal(events: readonly object[], tail = ""): string {
  const path = join(tempDir(), "journal.jsonl");
  writeFileSync(path, events.map((event) => `${JSON.stringify(event)}\n`).join("") + tail);
  return path;
}

describe("readJournal", () => {
  it("gives each chunk its latest state and the end of the settled rows", async () => {
    const state = await readJournal(
      journal([
        start,
        submitting(0),
        submitting(1),
        submitting(2),
        { event: "submitted", at, chunk: 0, batchCode: "B1" },
        {
          event: "completed",
          at,
          chunk: 0,
          batchCode: "B1",
          succeeded: 1,
          failed: 1,
          missing: 0,
          resultsBytes: 120,
        },
        { event: "submitted", at, chunk: 1, batchCode: "B2" },
        { event: "unknown", at, chunk: 2, reason: "timed out" },
      ]),
    );
    expect(state.start.configName).toBe("c");
    expect(state.resultsBytes).toBe(120);
    expect(state.tornTail).toBe(false);
    expect(Object.fromEntries(state.chunks)).toEqual({
      0: {
        state: "completed",
        digest: chunkDigest(iccids(0)),
        batchCode: "B1",
        succeeded: 1,
        failed: 1,
        missing: 0,
        lost: [],
      },
      1: {
        state: "submitted",
        digest: chunkDigest(iccids(1)),
        count: 2,
        attempts: 1,
        uncertain: false,
        batchCode: "B2",
      },
      2: {
        state: "unknown",
        digest: chunkDigest(iccids(2)),
        count: 2,
        attempts: 1,
        uncertain: false,
      },
    });
  });

  it("treats a submission without an answer as still submitting, counting attempts", async () => {
    const state = await readJournal(
      journal([
        start,
        submitting(0),
        { event: "unknown", at, chunk: 0, reason: "x" },
        submitting(0, 2),
      ]),
    );
    expect(state.chunks.get(0)).toEqual({
      state: "submitting",
      digest: chunkDigest(iccids(0)),
      count: 2,
      attempts: 2,
      // Sent again after an unanswered attempt: "already exists" will mean a lost code.
      uncertain: true,
    });
  });

  it("keeps a chunk uncertain through its answer, and takes recovered codes off its lost list", async () => {
    const lost = iccids(0);
    const state = await readJournal(
      journal([
        start,
        submitting(0),
        submitting(0, 2),
        { event: "submitted", at, chunk: 0, batchCode: "B2" },
        {
          event: "completed",
          at,
          chunk: 0,
          batchCode: "B2",
          succeeded: 0,
          failed: 0,
          missing: 0,
          lost,
          resultsBytes: 40,
        },
        {
          event: "recovered",
          at,
          chunk: 0,
          iccid: lost[1],
          outcome: "regenerated",
          resultsBytes: 80,
        },
      ]),
    );
    expect(state.resultsBytes).toBe(80);
    expect(state.chunks.get(0)).toMatchObject({
      state: "completed",
      succeeded: 1,
      failed: 0,
      lost: [lost[0]],
    });
    const submitted = await readJournal(
      journal([
        start,
        submitting(0),
        submitting(0, 2),
        { event: "submitted", at, chunk: 0, batchCode: "B2" },
      ]),
    );
    expect(submitted.chunks.get(0)).toMatchObject({ state: "submitted", uncertain: true });
  });

  it("ignores a torn last line and reports where the whole lines end", async () => {
    const whole = `${JSON.stringify(start)}\n${JSON.stringify(submitting(0))}\n`;
    const state = await readJournal(
      journal([start, submitting(0)], '{"event":"submitted","at":"20'),
    );
    expect(state.tornTail).toBe(true);
    expect(state.validBytes).toBe(Buffer.byteLength(whole));
    expect(state.chunks.get(0)?.state).toBe("submitting");
  });

  const damaged = [
    {
      name: "a damaged line before the last",
      events: [start, "garbage", submitting(0)],
      want: /line 2 is not a journal event/,
    },
    {
      name: "an event of an unknown shape",
      events: [start, { event: "submitted", at, chunk: 0 }],
      want: /line 2 is not a journal event/,
    },
    {
      name: "an answer to a chunk never submitted",
      events: [start, { event: "submitted", at, chunk: 4, batchCode: "B" }],
      want: /chunk 4 was never submitting/,
    },
    {
      name: "a recovered code its chunk never lost",
      events: [
        start,
        submitting(0),
        { event: "submitted", at, chunk: 0, batchCode: "B" },
        {
          event: "completed",
          at,
          chunk: 0,
          batchCode: "B",
          succeeded: 2,
          failed: 0,
          missing: 0,
          resultsBytes: 9,
        },
        {
          event: "recovered",
          at,
          chunk: 0,
          iccid: iccids(0)[0],
          outcome: "regenerated",
          resultsBytes: 19,
        },
      ],
      want: /line 5: ICCID recovered in chunk 0, which lost no such code/,
    },
    {
      name: "a journal that does not begin with start",
      events: [submitting(0)],
      want: /does not begin with a start event/,
    },
  ];
  it.each(damaged)("refuses $name", async ({ events, want }) => {
    const text = events
      .map((event) => `${typeof event === "string" ? event : JSON.stringify(event)}\n`)
      .join("");
    const path = join(tempDir(), "journal.jsonl");
    writeFileSync(path, text);
    await expect(readJournal(path)).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(want),
    });
  });

  it("says there is nothing to resume without a journal", async () => {
    await expect(readJournal(join(tempDir(), "journal.jsonl"))).rejects.toThrow(
      /nothing to resume/,
    );
  });
});
