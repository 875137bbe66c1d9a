// The eIM failure statuses the sandbox sends besides the Appendix 4 codes. Appendix 4 has
// nothing for authentication, malformed bodies or injected faults, so these are the
// sandbox's own, chosen outside Appendix 4; the README lists every one (a test checks that).

/** Sandbox-specific eIM `status` values, with their names and meanings. */
export const eimSandboxStatuses = {
  401001: [
    "AUTH_MISSING_HEADER",
    "A signing header or the authorization token is missing or empty.",
  ],
  401002: [
    "AUTH_MALFORMED_HEADER",
    "A signing header is malformed, or sign-method is not HMAC-SHA256.",
  ],
  401003: ["AUTH_UNKNOWN_KEY", "The public-key is not the one the sandbox accepts."],
  401004: ["AUTH_STALE_TIMESTAMP", "The timestamp is more than 10 minutes from the sandbox clock."],
  401005: ["AUTH_BAD_SIGNATURE", "The signature does not match the headers and the body bytes."],
  401006: [
    "AUTH_REPLAYED_REQUEST_ID",
    "The request-id was already used within the last 10 minutes.",
  ],
  401007: ["AUTH_BAD_TOKEN", "The authorization token is not the one the sandbox accepts."],
  400001: ["INVALID_JSON", "The body is not JSON."],
  400002: ["INVALID_REQUEST", "The body does not match the request schema (msg lists the fields)."],
  400003: ["BAD_FAULT_HEADER", "The x-sandbox-fault header could not be read (HTTP 400)."],
  413: ["BODY_TOO_LARGE", "The body is larger than the sandbox accepts (HTTP 413)."],
  503: [
    "SANDBOX_BUSY",
    "Too many request bodies are being read at once (HTTP 503 with Retry-After); nothing was processed.",
  ],
  429: ["RATE_LIMITED", "Injected fault: HTTP 429 with Retry-After; nothing was processed."],
  500: [
    "SANDBOX_FAULT",
    "Injected fault: an HTTP 5xx (the status repeats it); nothing was processed.",
  ],
} as const;

/** The sandbox eIM status of each name. */
export const EimSandboxStatus = {
  AUTH_MISSING_HEADER: 401001,
  AUTH_MALFORMED_HEADER: 401002,
  AUTH_UNKNOWN_KEY: 401003,
  AUTH_STALE_TIMESTAMP: 401004,
  AUTH_BAD_SIGNATURE: 401005,
  AUTH_REPLAYED_REQUEST_ID: 401006,
  AUTH_BAD_TOKEN: 401007,
  INVALID_JSON: 400001,
  INVALID_REQUEST: 400002,
  BAD_FAULT_HEADER: 400003,
} as const;
