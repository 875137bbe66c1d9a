import { describe, expect, it } from "vitest";
import { createClock } from "./clock.ts";

const local = Date.parse("2026-05-01T12:00:00.000Z");

describe("createClock", () => {
  it("adopts the server's time when the Date header is off by more than its resolution", () => {
    const clock = createClock({ now: () => local, correctSkew: true });
    const serverDate = new Date(local + 3_600_000).toUTCString();
    expect(clock.observe(serverDate, local - 20, local)).not.toBeNull();
    expect(Math.abs(clock.now() - (local + 3_600_000))).toBeLessThanOrEqual(1_000);
  });

  it("ignores differences within the header's one-second resolution", () => {
    const clock = createClock({ now: () => local, correctSkew: true });
    expect(clock.observe(new Date(local).toUTCString(), local - 10, local)).toBeNull();
    expect(clock.now()).toBe(local);
  });

  it("changes nothing with correction off or without a readable header", () => {
    const off = createClock({ now: () => local });
    expect(off.observe(new Date(local + 3_600_000).toUTCString(), local, local)).toBeNull();
    const on = createClock({ now: () => local, correctSkew: true });
    expect(on.observe("yesterday-ish", local, local)).toBeNull();
    expect(on.observe(null, local, local)).toBeNull();
    expect(off.now() + on.now()).toBe(2 * local);
  });

  it("does not drift once corrected", () => {
    const clock = createClock({ now: () => local, correctSkew: true });
    const serverDate = new Date(local - 120_000).toUTCString();
    clock.observe(serverDate, local, local);
    const offset = clock.offsetMs;
    expect(clock.observe(serverDate, local, local)).toBeNull();
    expect(clock.offsetMs).toBe(offset);
  });
});
