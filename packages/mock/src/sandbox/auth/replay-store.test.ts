import { describe, expect, it } from "vitest";
import { createReplayStore } from "./replay-store.ts";

describe("createReplayStore", () => {
  it("reports an id seen within the tolerance window as a replay", () => {
    let now = 1_000_000;
    const store = createReplayStore({ toleranceMs: 600_000, now: () => now });
    expect(store.seen("a", now)).toBe(false);
    now += 599_000;
    expect(store.seen("a", 1_000_000)).toBe(true);
    expect(store.seen("b", now)).toBe(false);
  });

  it("forgets an id once its timestamp can no longer pass the check", () => {
    let now = 1_000_000;
    const store = createReplayStore({ toleranceMs: 600_000, now: () => now });
    store.seen("a", now);
    now += 600_001;
    // The request would be refused as stale anyway; the id is gone from memory.
    expect(store.seen("c", now)).toBe(false);
    expect(store.size).toBe(1);
  });

  it("keeps an id from the future until its timestamp leaves the window", () => {
    let now = 1_000_000;
    const store = createReplayStore({ toleranceMs: 600_000, now: () => now });
    store.seen("future", now + 500_000);
    now += 1_000_000;
    expect(store.seen("future", 1_500_000)).toBe(true);
  });

  it("never holds more ids than its cap", () => {
    const store = createReplayStore({ toleranceMs: 600_000, now: () => 0, maxEntries: 100 });
    for (let index = 0; index < 1_000; index++) store.seen(`id-${index}`, 0);
    expect(store.size).toBe(100);
    expect(store.seen("id-999", 0)).toBe(true);
  });
});
