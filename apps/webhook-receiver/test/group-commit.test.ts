import { describe, expect, it } from "vitest";
import { createGroupCommit } from "../src/group-commit.ts";

describe("createGroupCommit", () => {
  it("hands the writes of one turn over as one group, answering each with its own result", async () => {
    const groups: number[][] = [];
    const commit = createGroupCommit<number, string>((items) => {
      groups.push([...items]);
      return items.map((item) => `wrote ${item}`);
    });
    const first = await Promise.all([commit.write(1), commit.write(2), commit.write(3)]);
    const second = await commit.write(4);
    expect(first).toEqual(["wrote 1", "wrote 2", "wrote 3"]);
    expect(second).toBe("wrote 4");
    expect(groups).toEqual([[1, 2, 3], [4]]);
  });

  it("fails every write of a group that failed, and only those", async () => {
    let calls = 0;
    const commit = createGroupCommit<number, number>((items) => {
      calls++;
      if (calls === 1) throw new Error("disk full");
      return [...items];
    });
    const failed = await Promise.allSettled([commit.write(1), commit.write(2)]);
    expect(failed.map((outcome) => outcome.status)).toEqual(["rejected", "rejected"]);
    expect(await commit.write(3)).toBe(3);
  });

  it("writes what is queued on flush, before the turn ends", async () => {
    const groups: number[][] = [];
    const commit = createGroupCommit<number, number>((items) => {
      groups.push([...items]);
      return [...items];
    });
    const pending = commit.write(7);
    commit.flush();
    expect(groups).toEqual([[7]]);
    expect(await pending).toBe(7);
    // The turn's own flush finds nothing left to write.
    await new Promise((resolve) => setImmediate(resolve));
    expect(groups).toEqual([[7]]);
  });
});
