// The `/__sandbox/` endpoints: the admin handle over HTTP, for tests in other processes and
// for people poking at a running sandbox. Outside the contract, unauthenticated (the sandbox
// listens on loopback by default), plain JSON. What reaches these routes has passed the
// checks that keep web pages out (admin-guard.ts).
import { rspSchemas } from "@simlessly/contract";
import { z } from "zod";
import { batchEndStatusSchema, isProfileStatusName, type SandboxAdmin } from "../admin/admin.ts";
import { deviceEventTypes } from "../engine/device-events.ts";
import type { Reply } from "../engine/envelopes.ts";
import { describeIssues } from "../engine/validation.ts";

/** The prefix of every admin path. */
export const adminPrefix = "/__sandbox/";

const faultsBody = z.looseObject({ seed: z.number().int().min(0).max(0xffffffff).optional() });

const deviceEventBody = z.strictObject({
  iccid: rspSchemas.Iccid,
  eid: rspSchemas.Eid,
  event: z.enum(deviceEventTypes),
  deviceName: rspSchemas.DeviceName.optional(),
  clientIp: z
    .string()
    .regex(/^[0-9A-Fa-f:.]{2,45}$/)
    .optional(),
});

const batchEndStatusBody = z.strictObject({ status: batchEndStatusSchema.nullable() });

const clockBody = z.strictObject({
  advanceMs: z
    .number()
    .int()
    .min(0)
    .max(10 * 365 * 86_400_000),
});

function json(status: number, body: unknown): Reply {
  return { status, body };
}

function invalid(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Reply {
  return json(400, { error: describeIssues(issues) });
}

/** Answers one admin request; `body` is the parsed JSON body (undefined for GET). */
export function handleAdminRequest(
  admin: SandboxAdmin,
  method: string,
  url: URL,
  body: unknown,
): Reply {
  const name = url.pathname.slice(adminPrefix.length);
  const route = `${method} ${name}`;
  switch (route) {
    case "GET profiles": {
      const params = url.searchParams;
      const status = params.get("status") ?? undefined;
      if (status !== undefined && !isProfileStatusName(status)) {
        return json(400, { error: `unknown status ${status}` });
      }
      return json(
        200,
        admin.profiles({
          ...(params.has("iccid") ? { iccid: params.get("iccid") ?? "" } : {}),
          ...(status === undefined ? {} : { status }),
          ...(params.has("offset") ? { offset: Number(params.get("offset")) || 0 } : {}),
          ...(params.has("limit") ? { limit: Number(params.get("limit")) || 0 } : {}),
        }),
      );
    }
    case "GET state":
      return json(200, admin.summary());
    case "POST reset":
      admin.reset();
      return json(200, { reset: true });
    case "GET faults":
      return json(200, admin.faults());
    case "POST faults": {
      const parsed = faultsBody.safeParse(body ?? {});
      if (!parsed.success) return invalid(parsed.error.issues);
      const { seed, ...settings } = parsed.data;
      try {
        const applied = admin.setFaults(settings, seed);
        return json(200, { seed: admin.faults().seed, settings: applied });
      } catch (error) {
        if (error instanceof z.ZodError) return invalid(error.issues);
        throw error;
      }
    }
    case "GET batch-end-status":
      return json(200, { status: admin.batchEndStatus() });
    case "POST batch-end-status": {
      const parsed = batchEndStatusBody.safeParse(body);
      if (!parsed.success) return invalid(parsed.error.issues);
      return json(200, { status: admin.setBatchEndStatus(parsed.data.status) });
    }
    case "POST device-events": {
      const parsed = deviceEventBody.safeParse(body);
      if (!parsed.success) return invalid(parsed.error.issues);
      const { deviceName, clientIp, ...event } = parsed.data;
      const result = admin.deviceEvent({
        ...event,
        ...(deviceName === undefined ? {} : { deviceName }),
        ...(clientIp === undefined ? {} : { clientIp }),
      });
      return result.found
        ? json(200, result)
        : json(404, { error: `no profile with ICCID ${event.iccid}` });
    }
    case "GET webhooks":
      return json(200, { deliveries: admin.webhookDeliveries() });
    case "GET requests":
      return json(200, { requests: admin.requests() });
    case "POST clock": {
      const parsed = clockBody.safeParse(body);
      if (!parsed.success) return invalid(parsed.error.issues);
      return json(200, { now: admin.advanceClock(parsed.data.advanceMs) });
    }
    default:
      return json(404, {
        error: `no admin endpoint ${route}`,
        endpoints: [
          "GET /__sandbox/profiles?iccid=&status=&offset=&limit=",
          "GET /__sandbox/state",
          "POST /__sandbox/reset",
          "GET|POST /__sandbox/faults",
          "GET|POST /__sandbox/batch-end-status",
          "POST /__sandbox/device-events",
          "GET /__sandbox/webhooks",
          "GET /__sandbox/requests",
          "POST /__sandbox/clock",
        ],
      });
  }
}
