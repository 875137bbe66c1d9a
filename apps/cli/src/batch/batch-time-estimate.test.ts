import { describe, expect, it } from "vitest";
import { defaultPollBackoff } from "./backoff.ts";
import { BatchTimeEstimate } from "./batch-time-estimate.ts";

describe("BatchTimeEstimate", () => {
  it("grows by half from the first wait while no batch has completed", () => {
    const estimate = new BatchTimeEstimate(defaultPollBackoff);
    expect(estimate.known).toBe(false);
    expect([0, 1, 2, 3].map((attempt) => estimate.delayMs(attempt, 1))).toEqual([
      1000, 1500, 2250, 3375,
    ]);
    expect(estimate.delayMs(20, 1)).toBe(30_000);
  });

  it("polls a little before the batch time learnt, then at growing tenths of it", () => {
    const estimate = new BatchTimeEstimate(defaultPollBackoff);
    // Seen PROCESSING at 9 s and COMPLETE at 11 s: the batch took about 10 s.
    estimate.observe(11_000, 9_000);
    expect(estimate.known).toBe(true);
    const random = 0.5; // no spread
    expect(estimate.delayMs(0, random)).toBe(8000);
    expect(estimate.delayMs(1, random)).toBe(1000);
    expect(estimate.delayMs(2, random)).toBe(1500);
    // A later batch moves the estimate by a third of the difference.
    estimate.observe(20_000, undefined);
    expect(estimate.delayMs(0, random)).toBe(Math.round(0.8 * (0.7 * 10_000 + 0.3 * 20_000)));
  });

  it("never waits longer than the longest wait", () => {
    const estimate = new BatchTimeEstimate(defaultPollBackoff);
    estimate.observe(600_000, 599_000);
    expect(estimate.delayMs(0, 0.99)).toBeLessThanOrEqual(30_000);
    expect(estimate.delayMs(5, 0.99)).toBeLessThanOrEqual(30_000);
  });
});
