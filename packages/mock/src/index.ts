export { documentPath, isProduct, type Product, products } from "./documents.ts";
export { type PrismOptions, type RunningPrism, startPrism } from "./prism.ts";
export type {
  ProfileListing,
  ProfileListingEntry,
  ProfileQuery,
  RequestLogView,
  SandboxAdmin,
  StateSummary,
} from "./sandbox/admin/admin.ts";
export { requestLogCapacity } from "./sandbox/admin/request-log.ts";
export { runSandboxCommand } from "./sandbox/command.ts";
export { createSandbox, type Sandbox, type SandboxOptions } from "./sandbox/create-sandbox.ts";
export {
  type CmpCredentials,
  credentialEnvironment,
  demoCredentials,
  type EimCredentials,
  type RspCredentials,
  type SandboxCredentials,
  type SandboxCredentialsInput,
} from "./sandbox/credentials/credentials.ts";
export {
  type DeviceEventInput,
  type DeviceEventResult,
  type DeviceEventType,
  deviceEventTypes,
} from "./sandbox/engine/device-events.ts";
export { eimSandboxStatuses } from "./sandbox/engine/eim-codes.ts";
export { defaultConfigs, type SandboxConfig } from "./sandbox/engine/engine-context.ts";
export { type RspFailureCode, rspFailureCodes } from "./sandbox/engine/rsp-codes.ts";
export { type ProfileStatusName, profileStatusNames } from "./sandbox/engine/state.ts";
export {
  type FaultSettings,
  type FaultSettingsInput,
  faultHeaderName,
  faultSettingsSchema,
} from "./sandbox/faults/faults.ts";
export { adminHeaderName, adminHeaderValue } from "./sandbox/http/admin-guard.ts";
export {
  type SandboxWarning,
  warningHeaderName,
} from "./sandbox/screen/sandbox-warnings.ts";
export {
  isWebhookGeneration,
  type WebhookGeneration,
  webhookGenerations,
} from "./sandbox/webhooks/webhook-generations.ts";
export { signWebhook, type WebhookDelivery } from "./sandbox/webhooks/webhooks.ts";
