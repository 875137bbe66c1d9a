// CMP: client credentials buy a bearer token that expires; SIM details are assembled from
// what RSP and eIM know about devices (a profile bound to an EID, a code allocated to one);
// status changes are taken at once and take effect after the batch delay.
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { CmpSchema } from "@simlessly/contract";
import { formatCompactDateTime } from "./clock-format.ts";
import type { EngineContext } from "./engine-context.ts";
import { ok, type Reply } from "./envelopes.ts";
import type { CmpBody } from "./request-bodies.ts";
import { ProfileStatus, type SandboxState } from "./state.ts";

const maxDevices = 100;
const maxSimsPerDevice = 32;

/** Compares two strings in constant time (for the client secret and tokens). */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, "utf8");
  const b = Buffer.from(expected, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** HTTP 401 without a body, the contract's `Unauthorized` answer. */
export const unauthorized: Reply = {
  status: 401,
  body: undefined,
  headers: { "www-authenticate": "Bearer" },
};

/** `getAccessToken`: a fresh token for the right client credentials, else 401. */
export function getAccessToken(
  ctx: EngineContext,
  body: CmpBody<"GetAccessTokenRequest">,
  expected: { readonly clientId: string; readonly clientSecret: string },
): Reply {
  if (
    body.clientId !== expected.clientId ||
    !sameSecret(body.clientSecret, expected.clientSecret)
  ) {
    return unauthorized;
  }
  const now = ctx.now();
  sweepTokens(ctx.state, now);
  const token = randomBytes(16).toString("hex");
  ctx.state.cmpTokens.set(token, now + ctx.settings.tokenTtlSeconds * 1000);
  const issued: CmpSchema<"GetAccessTokenResponse"> = {
    token,
    tokenType: "Bearer",
    expireIn: String(ctx.settings.tokenTtlSeconds),
  };
  return ok(issued);
}

/** True when the Authorization header carries a token that exists and has not expired. */
export function isValidBearer(ctx: EngineContext, authorization: string | undefined): boolean {
  const match = /^Bearer +(\S+)$/i.exec(authorization ?? "");
  const token = match?.[1];
  if (token === undefined) return false;
  const expiresAt = ctx.state.cmpTokens.get(token);
  return expiresAt !== undefined && expiresAt > ctx.now();
}

function sweepTokens(state: SandboxState, now: number): void {
  for (const [token, expiresAt] of state.cmpTokens)
    if (expiresAt <= now) state.cmpTokens.delete(token);
}

/** `getDeviceSimsDetail`: the devices found by EID, ICCID or IMSI; unknown ones are left out. */
export function getDeviceSimsDetail(
  ctx: EngineContext,
  body: CmpBody<"GetDeviceSimsDetailRequest">,
): Reply {
  const eids = new Set<string>();
  if ("eidList" in body) {
    for (const eid of body.eidList) if (deviceExists(ctx.state, eid)) eids.add(eid);
  } else if ("iccidList" in body) {
    for (const iccid of body.iccidList) {
      const eid = eidOfIccid(ctx.state, iccid);
      if (eid !== null) eids.add(eid);
    }
  } else {
    const wanted = new Set(body.imsiList);
    // IMSIs are not indexed (a million profiles would pay for it); a scan is fine here.
    for (const record of ctx.state.profiles.values()) {
      if (wanted.has(record.imsi) && record.eid !== null) eids.add(record.eid);
      if (eids.size >= maxDevices) break;
    }
  }
  const deviceList = [...eids].slice(0, maxDevices).map((eid) => deviceView(ctx, eid));
  return ok({ deviceList } satisfies CmpSchema<"GetDeviceSimsDetailResponse">);
}

function deviceExists(state: SandboxState, eid: string): boolean {
  return (
    state.eimDevicesByEid.has(eid) || state.profilesByEid.has(eid) || state.eimAcsByEid.has(eid)
  );
}

function eidOfIccid(state: SandboxState, iccid: string): string | null {
  const record = state.profiles.get(iccid);
  if (record?.eid != null) return record.eid;
  return state.eimAcs.get(iccid)?.eid ?? null;
}

function deviceView(ctx: EngineContext, eid: string): CmpSchema<"CmpDevice"> {
  const { state } = ctx;
  const iccids = new Set([
    ...(state.profilesByEid.get(eid) ?? []),
    ...(state.eimAcsByEid.get(eid) ?? []),
  ]);
  const sims = [...iccids].slice(0, maxSimsPerDevice).map((iccid) => simView(ctx, iccid));
  return { eid, imei: state.eimDevicesByEid.get(eid)?.imei ?? null, sims };
}

function simView(ctx: EngineContext, iccid: string): CmpSchema<"CmpSim"> {
  const record = ctx.state.profiles.get(iccid);
  const active = ctx.state.cmpSims.get(iccid) ?? false;
  let profileStatus: string | null = null;
  if (record?.status === ProfileStatus.Enabled || record?.status === ProfileStatus.Installed) {
    profileStatus = "Enabled";
  } else if (record?.status === ProfileStatus.Disabled) profileStatus = "Disabled";
  return {
    iccid,
    imsi: record?.imsi ?? null,
    state: active ? "Activated" : "Deactivated",
    profileStatus,
    mno: ctx.settings.cmpOperatorName,
    msisdn: null,
    dataUsage: 0,
  };
}

/**
 * `changeSimStatus`: every SIM must be known, else the request fails as a whole (status
 * `failed`); a taken request is `processing` and applies after the batch delay.
 */
export function changeSimStatus(
  ctx: EngineContext,
  body: CmpBody<"ChangeSimStatusRequest">,
): Reply {
  const { state } = ctx;
  const now = ctx.now();
  state.counters.cmpRequest += 1;
  const requestId = `${formatCompactDateTime(now)}${String(state.counters.cmpRequest % 1_000_000).padStart(6, "0")}`;
  const iccids: string[] = [];
  let missing = 0;
  if (body.simIdType === "ICCID") {
    for (const id of body.simIds) {
      if (knownSim(state, id) || state.eimAcs.has(id)) iccids.push(id);
      else missing += 1;
    }
  } else {
    const wanted = new Map(body.simIds.map((id) => [id, false]));
    for (const [iccid, record] of state.profiles) {
      if (wanted.has(record.imsi) && knownSim(state, iccid)) {
        wanted.set(record.imsi, true);
        iccids.push(iccid);
      }
    }
    for (const found of wanted.values()) if (!found) missing += 1;
  }
  if (missing > 0) {
    const answer: CmpSchema<"ChangeSimStatusResponse"> = {
      requestId,
      status: "failed",
      message: `SIM not found (${missing} of ${body.simIds.length})`,
    };
    return ok(answer);
  }
  state.cmpPending.push({ dueMs: now + ctx.settings.batchDelayMs, iccids, active: body.active });
  const answer: CmpSchema<"ChangeSimStatusResponse"> = {
    requestId,
    status: "processing",
    message: "",
  };
  return ok(answer);
}

function knownSim(state: SandboxState, iccid: string): boolean {
  const record = state.profiles.get(iccid);
  return (
    record !== undefined &&
    record.status !== ProfileStatus.Submitted &&
    record.status !== ProfileStatus.Deleted
  );
}
