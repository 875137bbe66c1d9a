// The failure codes of the sandbox's RSP answers. RSP documents no failure codes at all, so
// these are the sandbox's own; each fits RspCode (a string of at most 32 characters) and the
// README lists every one (a test checks that).

/** Every RSP failure code the sandbox sends, with what it means. */
export const rspFailureCodes = {
  AUTH_MISSING_HEADER:
    "A signing header (AccessKey, Timestamp, RequestID, Signature) is missing or empty.",
  AUTH_MALFORMED_HEADER:
    "A signing header is malformed: a timestamp that is not digits, a RequestID that is not a UUID.",
  AUTH_UNKNOWN_KEY: "The AccessKey is not the one the sandbox accepts.",
  AUTH_STALE_TIMESTAMP: "The Timestamp is more than 10 minutes from the sandbox clock.",
  AUTH_BAD_SIGNATURE: "The Signature does not match the headers and the body bytes.",
  AUTH_REPLAYED_REQUEST_ID: "The RequestID was already used within the last 10 minutes.",
  INVALID_JSON: "The body is not JSON.",
  INVALID_REQUEST:
    "The body does not match the request schema of the operation (msg lists the fields).",
  CONFIG_NOT_FOUND: "No configuration has this configName.",
  CONFIG_TYPE_MISMATCH:
    "The configuration is of the wrong type (a UPP configuration for a plain generate, or the reverse).",
  CONFIG_NO_RECYCLE: "The profile's configuration has no recycle applet.",
  PROFILE_EXISTS: "The ICCID already holds a profile.",
  PROFILE_NOT_FOUND:
    "No profile has this ICCID (or it was deleted; deleteProfile answers PROFILE_STATUS_INVALID then).",
  PROFILE_STATUS_INVALID:
    "The profile's status does not allow the operation (msg says which status it has).",
  EID_MISMATCH: "The order is bound to another EID.",
  AC_MISMATCH: "The activation code is not the profile's.",
  BATCH_NOT_FOUND: "No batch has this batchCode.",
  CAMPAIGN_NOT_FOUND: "No campaign has this campaignName.",
  DUPLICATE_ICCID: "An ICCID is repeated in the request or already in the campaign's pool.",
  RATE_LIMITED: "Injected fault: HTTP 429 with Retry-After; nothing was processed.",
  SANDBOX_FAULT: "Injected fault: an HTTP 5xx; nothing was processed.",
  BAD_FAULT_HEADER: "The x-sandbox-fault header could not be read (HTTP 400).",
  BODY_TOO_LARGE: "The body is larger than the sandbox accepts (HTTP 413).",
  SANDBOX_BUSY:
    "Too many request bodies are being read at once (HTTP 503 with Retry-After); nothing was processed.",
  NOT_FOUND: "No operation of any of the three documents has this path (HTTP 404).",
  METHOD_NOT_ALLOWED: "Every operation is a POST (HTTP 405).",
} as const;

/** An RSP failure code of the sandbox. */
export type RspFailureCode = keyof typeof rspFailureCodes;
