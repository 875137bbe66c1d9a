import type { ProfileLogPage } from "@simlessly/client";
import { rspOperation } from "../operation/product-operations.ts";
import { renderTable } from "../operation/render-text.ts";
import { readUpp } from "./ac-commands.ts";
import { collectPages, onePageOnly, pageParam } from "./paging.ts";

/** `simlessly profile detail ICCID`. */
export const detail = rspOperation("getProfileDetail", {
  fields: (args) => ({ iccid: args.positional(0, "ICCID") }),
  report: (answer) => ({ headline: `Profile ${answer.iccid}: ${answer.status}` }),
});

/** `simlessly profile log ICCID`: the status history, every page or the one asked for. */
export const log = rspOperation("listProfileLogs", {
  fields: (args) => ({ iccid: args.positional(0, "ICCID"), pageParam: pageParam(args) }),
  call: async (client, body, args) =>
    onePageOnly(args)
      ? [await client.listProfileLogs(body)]
      : collectPages(
          client.listProfileLogsPages({ iccid: body.iccid, pageSize: body.pageParam.pageSize }),
        ),
  report: (pages: readonly ProfileLogPage[], body) => {
    const profileLogs = pages.flatMap((page) => page.profileLogs);
    return {
      headline: `Profile ${body.iccid}: ${profileLogs.length} status change${profileLogs.length === 1 ? "" : "s"}`,
      lines: renderTable(profileLogs),
      result: { iccid: body.iccid, profileLogs },
    };
  },
});

/** `simlessly profile update [ICCID] --input FILE|-` (updateParam; the keys come from the file). */
export const update = rspOperation("updateProfileParam", {
  input: { required: true },
  fields: (args) => ({ iccid: args.invocation.positionals[0] }),
  report: (_answer, body) => ({ headline: `Profile ${body.iccid} updated` }),
});

/** `simlessly profile update-upp ICCID`: replaces the profile's UPP, keeps its code. */
export const updateUpp = rspOperation("updateProfileByUpp", {
  input: { required: false },
  fields: async (args) => ({
    iccid: args.invocation.positionals[0],
    imsi: args.text("imsi"),
    upp: await readUpp(args),
  }),
  report: (_answer, body) => ({ headline: `Profile ${body.iccid}: UPP replaced` }),
});

/** `simlessly profile delete ICCID [--force] [--yes]`: asks first, a deletion is final. */
export const remove = rspOperation("deleteProfile", {
  fields: (args) => ({
    iccid: args.positional(0, "ICCID"),
    force: args.flag("force") ? true : undefined,
  }),
  confirm: (body) => ({
    action: `Delete profile ${body.iccid}${body.force === true ? " with force (even from a device)" : ""}`,
  }),
  report: (answer) => ({ headline: `Profile ${answer.iccid} deleted` }),
});

/** `simlessly profile recycle-time ICCID --expire-time TIME`. */
export const recycleTime = rspOperation("changeRecycleTime", {
  fields: (args) => ({
    iccid: args.positional(0, "ICCID"),
    expireTime: args.text("expire-time"),
  }),
  report: (answer, body) => ({
    headline: `Profile ${answer.iccid}: recycle time set to ${body.expireTime}`,
  }),
});
