import { describe, expect, it } from "vitest";
import { inBatches, oneByOne } from "./batches.ts";

async function* items(count: number, failAfter?: number) {
  for (let item = 1; item <= count; item += 1) {
    if (item === failAfter) throw new Error(`failed at ${item}`);
    yield item;
  }
}

async function collect<T>(source: AsyncIterable<T>): Promise<{ got: T[]; error?: string }> {
  const got: T[] = [];
  try {
    for await (const value of source) got.push(value);
  } catch (error) {
    return { got, error: (error as Error).message };
  }
  return { got };
}

describe("inBatches", () => {
  it("groups items in order, the last batch holding the rest, never an empty one", async () => {
    expect(await collect(inBatches(items(7), 3))).toEqual({ got: [[1, 2, 3], [4, 5, 6], [7]] });
    expect(await collect(inBatches(items(6), 3))).toEqual({
      got: [
        [1, 2, 3],
        [4, 5, 6],
      ],
    });
    expect(await collect(inBatches(items(0), 3))).toEqual({ got: [] });
  });

  it("hands out the items before an error, then the error", async () => {
    expect(await collect(inBatches(items(9, 6), 2))).toEqual({
      got: [[1, 2], [3, 4], [5]],
      error: "failed at 6",
    });
  });
});

describe("oneByOne", () => {
  it("gives back the items of the batches in order", async () => {
    expect(await collect(oneByOne(inBatches(items(5), 2)))).toEqual({ got: [1, 2, 3, 4, 5] });
  });
});
