import type { CommandArgs } from "../operation/command-args.ts";

/** The page request of `--page` (default 1) and `--page-size` (default 100). */
export function pageParam(args: CommandArgs): { pageNum: number; pageSize: number } {
  return {
    pageNum: args.integer("page", 1, 10_000) ?? 1,
    pageSize: args.integer("page-size", 1, 1000) ?? 100,
  };
}

/** True when `--page` asks for one page rather than all of them. */
export function onePageOnly(args: CommandArgs): boolean {
  return args.text("page") !== undefined;
}

/** Every page a page walker of the client yields. */
export async function collectPages<Page>(pages: AsyncIterable<Page>): Promise<Page[]> {
  const all: Page[] = [];
  for await (const page of pages) all.push(page);
  return all;
}
