// @simlessly/client/webhooks: verifying and parsing the webhooks the platform sends. A
// separate entry point, because it uses node:crypto (receivers run on servers): the browser
// bundle of the main entry point does not pull it in.
//
//   import { parseWebhook, verifyWebhook } from "@simlessly/client/webhooks";
//   await verifyWebhook({ body, headers: request.headers, secretKey });
//   const webhook = parseWebhook(body);

export { type ParsedWebhook, parseWebhook } from "./webhooks/parse-webhook.ts";
export {
  createMemoryReplayStore,
  type MemoryReplayStoreOptions,
  type ReplayStore,
} from "./webhooks/replay-store.ts";
export {
  defaultWebhookToleranceMs,
  type VerifiedWebhook,
  type VerifyWebhookOptions,
  verifyWebhook,
} from "./webhooks/verify-webhook.ts";
export {
  SimlesslyWebhookError,
  type SimlesslyWebhookErrorInit,
  type WebhookErrorReason,
  WebhookMalformedError,
  type WebhookMalformedErrorInit,
  WebhookReplayError,
  WebhookSignatureError,
  WebhookStaleError,
} from "./webhooks/webhook-errors.ts";
export type { WebhookHeaders } from "./webhooks/webhook-headers.ts";
export {
  sandboxWebhookScheme,
  type WebhookScheme,
  type WebhookSigningInput,
} from "./webhooks/webhook-scheme.ts";
