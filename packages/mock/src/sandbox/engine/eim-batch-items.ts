// Reads the items of an eIM batch request. An item whose EID, IMEI, ICCID, APN, CC or AC is
// missing or malformed does not fail the request: it fails alone, with its Appendix 5 reason,
// as the platform reports it in the batch result. Anything else outside the contract (an
// unknown key, a wrong type) fails the whole request.
import { createHash } from "node:crypto";
import { type EimBatchResultReason, eimSchemas } from "@simlessly/contract";
import { z } from "zod";
import { EimSandboxStatus } from "./eim-codes.ts";
import { eimFailure, ok, type Reply } from "./envelopes.ts";
import type { EimPendingItem } from "./state.ts";
import { describeIssues } from "./validation.ts";

/** The kinds of eIM batch request and the array each one carries. */
export const eimBatchFields = {
  importAc: "acInfos",
  importDevice: "devices",
  allocate: "bindingRels",
} as const;

/** A kind of eIM batch request. */
export type EimBatchKind = keyof typeof eimBatchFields;

// Each request schema with its items left open: everything but the items is checked at once,
// the items one by one below.
const envelopeSchemas = {
  importAc: eimSchemas.BatchImportAcRequest.extend({ acInfos: z.array(z.unknown()) }),
  importDevice: eimSchemas.BatchImportDeviceRequest.extend({ devices: z.array(z.unknown()) }),
  allocate: eimSchemas.BatchAllocateAcRequest.extend({ bindingRels: z.array(z.unknown()) }),
} as const;

const itemSchemas = {
  importAc: eimSchemas.AcInfo,
  importDevice: eimSchemas.DeviceImport,
  allocate: eimSchemas.BindingRel,
} as const;

/** The items of a batch request, ready to run, or the failure to answer. */
export type ReadBatchResult =
  | { readonly ok: true; readonly items: EimPendingItem[]; readonly enabled: boolean | null }
  | { readonly ok: false; readonly reply: Reply };

type Fields = Record<string, unknown>;

/** A one-way hash of an activation code: enough to spot a reused code, useless to download one. */
export function hashActivationCode(ac: string): string {
  return createHash("sha256").update(ac, "utf8").digest("hex").slice(0, 32);
}

/** Checks a batch request (parsed JSON, not yet validated) and reads its items. */
export function readBatchItems(
  kind: EimBatchKind,
  body: unknown,
  operators: readonly string[],
): ReadBatchResult {
  const field = eimBatchFields[kind];
  const raw = isObject(body) ? body[field] : undefined;
  if (Array.isArray(raw) && (raw.length < 1 || raw.length > 500)) {
    return fail(123011, "batch task item size error(1-500)");
  }
  const envelope = envelopeSchemas[kind].safeParse(body);
  if (!envelope.success) {
    return fail(EimSandboxStatus.INVALID_REQUEST, describeIssues(envelope.error.issues));
  }
  const items: EimPendingItem[] = [];
  for (const [index, item] of (raw as unknown[]).entries()) {
    if (!isObject(item))
      return fail(EimSandboxStatus.INVALID_REQUEST, `${field}.${index}: expected an object`);
    const reason = itemReason(kind, item, operators);
    if (reason === null) {
      const parsed = itemSchemas[kind].safeParse(item);
      if (!parsed.success) {
        return fail(
          EimSandboxStatus.INVALID_REQUEST,
          describeIssues(
            parsed.error.issues.map((issue) => ({ ...issue, path: [field, index, ...issue.path] })),
          ),
        );
      }
    }
    items.push(pendingItem(item, reason));
  }
  const enabled = isObject(body) && typeof body.enabled === "boolean" ? body.enabled : null;
  return { ok: true, items, enabled };
}

function fail(status: number, msg: string): ReadBatchResult {
  // The sandbox's own statuses name themselves, as the README says; Appendix 4 ones do not.
  const text = status === EimSandboxStatus.INVALID_REQUEST ? `INVALID_REQUEST: ${msg}` : msg;
  return { ok: false, reply: ok(eimFailure(status, text)) };
}

// The Appendix 5 reason of an item whose identifiers are missing or malformed, in the order
// Appendix 5 lists them; null when they are all well formed.
function itemReason(
  kind: EimBatchKind,
  item: Fields,
  operators: readonly string[],
): EimBatchResultReason | null {
  if (kind === "importAc") {
    if (!valid(eimSchemas.Iccid, item.iccid)) return "ICCID invalid!";
    if (!valid(eimSchemas.Apn, item.apn)) return "APN invalid!";
    // The docs give cc no format: the sandbox refuses only one with nothing in it.
    if (item.cc !== undefined && (typeof item.cc !== "string" || item.cc.trim() === ""))
      return "CC invalid!";
    if (!valid(eimSchemas.ImportedActivationCode, item.ac)) return "AC invalid!";
    if (typeof item.mon === "string" && !operators.includes(item.mon))
      return "Operator does not exist!";
    return null;
  }
  if (absent(item.eid) && absent(item.imei)) return "EID,IMEI must exist at least one!";
  if (!absent(item.eid) && !valid(eimSchemas.Eid, item.eid)) return "EID invalid!";
  if (!absent(item.imei) && !valid(eimSchemas.Imei, item.imei)) return "IMEI invalid!";
  if (kind === "allocate" && !valid(eimSchemas.Iccid, item.iccid)) return "ICCID invalid!";
  return null;
}

// A failed item keeps only its well-formed identifiers: the result schema allows a valid
// identifier or null, never the malformed value.
function pendingItem(item: Fields, reason: EimBatchResultReason | null): EimPendingItem {
  return {
    iccid: valid(eimSchemas.Iccid, item.iccid) ? (item.iccid as string) : null,
    eid: valid(eimSchemas.Eid, item.eid) ? (item.eid as string) : null,
    imei: valid(eimSchemas.Imei, item.imei) ? (item.imei as string) : null,
    // With or without the QR code's `LPA:` prefix, it is the same code.
    acHash:
      reason === null && typeof item.ac === "string"
        ? hashActivationCode(item.ac.replace(/^LPA:/, ""))
        : null,
    group: typeof item.group === "string" ? item.group : null,
    organization: typeof item.organization === "string" ? item.organization : null,
    mno: typeof item.mon === "string" ? item.mon : null,
    reason,
  };
}

function valid(schema: z.ZodType, value: unknown): boolean {
  return schema.safeParse(value).success;
}

function absent(value: unknown): boolean {
  return value === undefined || value === null;
}

function isObject(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
