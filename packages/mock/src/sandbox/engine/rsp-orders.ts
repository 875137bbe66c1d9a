// The ES2+-style order lifecycle: Available → (downloadOrder) Allocated, or Linked when bound
// to an EID → (confirmOrder) Confirmed → (releaseProfile) Released → a device downloads it.
// cancelOrder returns an open order to Available; expireOrder ends it as Expired.
import type { EngineContext } from "./engine-context.ts";
import { ok, type Reply, rspEmptySuccess, rspFailure, rspSuccess } from "./envelopes.ts";
import {
  activationCodeOf,
  bindEid,
  changeStatus,
  findProfile,
  unbindEid,
} from "./profile-records.ts";
import type { RspBody } from "./request-bodies.ts";
import { profileNotFound, statusNotAllowed } from "./rsp-profiles.ts";
import { type ProfileRecord, ProfileStatus } from "./state.ts";

const openOrder: readonly number[] = [
  ProfileStatus.Allocated,
  ProfileStatus.Linked,
  ProfileStatus.Confirmed,
  ProfileStatus.Released,
];

function eidConflict(record: ProfileRecord, eid: string | undefined): Reply | undefined {
  if (eid === undefined || record.eid === null || record.eid === eid) return undefined;
  return ok(rspFailure("EID_MISMATCH", "the order is bound to another EID"));
}

function acConflict(
  ctx: EngineContext,
  iccid: string,
  record: ProfileRecord,
  ac: string | undefined,
): Reply | undefined {
  if (ac === undefined || ac === activationCodeOf(ctx, iccid, record)) return undefined;
  // Never echo either code: both are secrets.
  return ok(rspFailure("AC_MISMATCH", "the activation code is not the profile's"));
}

/** `downloadOrder`: reserves an Available profile, optionally for one EID. */
export function downloadOrder(ctx: EngineContext, body: RspBody<"DownloadOrderRequest">): Reply {
  const record = findProfile(ctx.state, body.iccid);
  if (record === undefined) return profileNotFound(body.iccid);
  if (record.status !== ProfileStatus.Available) return statusNotAllowed(record, "Available");
  if (
    body.configName !== undefined &&
    ctx.settings.configs[record.config]?.name !== body.configName
  ) {
    return ok(
      rspFailure(
        "CONFIG_TYPE_MISMATCH",
        `profile ${body.iccid} is not of configuration ${body.configName}`,
      ),
    );
  }
  if (body.eid !== undefined) bindEid(ctx.state, body.iccid, record, body.eid);
  changeStatus(
    ctx,
    body.iccid,
    record,
    body.eid === undefined ? ProfileStatus.Allocated : ProfileStatus.Linked,
  );
  return ok(rspSuccess({ iccid: body.iccid }));
}

/** `confirmOrder`: confirms a downloaded order; answers the EID and the activation code. */
export function confirmOrder(ctx: EngineContext, body: RspBody<"ConfirmOrderRequest">): Reply {
  const record = findProfile(ctx.state, body.iccid);
  if (record === undefined) return profileNotFound(body.iccid);
  if (record.status !== ProfileStatus.Allocated && record.status !== ProfileStatus.Linked) {
    return statusNotAllowed(record, "Allocated or Linked (call downloadOrder first)");
  }
  const conflict = eidConflict(record, body.eid) ?? acConflict(ctx, body.iccid, record, body.ac);
  if (conflict !== undefined) return conflict;
  if (body.eid !== undefined) bindEid(ctx.state, body.iccid, record, body.eid);
  changeStatus(ctx, body.iccid, record, ProfileStatus.Confirmed);
  return ok(rspSuccess({ eid: record.eid, ac: activationCodeOf(ctx, body.iccid, record) }));
}

/** `cancelOrder`: an open order goes back to Available and loses its EID. */
export function cancelOrder(ctx: EngineContext, body: RspBody<"CancelOrderRequest">): Reply {
  const record = findProfile(ctx.state, body.iccid);
  if (record === undefined) return profileNotFound(body.iccid);
  if (!openOrder.includes(record.status)) return statusNotAllowed(record, "an open order");
  const conflict = eidConflict(record, body.eid) ?? acConflict(ctx, body.iccid, record, body.ac);
  if (conflict !== undefined) return conflict;
  unbindEid(ctx.state, body.iccid, record);
  changeStatus(ctx, body.iccid, record, ProfileStatus.Available);
  return ok(rspEmptySuccess());
}

/** `releaseProfile`: a confirmed order becomes downloadable. */
export function releaseProfile(ctx: EngineContext, body: RspBody<"ReleaseProfileRequest">): Reply {
  const record = findProfile(ctx.state, body.iccid);
  if (record === undefined) return profileNotFound(body.iccid);
  if (record.status !== ProfileStatus.Confirmed) return statusNotAllowed(record, "Confirmed");
  changeStatus(ctx, body.iccid, record, ProfileStatus.Released);
  return ok(rspEmptySuccess());
}

/** `expireOrder`: ends an open order; the profile can then only be deleted. */
export function expireOrder(ctx: EngineContext, body: RspBody<"ExpireOrderRequest">): Reply {
  const record = findProfile(ctx.state, body.iccid);
  if (record === undefined) return profileNotFound(body.iccid);
  if (!openOrder.includes(record.status)) return statusNotAllowed(record, "an open order");
  changeStatus(ctx, body.iccid, record, ProfileStatus.Expired);
  return ok(rspEmptySuccess());
}
