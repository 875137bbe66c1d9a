import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../test/test-io.ts";
import { GroupSync } from "./group-sync.ts";

describe("GroupSync", () => {
  it("resolves every waiter, sharing fsyncs among those that arrive together", async () => {
    const path = join(tempDir(), "file");
    const fd = openSync(path, "w");
    const group = new GroupSync(fd);
    const waits: Promise<void>[] = [];
    for (let index = 0; index < 50; index += 1) {
      writeSync(fd, `${index}\n`);
      waits.push(group.sync());
    }
    await Promise.all(waits);
    closeSync(fd);
    expect(readFileSync(path, "utf8").split("\n")).toHaveLength(51);
  });

  it("rejects the waiters when the file cannot be flushed", async () => {
    const fd = openSync(join(tempDir(), "file"), "w");
    closeSync(fd);
    await expect(new GroupSync(fd).sync()).rejects.toMatchObject({ code: "EBADF" });
  });
});
