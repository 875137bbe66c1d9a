import { describe, expect, it } from "vitest";
import { createTokenCache, lifetimeMs } from "./token-cache.ts";

describe("lifetimeMs", () => {
  it.each([
    ["3600", 3_600_000],
    [" 60 ", 60_000],
    [120, 120_000],
    ["", 0],
    ["soon", 0],
    ["-5", 0],
  ])("reads expireIn %j as %j ms", (given, want) => {
    expect(lifetimeMs(given)).toBe(want);
  });
});

describe("createTokenCache", () => {
  const setup = (expireIn: string) => {
    let now = 0;
    let issued = 0;
    const seen: string[] = [];
    const cache = createTokenCache({
      now: () => now,
      refreshMarginMs: 10_000,
      requestToken: async () => ({ token: `t${++issued}`, expireIn }),
      onToken: (token) => seen.push(token),
    });
    return { cache, seen, advance: (ms: number) => (now += ms), issued: () => issued };
  };

  it("renews the margin before expiry, not before", async () => {
    const { cache, advance } = setup("100");
    expect(await cache.get()).toBe("t1");
    advance(89_999);
    expect(await cache.get()).toBe("t1");
    advance(1);
    expect(await cache.get()).toBe("t2");
  });

  it("renews at half the lifetime when the margin is longer", async () => {
    const { cache, advance } = setup("10");
    await cache.get();
    advance(5_000);
    expect(await cache.get()).toBe("t2");
  });

  it("asks once for concurrent callers", async () => {
    const { cache, issued, seen } = setup("3600");
    await Promise.all([cache.get(), cache.get(), cache.get()]);
    expect(issued()).toBe(1);
    expect(seen).toEqual(["t1"]);
  });

  it("forgets a refused token, but not a newer one", async () => {
    const { cache } = setup("3600");
    await cache.get();
    cache.invalidate("t0");
    expect(await cache.get()).toBe("t1");
    cache.invalidate("t1");
    expect(await cache.get()).toBe("t2");
  });

  it("asks again after a failed request", async () => {
    let calls = 0;
    const cache = createTokenCache({
      requestToken: async () => {
        calls += 1;
        if (calls === 1) throw new Error("down");
        return { token: "ok", expireIn: "60" };
      },
    });
    await expect(cache.get()).rejects.toThrow("down");
    await expect(cache.get()).resolves.toBe("ok");
  });
});
