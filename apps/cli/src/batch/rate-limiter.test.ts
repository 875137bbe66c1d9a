import { describe, expect, it } from "vitest";
import { instantClock } from "../../test/test-io.ts";
import { parseRate, RateLimiter } from "./rate-limiter.ts";

describe("parseRate", () => {
  const cases = [
    { given: "10", want: 10 },
    { given: "10/s", want: 10 },
    { given: "0.5/s", want: 0.5 },
    { given: "300/m", want: 5 },
    { given: "0", want: undefined },
    { given: "-3", want: undefined },
    { given: "fast", want: undefined },
  ];
  it.each(cases)("reads $given as $want per second", ({ given, want }) => {
    expect(parseRate(given)).toBe(want);
  });
});

describe("RateLimiter", () => {
  it("allows a burst of one second's tokens, then one token per 1/rate seconds", async () => {
    const clock = instantClock(0);
    const limiter = new RateLimiter(2, clock);
    const times: number[] = [];
    for (let index = 0; index < 6; index += 1) {
      await limiter.take();
      times.push(clock.now());
    }
    expect(times).toEqual([0, 0, 500, 1000, 1500, 2000]);
  });

  it("never lets more than rate × seconds + burst through", async () => {
    const clock = instantClock(0);
    const limiter = new RateLimiter(5, clock);
    await Promise.all(Array.from({ length: 50 }, () => limiter.take()));
    // 5 in the first burst, then 45 more at 5 per second.
    expect(clock.now()).toBe(9000);
  });
});
