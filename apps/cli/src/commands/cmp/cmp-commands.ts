import type { CmpData } from "@simlessly/client";
import { UsageError } from "../../core/cli-error.ts";
import { ExitCode } from "../../core/exit-code.ts";
import type { CommandArgs } from "../operation/command-args.ts";
import { cmpOperation } from "../operation/product-operations.ts";
import { renderTable } from "../operation/render-text.ts";

/** `simlessly cmp sims [--by iccid|imsi|eid] ID...` (getDeviceSimsDetail). */
export const sims = cmpOperation("getDeviceSimsDetail", {
  fields: (args) => {
    const by = args.choice("by", ["iccid", "imsi", "eid"]) ?? "iccid";
    return { [`${by}List`]: ids(args) };
  },
  report: (answer: CmpData<"getDeviceSimsDetail">) => {
    const rows = answer.deviceList.flatMap((device) =>
      device.sims.map((sim) => ({ eid: device.eid, imei: device.imei, ...sim })),
    );
    return {
      headline: `${answer.deviceList.length} device${answer.deviceList.length === 1 ? "" : "s"}, ${rows.length} SIM${rows.length === 1 ? "" : "s"}`,
      lines: rows.length === 0 ? [] : renderTable(rows),
    };
  },
});

/**
 * `simlessly cmp sim status (--activate | --deactivate) [--by iccid|imsi] [--yes] ID...`.
 * Deactivating asks first: it cuts the SIMs off their network at once.
 */
export const simStatus = cmpOperation("changeSimStatus", {
  fields: (args) => {
    const activate = args.flag("activate");
    if (activate === args.flag("deactivate")) {
      throw new UsageError("give exactly one of --activate and --deactivate");
    }
    const by = args.choice("by", ["iccid", "imsi"]) ?? "iccid";
    return { simIds: ids(args), simIdType: by.toUpperCase(), active: activate };
  },
  confirm: (body) =>
    body.active
      ? undefined
      : {
          action: `Deactivate ${simsNamed(body.simIdType, body.simIds)}`,
          warning: "They lose service until activated again.",
        },
  report: (answer) => ({
    headline: `SIM status change ${answer.status} (request ${answer.requestId})${answer.message ? `: ${answer.message}` : ""}`,
    lines: [],
    exitCode: simChangeExitCode(answer.status),
  }),
});

/**
 * `failed`: nothing was applied. `success` and `processing` (the values the docs give as
 * examples): taken. Any other state the platform may send says neither: unknown outcome, to
 * be checked with `simlessly cmp sims` later.
 */
function simChangeExitCode(status: CmpData<"changeSimStatus">["status"]) {
  if (status === "failed") return ExitCode.recordsFailed;
  if (status === "success" || status === "processing") return ExitCode.ok;
  return ExitCode.unknownOutcome;
}

// The SIMs a question names: every ID up to three, else the first three and how many more.
function simsNamed(by: string, simIds: readonly string[]): string {
  const shown = simIds.slice(0, 3).join(", ");
  const more = simIds.length > 3 ? `, and ${simIds.length - 3} more` : "";
  return `${simIds.length === 1 ? "the SIM" : `${simIds.length} SIMs`} with ${by} ${shown}${more}`;
}

function ids(args: CommandArgs): string[] {
  if (args.invocation.positionals.length === 0) throw new UsageError("missing ID; see --help");
  return [...args.invocation.positionals];
}
