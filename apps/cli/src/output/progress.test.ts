import { describe, expect, it } from "vitest";
import { MemorySink } from "../../test/test-io.ts";
import { createStyle } from "../core/terminal.ts";
import { createProgress, formatDuration } from "./progress.ts";

describe("createProgress", () => {
  it("prints plain lines at every 10 % off a terminal", () => {
    const sink = new MemorySink(false);
    let now = 0;
    const progress = createProgress({
      total: 100,
      alreadySettled: 0,
      sink,
      style: createStyle(false),
      now: () => now,
    });
    for (let settled = 1; settled <= 100; settled += 1) {
      now += 1000;
      progress.update({ settled, sending: 0, processing: 0 });
    }
    progress.finish({ settled: 100, sending: 0, processing: 0 });
    const lines = sink.text.trimEnd().split("\n");
    expect(lines[0]).toBe("progress: 1/100 done (1%) · ETA 1m 39s");
    expect(lines).toContain("progress: 50/100 done (50%) · ETA 50s");
    expect(lines.at(-1)).toBe("progress: 100/100 done (100%)");
    expect(lines.length).toBeLessThanOrEqual(12);
    expect(sink.text).not.toContain("\u001b");
  });

  it("redraws one bar line on a terminal", () => {
    const sink = new MemorySink(true);
    let now = 0;
    const progress = createProgress({
      total: 10,
      alreadySettled: 0,
      sink,
      style: createStyle(false),
      now: () => now,
    });
    now = 2000;
    progress.update({ settled: 5, sending: 1, processing: 2 });
    progress.finish({ settled: 10, sending: 0, processing: 0 });
    expect(sink.text).toContain(
      "\r\u001b[2K████████████░░░░░░░░░░░░ 5/10 done (50%) · 2 processing · 1 sending · ETA 2s",
    );
    expect(sink.text.endsWith("10/10 done (100%)\n")).toBe(true);
  });
});

describe("formatDuration", () => {
  const cases = [
    { ms: 0, want: "0s" },
    { ms: 12_400, want: "12s" },
    { ms: 185_000, want: "3m 05s" },
    { ms: 3_720_000, want: "1h 02m" },
  ];
  it.each(cases)("renders $ms ms as $want", ({ ms, want }) => {
    expect(formatDuration(ms)).toBe(want);
  });
});
