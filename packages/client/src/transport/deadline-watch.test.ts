import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { createDeadlineWatch } from "./deadline-watch.ts";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("createDeadlineWatch", () => {
  it("expires each watched deadline once it has passed, and not before", async () => {
    const watch = createDeadlineWatch();
    const expired: string[] = [];
    const start = Date.now();
    watch.watch(start + 60, () => expired.push("later"));
    watch.watch(start + 20, () => expired.push("earlier"));
    await pause(5);
    expect(expired).toEqual([]);
    await pause(40);
    expect(expired).toEqual(["earlier"]);
    await pause(40);
    expect(expired).toEqual(["earlier", "later"]);
  });

  it("does not expire a deadline that is no longer watched", async () => {
    const watch = createDeadlineWatch();
    const expired: string[] = [];
    const unwatch = watch.watch(Date.now() + 15, () => expired.push("first"));
    watch.watch(Date.now() + 30, () => expired.push("second"));
    unwatch();
    await pause(60);
    expect(expired).toEqual(["second"]);
  });

  it("watches a deadline added after the timer was armed for a later one", async () => {
    const watch = createDeadlineWatch();
    const expired: number[] = [];
    watch.watch(Date.now() + 10_000, () => expired.push(10_000));
    const start = Date.now();
    watch.watch(start + 20, () => expired.push(Date.now() - start));
    await pause(60);
    expect(expired).toHaveLength(1);
    expect(expired[0]).toBeGreaterThanOrEqual(19);
  });

  it("does not keep a finished program alive for a deadline still watched", async () => {
    const module = fileURLToPath(new URL("./deadline-watch.ts", import.meta.url));
    const script = `
      const { createDeadlineWatch } = await import(${JSON.stringify(module)});
      createDeadlineWatch().watch(Date.now() + 60_000, () => {});
      console.log("done");
    `;
    const started = Date.now();
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--input-type=module", "-e", script],
      { timeout: 20_000 },
    );
    expect(stdout.trim()).toBe("done");
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
