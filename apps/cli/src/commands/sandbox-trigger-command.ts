import { UsageError } from "../core/cli-error.ts";
import type { Invocation } from "../core/command-spec.ts";
import { ExitCode } from "../core/exit-code.ts";
import { targetOf } from "../core/target-line.ts";
import { colorEnabled, createStyle } from "../core/terminal.ts";
import type { CliContext } from "./command-module.ts";
import { defaultListenPort } from "./listen-command.ts";
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
  const webhookUrl = webhookUrlOf(outcome);
  // A sandbox without a webhook URL sends nothing: there is no delivery to wait for.
  const deliveries =
    webhookUrl === null ? [] : await newWebhookDeliveries(admin, iccid, before, waitMs);

  const exitCode = outcome.success ? ExitCode.ok : ExitCode.recordsFailed;
  const headline = outcome.success
    ? `${event} played on ${iccid}: the profile is now ${outcome.status}`
    : `${event} refused for ${iccid}: ${outcome.message ?? "the status does not allow it"} (the profile stays ${outcome.status})`;
  const result = {
    iccid,
    eid,
    event,
    ...outcome,
    ...(webhookUrl === undefined ? {} : { webhookUrl }),
    webhookDeliveries: deliveries,
  };
  const lines = [`EID ${eid}`, webhookLine(deliveries, waitMs, webhookUrl)];
  context.stdout.write(
    formatReport(
      { headline, lines, exitCode, result },
      {
        operationId: "playSandboxDeviceEvent",
        json: global.json,
        result,
        secretsFile: undefined,
        target,
      },
    ),
  );
  if (webhookUrl === null) {
    const style = createStyle(colorEnabled(context.stderr, context.env));
    context.stderr.write(
      `${style.yellow("warning:")} no webhook sent: the sandbox was started without --webhook-url; ` +
        `restart it with --webhook-url URL, e.g. \`${restartCommand(sandbox.baseUrl)}\` ` +
        "to send them to `simlessly listen`\n",
    );
  }
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

/**
 * Where the sandbox says it sends the event's webhook: a URL, null when it has no webhook URL,
 * undefined when its answer does not say (a sandbox older than the field).
 */
function webhookUrlOf(outcome: object): string | null | undefined {
  if (!("webhookUrl" in outcome)) return undefined;
  const { webhookUrl } = outcome;
  if (webhookUrl === null) return null;
  return typeof webhookUrl === "string" ? shownUrl(webhookUrl) : undefined;
}

// A receiver's URL may carry a credential in its user info, query or fragment: they are left
// out, as the target line leaves them out of a base URL.
function shownUrl(url: string): string {
  if (!URL.canParse(url)) return "(an unreadable URL)";
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}

// The sandbox command that sends webhooks to `simlessly listen` (its default address), on
// the port this sandbox answers on, so that it can be pasted as it is.
function restartCommand(sandboxUrl: string): string {
  const port = URL.canParse(sandboxUrl) ? new URL(sandboxUrl).port : "";
  const portFlag = port === "" ? "" : ` --port ${port}`;
  return `simlessly sandbox${portFlag} --webhook-url http://127.0.0.1:${defaultListenPort}`;
}

function webhookLine(
  deliveries: readonly WebhookDelivery[],
  waitMs: number,
  webhookUrl: string | null | undefined,
): string {
  if (webhookUrl === null) return "webhook: none sent (the sandbox has no --webhook-url)";
  const last = deliveries.find(delivered) ?? deliveries.at(-1);
  if (last === undefined) {
    if (webhookUrl === undefined) {
      return waitMs === 0
        ? "webhook: not waited for (--webhook-wait 0)"
        : `webhook: none sent within ${waitMs / 1000} s (the sandbox sends them only when started with --webhook-url URL)`;
    }
    const waited = waitMs === 0 ? "" : `, no attempt finished within ${waitMs / 1000} s`;
    return `webhook: sent to ${webhookUrl}${waited} (delivery runs in the background; GET /__sandbox/webhooks lists attempts)`;
  }
  const answer =
    last.httpStatus === null ? `failed: ${last.error ?? "error"}` : `HTTP ${last.httpStatus}`;
  const verdict = delivered(last) ? "delivered" : "not delivered";
  const where = webhookUrl ?? "the sandbox's --webhook-url";
  return `webhook: ${last.notificationType} ${last.notificationStatus} ${verdict} to ${where} (${answer}, attempt ${last.attempt})`;
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
