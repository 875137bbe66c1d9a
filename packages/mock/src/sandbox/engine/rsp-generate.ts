// RSP activation-code generation: single, from a UPP, and in asynchronous batches.
import type { RspSchema } from "@simlessly/contract";
import { formatCompactDateTime, formatSlashedDateTime } from "./clock-format.ts";
import type { EngineContext, SandboxConfig } from "./engine-context.ts";
import { ok, type Reply, rspFailure, rspSuccess } from "./envelopes.ts";
import {
  activationCodeOf,
  alreadyExistsReason,
  createProfile,
  holdsProfile,
  recordSubmission,
} from "./profile-records.ts";
import type { RspBody } from "./request-bodies.ts";
import { BatchOutcome, ProfileStatus, type RspBatch, statusName } from "./state.ts";

/** Finds a configuration of the wanted kind, or the failure to answer with. */
export function resolveConfig(
  ctx: EngineContext,
  name: string,
  kind: SandboxConfig["kind"],
): number | Reply {
  const index = ctx.configIndex.get(name);
  const config = index === undefined ? undefined : ctx.settings.configs[index];
  if (index === undefined || config === undefined) {
    return ok(rspFailure("CONFIG_NOT_FOUND", `configuration ${name} not found`));
  }
  if (config.kind !== kind) {
    return ok(
      rspFailure(
        "CONFIG_TYPE_MISMATCH",
        kind === "upp"
          ? `configuration ${name} is not of type UPP`
          : `configuration ${name} is of type UPP; use generateAcByUpp`,
      ),
    );
  }
  return index;
}

/**
 * `generateAc` and `generateAcV2`: one profile and its activation code, at once. Reads only
 * what both requests have; the SIM keys, `ara` and the rest are validated and dropped.
 */
export function generateAc(
  ctx: EngineContext,
  body: Pick<RspBody<"GenerateAcRequest">, "configName" | "iccid" | "imsi" | "needAcLink">,
): Reply {
  const config = resolveConfig(ctx, body.configName, "regular");
  if (typeof config !== "number") return config;
  const record = recordSubmission(ctx.state, body.iccid, body.imsi, config);
  if (holdsProfile(record)) {
    return ok(rspFailure("PROFILE_EXISTS", alreadyExistsReason(body.iccid)));
  }
  createProfile(ctx, body.iccid, record, config, body.imsi);
  const generated: RspSchema<"GeneratedAc"> = {
    iccid: body.iccid,
    activationCode: activationCodeOf(ctx, body.iccid, record),
  };
  if (body.needAcLink) generated.acLink = ctx.codes.acLink(ctx.settings.smdpHost, body.iccid);
  return ok(rspSuccess(generated));
}

/** `generateAcByUpp` and its old path `addProfileByUpp`. */
export function generateAcByUpp(
  ctx: EngineContext,
  body: RspBody<"GenerateAcByUppRequest">,
): Reply {
  const config = resolveConfig(ctx, body.configName, "upp");
  if (typeof config !== "number") return config;
  const record = recordSubmission(ctx.state, body.iccid, body.imsi, config);
  if (holdsProfile(record)) {
    if (!body.reGenerate) return ok(rspFailure("PROFILE_EXISTS", alreadyExistsReason(body.iccid)));
    // Regenerating replaces a profile nobody has downloaded yet; one on a device stays.
    if (record.status !== ProfileStatus.Available) {
      return ok(
        rspFailure(
          "PROFILE_STATUS_INVALID",
          `profile status is ${statusName(record.status)}, not Available`,
        ),
      );
    }
  }
  createProfile(ctx, body.iccid, record, config, body.imsi, body.customAcAddress);
  return ok(
    rspSuccess({ iccid: body.iccid, activationCode: activationCodeOf(ctx, body.iccid, record) }),
  );
}

/** `generateAcByBatch`: accepts the records; they are processed when the batch is due. */
export function generateAcByBatch(
  ctx: EngineContext,
  body: RspBody<"GenerateAcByBatchRequest">,
): Reply {
  const config = resolveConfig(ctx, body.configName, "regular");
  if (typeof config !== "number") return config;
  const now = ctx.now();
  const { state } = ctx;
  state.counters.rspBatch += 1;
  const code = `B${formatCompactDateTime(now)}${String(state.counters.rspBatch).padStart(6, "0")}`;
  const iccids: string[] = new Array(body.metaDatas.length);
  const imsis: string[] = new Array(body.metaDatas.length);
  body.metaDatas.forEach((record, index) => {
    iccids[index] = record.iccid;
    imsis[index] = record.imsi;
    recordSubmission(state, record.iccid, record.imsi, config);
  });
  const batch: RspBatch = {
    code,
    createdMs: now,
    dueMs: now + ctx.settings.batchDelayMs,
    needAcLink: body.needAcLink,
    config,
    iccids,
    imsis,
    outcomes: null,
    generations: null,
    succeeded: 0,
    failed: 0,
    ...(ctx.controls.rspBatchEndStatus === null
      ? {}
      : { endStatus: ctx.controls.rspBatchEndStatus }),
  };
  state.rspBatches.set(code, batch);
  state.rspPending.push(batch);
  return ok(rspSuccess({ batchCode: code }));
}

/**
 * Runs a batch: each record creates a profile, or fails when its ICCID already holds one
 * (so a repeated ICCID inside the batch fails after its first occurrence); a batch with an
 * `endStatus` runs none.
 */
export function completeRspBatch(ctx: EngineContext, batch: RspBatch): void {
  const { iccids, imsis } = batch;
  if (imsis === null) return;
  const outcomes = new Uint8Array(iccids.length);
  const generations = new Uint32Array(iccids.length);
  // A batch told to end with another status stops without generating: every record keeps the
  // outcome None and gets no result, the case a client must survive for a status it does not
  // know (how the platform fills such a batch is not documented).
  const generating = batch.endStatus === undefined;
  for (let index = 0; generating && index < iccids.length; index++) {
    const iccid = iccids[index] as string;
    const imsi = imsis[index] as string;
    // Records are created at submission, but a reset may have dropped them since.
    const record =
      ctx.state.profiles.get(iccid) ?? recordSubmission(ctx.state, iccid, imsi, batch.config);
    if (holdsProfile(record)) {
      outcomes[index] = BatchOutcome.Exists;
      batch.failed += 1;
    } else {
      createProfile(ctx, iccid, record, batch.config, imsi);
      outcomes[index] = BatchOutcome.Created;
      generations[index] = record.generation;
      batch.succeeded += 1;
    }
  }
  batch.outcomes = outcomes;
  batch.generations = generations;
  batch.imsis = null;
}

/** `getBatchInfo`: progress, and per record the activation code or the error reason. */
export function getBatchInfo(ctx: EngineContext, body: RspBody<"GetBatchInfoRequest">): Reply {
  const batch = ctx.state.rspBatches.get(body.batchCode);
  if (batch === undefined) {
    return ok(rspFailure("BATCH_NOT_FOUND", `batch ${body.batchCode} not found`));
  }
  const complete = batch.outcomes !== null;
  const withLinks = batch.needAcLink || body.needAcLink;
  const results: RspSchema<"BatchResult">[] = [];
  if (batch.outcomes !== null && batch.generations !== null) {
    for (let index = 0; index < batch.iccids.length; index++) {
      const iccid = batch.iccids[index] as string;
      if (batch.outcomes[index] === BatchOutcome.Created) {
        // Batch profiles use the platform's address; the generation keeps the code of the
        // profile this record created, even if the ICCID was deleted and regenerated since.
        const generation = batch.generations[index] as number;
        const result: RspSchema<"BatchResult"> = {
          iccid,
          eid: null,
          success: true,
          activationCode: ctx.codes.activationCode(ctx.settings.smdpHost, iccid, generation),
        };
        if (withLinks) result.acLink = ctx.codes.acLink(ctx.settings.smdpHost, iccid);
        results.push(result);
      } else if (batch.outcomes[index] === BatchOutcome.Exists) {
        results.push({ iccid, eid: null, success: false, errorReason: alreadyExistsReason(iccid) });
      }
    }
  }
  return ok(
    rspSuccess({
      batchTaskInfo: {
        batchCode: batch.code,
        taskType: "GENERATE AC",
        status: complete ? (batch.endStatus ?? "COMPLETE") : "PROCESSING",
        total: batch.iccids.length,
        succeedNum: batch.succeeded,
        failedNum: batch.failed,
        createTime: formatSlashedDateTime(batch.createdMs),
      },
      results,
    }),
  );
}
