// Async iteration over the pages of a paged list (config/list, profile/log). The server's
// paging is only partly documented, so iteration stops at whichever end shows first: a short
// or empty page, the reported total, or the contract's last page number.

/** How to walk the pages. */
export interface PageWalk {
  /** Items per page; default 100 (the contract allows 1-1000). */
  readonly pageSize?: number | undefined;
  /** First page to fetch; default 1. */
  readonly startPage?: number | undefined;
}

/** The contract's largest page number. */
export const lastPageNumber = 10_000;

/** A page as the list operations return it. */
export interface PageLike {
  readonly pageParam: { readonly total?: number | undefined };
}

/** Yields pages from `fetchPage({ pageNum, pageSize })` until the list ends. */
export async function* paginate<Page extends PageLike>(
  fetchPage: (pageParam: { pageNum: number; pageSize: number }) => Promise<Page>,
  itemsOf: (page: Page) => readonly unknown[],
  walk: PageWalk = {},
): AsyncGenerator<Page, void, undefined> {
  const pageSize = walk.pageSize ?? 100;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
    throw new RangeError("pageSize must be an integer from 1 to 1000");
  }
  for (let pageNum = walk.startPage ?? 1; pageNum <= lastPageNumber; pageNum++) {
    const page = await fetchPage({ pageNum, pageSize });
    const count = itemsOf(page).length;
    if (count === 0) return;
    yield page;
    const total = page.pageParam.total;
    if (count < pageSize || (total !== undefined && pageNum * pageSize >= total)) return;
  }
}
