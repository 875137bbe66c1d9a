import { describe, expect, it } from "vitest";
import { Semaphore } from "./semaphore.ts";

describe("Semaphore", () => {
  it("lets at most `limit` holders in and serves waiters in order", async () => {
    const semaphore = new Semaphore(2);
    const order: number[] = [];
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 6 }, async (_, index) => {
        await semaphore.acquire();
        active += 1;
        peak = Math.max(peak, active);
        order.push(index);
        await new Promise((resolve) => setTimeout(resolve, 1));
        active -= 1;
        semaphore.release();
      }),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(semaphore.held).toBe(0);
  });
});
