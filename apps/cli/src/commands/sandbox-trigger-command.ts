import { UsageError } from "../core/cli-error.ts";
import type { Invocation } from "../core/command-spec.ts";
import { ExitCode } from "../core/exit-code.ts";
import { targetOf } from "../core/target-line.ts";
import type { CliContext } from "./command-module.ts";
import { formatReport } from "./operation/format-report.ts";
import {
  type DeviceEventType,
  sandboxAdminClient,
  type WebhookDelivery,
} from "./sandbox/sandbox-admin-client.ts";
import { resolveSandboxUrl } from "./sandbox/sandbox-url.ts";
import { delivered, newWebhookDeliveries } from "./sandbox/webhook-wait.ts";

/**
 * `simlessly sandbox trigger EVENT --iccid ICCID [--eid EID]`: plays a device event on a
 * running sandbox (its admin API), so that the profile changes status and the sandbox sends
 * the profile status webhook, as the platform does when a phone acts.
 */
export async function run(invocation: Invocation, context: CliContext): Promise<number> {
  const { values, global } = invocation;
  const event = eventOf(invocation.positionals[0]);
  const iccid = required(values.iccid, "--iccid", "ICCID");
  if (!/^[0-9]{19,20}$/.test(iccid)) throw new UsageError("--iccid must be 19 or 20 digits");
  const givenEid = optional(values.eid);
  if (givenEid !== undefined && !/^[0-9]{32}$/.test(givenEid)) {
    throw new UsageError("--eid must be 32 digits");
  }
  const waitMs = webhookWaitMs(optional(values["webhook-wait"]));
  const sources = { env: context.env, cwd: context.cwd, global };
  const sandbox = resolveSandboxUrl(sources, optional(values.url));
  const target = targetOf("rsp", sandbox);
  context.announceTarget?.(target);

  const admin = sandboxAdminClient(sandbox.baseUrl);
  const eid = givenEid ?? (await boundEid(admin, iccid));
  const before = new Set((await admin.webhookDeliveries()).map((entry) => entry.requestId));
  const outcome = await admin.deviceEvent({ iccid, eid, event });
  const deliveries = await newWebhookDeliveries(admin, iccid, before, waitMs);

  const exitCode = outcome.success ? ExitCode.ok : ExitCode.recordsFailed;
  const headline = outcome.success
    ? `${event} played on ${iccid}: the profile is now ${outcome.status}`
    : `${event} refused for ${iccid}: ${outcome.message ?? "the status does not allow it"} (the profile stays ${outcome.status})`;
  const result = { iccid, eid, event, ...outcome, webhookDeliveries: deliveries };
  context.stdout.write(
    formatReport(
      { headline, lines: [`EID ${eid}`, webhookLine(deliveries, waitMs)], exitCode, result },
      {
        operationId: "playSandboxDeviceEvent",
        json: global.json,
        result,
        secretsFile: undefined,
        target,
      },
    ),
  );
  return exitCode;
}

/** The event names this command takes, and the admin API's name of each. */
export const deviceEventNames: Readonly<Record<string, DeviceEventType>> = {
  download: "DOWNLOADED",
  install: "INSTALLED",
  enable: "ENABLE",
  disable: "DISABLE",
  delete: "DELETE",
};

// The sandbox's own spellings (DOWNLOADED, INSTALLED …) are taken too, in any case, since
// they are what the webhook and the admin API show.
function eventOf(word: string | undefined): DeviceEventType {
  const valid = Object.keys(deviceEventNames).join(", ");
  if (word === undefined) throw new UsageError(`name the device event: one of ${valid}`);
  const lower = word.toLowerCase();
  const event =
    deviceEventNames[lower] ??
    Object.values(deviceEventNames).find((name) => name.toLowerCase() === lower);
  if (event === undefined) {
    throw new UsageError(`unknown device event "${word}": use one of ${valid}`);
  }
  return event;
}

// The EID a device event names when none is given: the one the profile is bound to, so that
// install after download needs no EID; an unbound profile gets a fixed example EID.
const exampleEid = "89049032000001000000012345678901";

async function boundEid(
  admin: ReturnType<typeof sandboxAdminClient>,
  iccid: string,
): Promise<string> {
  // An ICCID the sandbox does not know gets the example too: the event's own answer (404,
  // "no profile with ICCID …") then says so, as it does when --eid is given.
  return (await admin.profileEid(iccid)) ?? exampleEid;
}

function webhookLine(deliveries: readonly WebhookDelivery[], waitMs: number): string {
  const last = deliveries.find(delivered) ?? deliveries.at(-1);
  if (last === undefined) {
    return waitMs === 0
      ? "webhook: not waited for (--webhook-wait 0)"
      : `webhook: none sent within ${waitMs / 1000} s (the sandbox sends them only when started with --webhook-url URL)`;
  }
  const answer =
    last.httpStatus === null ? `failed: ${last.error ?? "error"}` : `HTTP ${last.httpStatus}`;
  const verdict = delivered(last) ? "delivered" : "not delivered";
  return `webhook: ${last.notificationType} ${last.notificationStatus} ${verdict} to the sandbox's --webhook-url (${answer}, attempt ${last.attempt})`;
}

function webhookWaitMs(given: string | undefined): number {
  if (given === undefined) return 2000;
  const seconds = Number(given);
  if (given.trim() === "" || !Number.isFinite(seconds) || seconds < 0 || seconds > 60) {
    throw new UsageError("--webhook-wait must be a number of seconds from 0 to 60");
  }
  return Math.round(seconds * 1000);
}

function required(value: string | boolean | undefined, option: string, name: string): string {
  if (typeof value !== "string") throw new UsageError(`${option} ${name} is required`);
  return value;
}

function optional(value: string | boolean | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}
