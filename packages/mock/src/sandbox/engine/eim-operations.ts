// eIM: activation codes and devices are imported in batches, codes are allocated to devices
// one at a time or in batches, and batch tasks report per item with Appendix 5 reasons.
// Failures of the synchronous calls use the Appendix 4 codes.
import type { EimSchema } from "@simlessly/contract";
import { formatDateTime } from "./clock-format.ts";
import { type EimBatchKind, readBatchItems } from "./eim-batch-items.ts";
import type { EngineContext } from "./engine-context.ts";
import { eimEmptySuccess, eimFailure, eimSuccess, ok, type Reply } from "./envelopes.ts";
import { findProfile } from "./profile-records.ts";
import type { EimBody } from "./request-bodies.ts";
import {
  addToIndex,
  type EimBatch,
  type EimBatchType,
  type EimDevice,
  type EimItemResult,
  type EimPendingItem,
  type SandboxState,
} from "./state.ts";

const batchTypes: Record<EimBatchKind, EimBatchType> = {
  importAc: "BATCH_SE_IMPORT_AC",
  importDevice: "BATCH_SE_IMPORT_DEVICE",
  allocate: "BATCH_ALLOCATE",
};

/** Where a device lookup by EID and IMEI ended. */
type DeviceLookup =
  | { readonly device: EimDevice }
  | { readonly problem: "not-found" | "eid-mismatch" | "imei-mismatch" };

/** Finds the device an EID and/or IMEI name, checking that both name the same one. */
function findDevice(state: SandboxState, eid: string | null, imei: string | null): DeviceLookup {
  const byEid = eid === null ? undefined : state.eimDevicesByEid.get(eid);
  const byImei = imei === null ? undefined : state.eimDevicesByImei.get(imei);
  if (byEid !== undefined) {
    if (imei !== null && byEid.imei !== null && byEid.imei !== imei)
      return { problem: "imei-mismatch" };
    if (byImei !== undefined && byImei !== byEid) return { problem: "imei-mismatch" };
    return { device: byEid };
  }
  if (byImei !== undefined) {
    if (eid !== null && byImei.eid !== null) return { problem: "eid-mismatch" };
    return { device: byImei };
  }
  return { problem: "not-found" };
}

/** A device learns the identifier it was imported without, as on its first power-on. */
function completeDevice(
  state: SandboxState,
  device: EimDevice,
  eid: string | null,
  imei: string | null,
) {
  if (device.eid === null && eid !== null && !state.eimDevicesByEid.has(eid)) {
    device.eid = eid;
    state.eimDevicesByEid.set(eid, device);
  }
  if (device.imei === null && imei !== null && !state.eimDevicesByImei.has(imei)) {
    device.imei = imei;
    state.eimDevicesByImei.set(imei, device);
  }
}

/** Allocates an imported code to a device (by the device's EID, else IMEI). */
function allocate(state: SandboxState, iccid: string, device: EimDevice, enabled: boolean | null) {
  const ac = state.eimAcs.get(iccid);
  if (ac === undefined) return;
  ac.eid = device.eid;
  ac.imei = device.imei;
  ac.enabled = enabled;
  if (device.eid !== null) addToIndex(state.eimAcsByEid, device.eid, iccid);
}

/** `allocateAc` and `allocateAcSingle`. */
export function allocateAc(ctx: EngineContext, body: EimBody<"AllocateAcRequest">): Reply {
  const { state } = ctx;
  const ac = state.eimAcs.get(body.iccid);
  if (ac === undefined) {
    // Known to the SM-DP+ but never imported here, or not known at all.
    return findProfile(state, body.iccid) !== undefined
      ? ok(eimFailure(12209, "ac info not exist"))
      : ok(eimFailure(110004, "Iccid not found"));
  }
  const lookup = findDevice(state, body.eid, body.imei);
  if ("problem" in lookup) {
    if (lookup.problem === "imei-mismatch") return ok(eimFailure(23018, "Invalid parameter: imei"));
    if (lookup.problem === "eid-mismatch") return ok(eimFailure(23510, "Invalid eid"));
    return ok(eimFailure(23029, "Device does not exist."));
  }
  // A second allocation, even to the same device, is refused: a retried call must find out.
  if (ac.eid !== null || ac.imei !== null) return ok(eimFailure(100107, "AC has been allocated"));
  completeDevice(state, lookup.device, body.eid, body.imei);
  allocate(state, body.iccid, lookup.device, body.enabled ?? null);
  return ok(eimEmptySuccess());
}

/** Submits an eIM batch (parsed JSON, checked here item by item; see eim-batch-items.ts). */
export function submitEimBatch(ctx: EngineContext, kind: EimBatchKind, body: unknown): Reply {
  const read = readBatchItems(kind, body, ctx.settings.operators);
  if (!read.ok) return read.reply;
  const now = ctx.now();
  const { counters } = ctx.state;
  // Ids look like the docs' (a millisecond timestamp) and never repeat.
  counters.eimBatch = Math.max(now, counters.eimBatch + 1);
  const batch: EimBatch = {
    batchId: counters.eimBatch,
    batchType: batchTypes[kind],
    createdMs: now,
    dueMs: now + ctx.settings.batchDelayMs,
    enabled: read.enabled,
    pending: read.items,
    results: null,
  };
  ctx.state.eimBatches.set(batch.batchId, batch);
  ctx.state.eimPending.push(batch);
  return ok(eimSuccess({ batchId: batch.batchId }));
}

/** Runs a due eIM batch task against the state. */
export function completeEimBatch(ctx: EngineContext, batch: EimBatch): void {
  const items = batch.pending;
  if (items === null) return;
  const seen = new Set<string>();
  batch.results = items.map((item) => runItem(ctx.state, batch, item, seen));
  batch.pending = null;
}

function runItem(
  state: SandboxState,
  batch: EimBatch,
  item: EimPendingItem,
  seen: Set<string>,
): EimItemResult {
  const result = (reason: string | null): EimItemResult => ({
    eid: item.eid,
    imei: item.imei,
    iccid: item.iccid,
    success: reason === null,
    reason: reason ?? "Success",
  });
  if (item.reason !== null) return result(item.reason);
  if (batch.batchType === "BATCH_SE_IMPORT_AC") {
    const iccid = item.iccid as string;
    if (seen.has(iccid) || state.eimAcs.has(iccid)) return result("Repeated ICCID!");
    seen.add(iccid);
    const acHash = item.acHash as string;
    // A code already imported for another ICCID cannot be imported again.
    if (state.eimAcHashes.has(acHash)) return result("AC invalid!");
    state.eimAcHashes.add(acHash);
    state.eimAcs.set(iccid, {
      acHash,
      group: item.group,
      mno: item.mno,
      eid: null,
      imei: null,
      enabled: null,
    });
    return result(null);
  }
  if (batch.batchType === "BATCH_SE_IMPORT_DEVICE") {
    const keys = [
      item.eid === null ? null : `e${item.eid}`,
      item.imei === null ? null : `i${item.imei}`,
    ];
    const repeated =
      keys.some((key) => key !== null && seen.has(key)) ||
      (item.eid !== null && state.eimDevicesByEid.has(item.eid)) ||
      (item.imei !== null && state.eimDevicesByImei.has(item.imei));
    if (repeated) return result("EID or IMEI repeated!");
    for (const key of keys) if (key !== null) seen.add(key);
    const device: EimDevice = {
      eid: item.eid,
      imei: item.imei,
      group: item.group,
      organization: item.organization,
    };
    if (item.eid !== null) state.eimDevicesByEid.set(item.eid, device);
    if (item.imei !== null) state.eimDevicesByImei.set(item.imei, device);
    return result(null);
  }
  // BATCH_ALLOCATE. Appendix 5 has no reason for an unknown or allocated ICCID; the nearest
  // ones are used (see the README).
  const iccid = item.iccid as string;
  if (seen.has(iccid)) return result("Repeated ICCID!");
  seen.add(iccid);
  const ac = state.eimAcs.get(iccid);
  if (ac === undefined) return result("ICCID invalid!");
  if (ac.eid !== null || ac.imei !== null) return result("Repeated ICCID!");
  const lookup = findDevice(state, item.eid, item.imei);
  if ("problem" in lookup) {
    if (lookup.problem === "imei-mismatch") return result("IMEI invalid!");
    if (lookup.problem === "eid-mismatch") return result("EID invalid!");
    return result(item.eid !== null ? "EID invalid!" : "IMEI invalid!");
  }
  completeDevice(state, lookup.device, item.eid, item.imei);
  allocate(state, iccid, lookup.device, batch.enabled);
  return result(null);
}

/** `getBatchTaskResult`. */
export function getBatchTaskResult(
  ctx: EngineContext,
  body: EimBody<"GetBatchTaskResultRequest">,
): Reply {
  const batch = ctx.state.eimBatches.get(body.batchId);
  if (batch === undefined) return ok(eimFailure(123009, "batch task not exist"));
  const results = batch.results ?? [];
  const succeeded = results.filter((result) => result.success).length;
  const task: EimSchema<"BatchTask"> = {
    batchId: batch.batchId,
    batchType: batch.batchType,
    // PROCESSED_FAILED when every item failed (the docs do not define it; the sandbox's reading).
    status:
      batch.results === null ? "PROCESSING" : succeeded === 0 ? "PROCESSED_FAILED" : "PROCESSED",
    total: batch.results?.length ?? batch.pending?.length ?? 0,
    success: succeeded,
    fail: results.length - succeeded,
    createTime: formatDateTime(batch.createdMs),
    batchInfoDataList: results.map((result) => resultView(batch.batchType, result)),
  };
  return ok(eimSuccess(task));
}

function resultView(type: EimBatchType, result: EimItemResult): EimSchema<"BatchItemResult"> {
  const reason = result.reason as EimSchema<"BatchItemReason">;
  if (type === "BATCH_SE_IMPORT_AC")
    return { iccid: result.iccid, success: result.success, reason };
  if (type === "BATCH_SE_IMPORT_DEVICE") {
    return { eid: result.eid, imei: result.imei, iccid: null, success: result.success, reason };
  }
  return {
    eid: result.eid,
    imei: result.imei,
    iccid: result.iccid,
    success: result.success,
    reason,
  };
}
