import type { ConfigPage } from "@simlessly/client";
import { rspOperation } from "../operation/product-operations.ts";
import { collectPages, onePageOnly, pageParam } from "./paging.ts";

/** `simlessly config list [--name TEXT]`: configuration names, every page or one. */
export const list = rspOperation("listConfigs", {
  fields: (args) => ({ configName: args.text("name"), pageParam: pageParam(args) }),
  call: async (client, body, args) =>
    onePageOnly(args)
      ? [await client.listConfigs(body)]
      : collectPages(
          client.listConfigsPages({
            configName: body.configName,
            pageSize: body.pageParam.pageSize,
          }),
        ),
  report: (pages: readonly ConfigPage[]) => {
    const configs = pages.flatMap((page) => page.configs);
    return {
      headline: `${configs.length} configuration${configs.length === 1 ? "" : "s"}`,
      lines: configs,
      result: { configs },
    };
  },
});
