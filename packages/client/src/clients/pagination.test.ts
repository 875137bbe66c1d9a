import { describe, expect, it } from "vitest";
import { lastPageNumber, paginate } from "./pagination.ts";

interface Page {
  items: number[];
  pageParam: { total?: number };
}

const pagesOf = (items: number[], withTotal: boolean) => {
  const asked: number[] = [];
  const fetchPage = async ({ pageNum, pageSize }: { pageNum: number; pageSize: number }) => {
    asked.push(pageNum);
    const start = (pageNum - 1) * pageSize;
    return {
      items: items.slice(start, start + pageSize),
      pageParam: withTotal ? { total: items.length } : {},
    };
  };
  return { asked, fetchPage };
};

async function collect(generator: AsyncGenerator<Page>): Promise<number[][]> {
  const pages: number[][] = [];
  for await (const page of generator) pages.push(page.items);
  return pages;
}

describe("paginate", () => {
  it("stops at a short page", async () => {
    const { asked, fetchPage } = pagesOf([1, 2, 3, 4, 5], false);
    expect(await collect(paginate(fetchPage, (page) => page.items, { pageSize: 2 }))).toEqual([
      [1, 2],
      [3, 4],
      [5],
    ]);
    expect(asked).toEqual([1, 2, 3]);
  });

  it("stops at the total without asking for an empty page", async () => {
    const { asked, fetchPage } = pagesOf([1, 2, 3, 4], true);
    await collect(paginate(fetchPage, (page) => page.items, { pageSize: 2 }));
    expect(asked).toEqual([1, 2]);
  });

  it("stops at an empty page when no total is given", async () => {
    const { asked, fetchPage } = pagesOf([1, 2, 3, 4], false);
    expect(await collect(paginate(fetchPage, (page) => page.items, { pageSize: 2 }))).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(asked).toEqual([1, 2, 3]);
  });

  it("starts where asked", async () => {
    const { fetchPage } = pagesOf([1, 2, 3, 4], true);
    expect(
      await collect(paginate(fetchPage, (page) => page.items, { pageSize: 2, startPage: 2 })),
    ).toEqual([[3, 4]]);
  });

  it("never asks past the contract's last page", async () => {
    let asked = 0;
    const endless = async ({ pageNum }: { pageNum: number }): Promise<Page> => {
      asked = pageNum;
      return { items: [pageNum], pageParam: {} };
    };
    await collect(
      paginate(endless, (page) => page.items, { pageSize: 1, startPage: lastPageNumber - 1 }),
    );
    expect(asked).toBe(lastPageNumber);
  });

  it("refuses a page size outside 1-1000", async () => {
    const { fetchPage } = pagesOf([], false);
    await expect(
      collect(paginate(fetchPage, (page) => page.items, { pageSize: 1001 })),
    ).rejects.toThrow(RangeError);
  });
});
