import { CliError } from "../../core/cli-error.ts";
import { ExitCode } from "../../core/exit-code.ts";

// The few calls of a running sandbox's admin API (`/__sandbox/…`, spec/sandbox-admin.yaml)
// that `sandbox trigger` makes. Plain JSON over fetch: the endpoints take no signature, only
// the header that tells them the caller is not a web page.

/** The event names of the admin API's DeviceEvent. */
export type DeviceEventType = "DOWNLOADED" | "INSTALLED" | "ENABLE" | "DISABLE" | "DELETE";

/** What the sandbox answers to a device event (DeviceEventOutcome). */
export interface DeviceEventOutcome {
  readonly found: true;
  /** Whether the profile's status allowed the event. */
  readonly success: boolean;
  /** Why it failed, as the platform words it; null on success. */
  readonly message: string | null;
  /** The profile's status after the event. */
  readonly status: string;
}

/** One webhook delivery attempt as the sandbox records it (no payload). */
export interface WebhookDelivery {
  readonly requestId: string;
  readonly iccid: string;
  readonly notificationType: string;
  readonly notificationStatus: string;
  readonly attempt: number;
  readonly httpStatus: number | null;
  readonly error: string | null;
  readonly at: number;
}

/** The admin calls, bound to one sandbox. */
export interface SandboxAdminClient {
  /** The EID the profile is bound to, null when none; undefined when there is no such ICCID. */
  profileEid(iccid: string): Promise<string | null | undefined>;
  deviceEvent(body: {
    iccid: string;
    eid: string;
    event: DeviceEventType;
  }): Promise<DeviceEventOutcome>;
  webhookDeliveries(): Promise<readonly WebhookDelivery[]>;
}

const timeoutMs = 10_000;

/** A client of the admin API at `baseUrl`. */
export function sandboxAdminClient(baseUrl: string): SandboxAdminClient {
  const call = async (method: "GET" | "POST", path: string, body?: unknown) => {
    const url = `${baseUrl}/__sandbox/${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          "x-sandbox-admin": "1",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new CliError(
        `no sandbox answers at ${baseUrl}: start one with \`simlessly sandbox\`, or name its address with --url`,
        ExitCode.recordsFailed,
        { cause: error, details: { kind: "connection", retryable: true } },
      );
    }
    const answer: unknown = await response.json().catch(() => undefined);
    return { status: response.status, answer };
  };
  const fail = (path: string, status: number, answer: unknown): never => {
    const said =
      typeof answer === "object" && answer !== null && "error" in answer
        ? `: ${String(answer.error)}`
        : "";
    throw new CliError(
      `the sandbox at ${baseUrl} answered ${status} to /__sandbox/${path}${said}`,
      ExitCode.recordsFailed,
      { details: { kind: "api", httpStatus: status, retryable: false } },
    );
  };
  return {
    async profileEid(iccid) {
      const path = `profiles?iccid=${encodeURIComponent(iccid)}`;
      const { status, answer } = await call("GET", path);
      if (status !== 200) return fail("profiles", status, answer);
      const profiles = (answer as { profiles?: readonly { eid?: string | null }[] }).profiles;
      const first = profiles?.[0];
      return first === undefined ? undefined : (first.eid ?? null);
    },
    async deviceEvent(body) {
      const { status, answer } = await call("POST", "device-events", body);
      if (status !== 200) return fail("device-events", status, answer);
      return answer as DeviceEventOutcome;
    },
    async webhookDeliveries() {
      const { status, answer } = await call("GET", "webhooks");
      if (status !== 200) return fail("webhooks", status, answer);
      return (answer as { deliveries?: readonly WebhookDelivery[] }).deliveries ?? [];
    },
  };
}
