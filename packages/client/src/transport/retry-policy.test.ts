import { describe, expect, it } from "vitest";
import { type AttemptFailure, isSafeToRetry } from "../errors/attempt-failure.ts";
import { parseRetryAfter } from "./retry-after.ts";
import { createRetryBudget } from "./retry-budget.ts";
import { backoffDelay, decideRetry, resolveRetryPolicy } from "./retry-policy.ts";

describe("isSafeToRetry", () => {
  const http = (status: number): AttemptFailure => ({ kind: "http", status, retryAfterMs: null });
  it.each<[string, AttemptFailure, boolean, boolean]>([
    ["refused before sending", { kind: "not-sent" }, true, true],
    ["a lost connection", { kind: "connection-lost" }, true, false],
    ["an attempt timeout", { kind: "timeout", scope: "attempt" }, true, false],
    ["the total timeout", { kind: "timeout", scope: "total" }, false, false],
    ["an abort", { kind: "aborted" }, false, false],
    ["a redirect", { kind: "redirect", redirect: { httpStatus: 307, origin: null } }, false, false],
    ["429", http(429), true, true],
    ["500", http(500), true, false],
    ["503", http(503), true, false],
    ["400", http(400), false, false],
    ["401", http(401), false, false],
  ])("after %s: read-only %s, changing state %s", (_name, failure, readOnly, changing) => {
    expect(isSafeToRetry(failure, true)).toBe(readOnly);
    expect(isSafeToRetry(failure, false)).toBe(changing);
  });
});

describe("backoffDelay", () => {
  it("doubles the ceiling per retry up to the maximum, with full jitter", () => {
    const top = resolveRetryPolicy({ baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.999999 });
    expect([1, 2, 3, 4, 5].map((retry) => backoffDelay(top, retry))).toEqual([
      99, 199, 399, 799, 999,
    ]);
    const bottom = resolveRetryPolicy({ baseDelayMs: 100, random: () => 0 });
    expect(backoffDelay(bottom, 3)).toBe(0);
  });
});

describe("decideRetry", () => {
  const failure: AttemptFailure = { kind: "http", status: 503, retryAfterMs: null };

  it("stops at maxAttempts", () => {
    const policy = resolveRetryPolicy({ maxAttempts: 2, random: () => 0 });
    expect(decideRetry(policy, failure, true, 1)).toEqual({ retry: true, delayMs: 0 });
    expect(decideRetry(policy, failure, true, 2)).toEqual({ retry: false });
  });

  it("waits what Retry-After asks, up to the cap", () => {
    const policy = resolveRetryPolicy({ maxRetryAfterMs: 2000 });
    const after = (ms: number): AttemptFailure => ({ kind: "http", status: 429, retryAfterMs: ms });
    expect(decideRetry(policy, after(1500), false, 1)).toEqual({ retry: true, delayMs: 1500 });
    expect(decideRetry(policy, after(2500), false, 1)).toEqual({ retry: false });
  });

  it("spends the budget and refuses once it is empty", () => {
    const budget = createRetryBudget({ capacity: 2, refillPerSuccess: 0.5 });
    const policy = resolveRetryPolicy({ budget, maxAttempts: 10 });
    expect(decideRetry(policy, failure, true, 1).retry).toBe(true);
    expect(decideRetry(policy, failure, true, 1).retry).toBe(true);
    expect(decideRetry(policy, failure, true, 1).retry).toBe(false);
    budget.recordSuccess();
    budget.recordSuccess();
    expect(decideRetry(policy, failure, true, 1).retry).toBe(true);
  });

  it("does not retry, nor spend the budget, when the wait would outlast the call", () => {
    const budget = createRetryBudget({ capacity: 1 });
    const policy = resolveRetryPolicy({ budget, random: () => 0.999 });
    expect(decideRetry(policy, failure, true, 1, 100)).toEqual({ retry: false });
    expect(budget.available).toBe(1);
    expect(decideRetry(policy, failure, true, 1, 1_000).retry).toBe(true);
  });

  it("does not spend the budget on what may not be retried", () => {
    const budget = createRetryBudget({ capacity: 1 });
    decideRetry(resolveRetryPolicy({ budget }), failure, false, 1);
    expect(budget.available).toBe(1);
  });

  it("rejects a maxAttempts below 1", () => {
    expect(() => resolveRetryPolicy({ maxAttempts: 0 })).toThrow(TypeError);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  it.each([
    ["120", 120_000],
    [" 0 ", 0],
    ["Thu, 01 Jan 2026 00:00:30 GMT", 30_000],
    ["Wed, 31 Dec 2025 23:59:00 GMT", 0],
    ["soon", null],
    [null, null],
  ])("reads %j as %j ms", (header, want) => {
    expect(parseRetryAfter(header, now)).toBe(want);
  });
});
