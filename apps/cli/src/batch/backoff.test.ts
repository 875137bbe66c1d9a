import { describe, expect, it } from "vitest";
import { backoffDelay, defaultPollBackoff } from "./backoff.ts";

describe("backoffDelay", () => {
  const cases = [
    { attempt: 0, random: 0, want: 500 },
    { attempt: 0, random: 0.999, want: 1000 },
    { attempt: 1, random: 0.5, want: 1500 },
    { attempt: 3, random: 0, want: 4000 },
    { attempt: 10, random: 0, want: 15_000 },
    { attempt: 10, random: 1, want: 30_000 },
  ];
  it.each(cases)(
    "waits $want ms before poll $attempt with random $random",
    ({ attempt, random, want }) => {
      expect(backoffDelay(defaultPollBackoff, attempt, random)).toBe(want);
    },
  );
});
