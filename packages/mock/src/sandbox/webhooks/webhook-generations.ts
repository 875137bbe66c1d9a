// The profile status notification as each generation of its docs page prints it, so that a
// receiver can be tested against the payloads the platform may still send (spec/README.md,
// "Other spellings in answers"):
//   newest  the contract's shape: type, clientIp, installedTimes, optional deviceName
//   middle  no type, clientIp or installedTimes; status `Failed` / `Success`
//   oldest  as middle, without deviceName, and the event key spelled `NotificationType`
// The docs show `Failed` only; `Success` is the sandbox's choice for the older spelling of
// SUCCESS (the recycle notification writes its statuses so).
import type { ProfileStatusNotification } from "../engine/engine-context.ts";

/** A generation of the profile status notification page. */
export type WebhookGeneration = "newest" | "middle" | "oldest";

/** Every generation, newest first. */
export const webhookGenerations: readonly WebhookGeneration[] = ["newest", "middle", "oldest"];

/** Tells whether `value` names a generation. */
export function isWebhookGeneration(value: unknown): value is WebhookGeneration {
  return webhookGenerations.includes(value as WebhookGeneration);
}

/** The payload of `notification` in the spelling of `generation`. */
export function inGeneration(
  notification: ProfileStatusNotification,
  generation: WebhookGeneration,
): Record<string, unknown> {
  if (generation === "newest") return { ...notification };
  const {
    type: _type,
    clientIp: _clientIp,
    installedTimes: _installedTimes,
    deviceName,
    notificationType,
    notificationStatus,
    ...common
  } = notification;
  const status = {
    ...notificationStatus,
    status: notificationStatus.status === "FAILED" ? "Failed" : "Success",
  };
  if (generation === "oldest") {
    return { ...common, NotificationType: notificationType, notificationStatus: status };
  }
  return {
    ...common,
    ...(deviceName === undefined ? {} : { deviceName }),
    notificationType,
    notificationStatus: status,
  };
}
