export { documentPath, isProduct, type Product, products } from "./documents.ts";
export { type PrismOptions, type RunningPrism, startPrism } from "./prism.ts";
export type {
  ProfileListing,
  ProfileListingEntry,
  ProfileQuery,
  RequestLogView,
  SandboxAdmin,
  StateSummary,
} from "./sandbox/admin.ts";
export { adminHeaderName, adminHeaderValue } from "./sandbox/admin-guard.ts";
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
} from "./sandbox/credentials.ts";
export {
  type DeviceEventInput,
  type DeviceEventResult,
  type DeviceEventType,
  deviceEventTypes,
} from "./sandbox/device-events.ts";
export { eimSandboxStatuses } from "./sandbox/eim-codes.ts";
export { defaultConfigs, type SandboxConfig } from "./sandbox/engine-context.ts";
export {
  type FaultSettings,
  type FaultSettingsInput,
  faultHeaderName,
  faultSettingsSchema,
} from "./sandbox/faults.ts";
export { requestLogCapacity } from "./sandbox/request-log.ts";
export { type RspFailureCode, rspFailureCodes } from "./sandbox/rsp-codes.ts";
export {
  type SandboxWarning,
  warningHeaderName,
} from "./sandbox/sandbox-warnings.ts";
export { type ProfileStatusName, profileStatusNames } from "./sandbox/state.ts";
export {
  isWebhookGeneration,
  type WebhookGeneration,
  webhookGenerations,
} from "./sandbox/webhook-generations.ts";
export { signWebhook, type WebhookDelivery } from "./sandbox/webhooks.ts";
