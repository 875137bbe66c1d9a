import type { EimData } from "@simlessly/client";
import { ExitCode } from "../../core/exit-code.ts";
import type { CommandArgs } from "../operation/command-args.ts";
import { pollUntil } from "../operation/poll-until.ts";
import { eimOperation } from "../operation/product-operations.ts";
import { renderTable } from "../operation/render-text.ts";

// eIM: imports and allocations run as batch tasks of 1-500 items, read from `--input FILE|-`
// (a JSON list of items, or the whole request body); `eim batch info` follows them.

const accepted = (answer: { batchId: number }) => ({
  headline: `Batch task ${answer.batchId} accepted; follow it with: simlessly eim batch info ${answer.batchId} --wait`,
});

/** `simlessly eim ac import --input FILE|-` (batchImportAc). */
export const acImport = eimOperation("batchImportAc", {
  input: { required: true, listField: "acInfos" },
  report: accepted,
});

/** `simlessly eim device import --input FILE|-` (batchImportDevice). */
export const deviceImport = eimOperation("batchImportDevice", {
  input: { required: true, listField: "devices" },
  report: accepted,
});

/** `simlessly eim batch allocate --input FILE|- [--enabled true|false]` (batchAllocateAc). */
export const batchAllocate = eimOperation("batchAllocateAc", {
  input: { required: true, listField: "bindingRels" },
  fields: (args) => ({ enabled: enabledOption(args) }),
  report: accepted,
});

const allocation = (args: CommandArgs) => ({
  iccid: args.positional(0, "ICCID"),
  eid: args.text("eid"),
  imei: args.text("imei"),
  enabled: enabledOption(args),
});

/** `simlessly eim allocate ICCID --eid EID --imei IMEI` (allocateAc). */
export const allocate = eimOperation("allocateAc", {
  fields: allocation,
  report: (_answer, body) => ({
    headline: `Profile ${body.iccid} allocated to device ${body.eid}`,
  }),
});

/** `simlessly eim allocate-single ICCID --eid EID --imei IMEI` (allocateAcSingle). */
export const allocateSingle = eimOperation("allocateAcSingle", {
  fields: allocation,
  report: (_answer, body) => ({
    headline: `Profile ${body.iccid} allocated to device ${body.eid}`,
  }),
});

type BatchTask = EimData<"getBatchTaskResult">;

/** `simlessly eim batch info BATCHID [--wait]` (getBatchTaskResult). */
export const batchInfo = eimOperation("getBatchTaskResult", {
  fields: (args) => {
    const id = args.positional(0, "BATCHID");
    // A batch id is a number; anything else goes to the schema, which names the field.
    return { batchId: /^\d{1,15}$/.test(id) ? Number(id) : id };
  },
  call: (client, body, args) => {
    const timeoutMs = (args.integer("timeout", 1, 86_400) ?? 3600) * 1000;
    const fetch = () => client.getBatchTaskResult(body);
    return args.flag("wait") ? pollUntil(fetch, isProcessed, args.clock, timeoutMs) : fetch();
  },
  report: (task: BatchTask) => ({
    headline: `Batch task ${task.batchId} (${task.batchType}): ${task.status}, ${task.success} succeeded, ${task.fail} failed of ${task.total}`,
    lines: task.batchInfoDataList.length === 0 ? [] : renderTable(task.batchInfoDataList),
    exitCode: !isProcessed(task)
      ? ExitCode.unknownOutcome
      : task.fail > 0 || task.status === "PROCESSED_FAILED"
        ? ExitCode.recordsFailed
        : ExitCode.ok,
  }),
});

function isProcessed(task: BatchTask): boolean {
  return task.status !== "PROCESSING";
}

function enabledOption(args: CommandArgs): boolean | undefined {
  const value = args.choice("enabled", ["true", "false"]);
  return value === undefined ? undefined : value === "true";
}
