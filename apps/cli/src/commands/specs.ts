import type { CommandSpec } from "../core/command-spec.ts";
import { environmentSection, examples, exitCodesSection } from "../core/help-sections.ts";

// The specs of the commands of this folder, one per module (the module itself runs it). They
// share one file so that `--help` reads one module for all of them.

/** `simlessly ac generate-batch`, run by ac-generate-batch-command.ts. */
export const acGenerateBatchSpec: CommandSpec = {
  path: ["ac", "generate-batch"],
  summary: "Generate activation codes for SIM records read from CSV or JSON lines",
  usage: "--config-name NAME --input FILE|- --out DIR [options]",
  description: `Reads SIM records (iccid, imsi, ki and the optional opc, msidn, impi, impu, c9, cc,
expireTime, pin1, pin2, puk1, puk2, adm1) from a CSV file with a header row or from JSON
lines, checks every record against the Simlessly contract before sending anything, sends
them in batches of at most 200 as fast as --concurrency and --rate allow, polls the batches
apart from sending, near the batch time observed, and writes DIR/results.csv (owner-only;
rows in the order batches complete, each with its input line) and QR codes of the
activation codes in DIR/qr/. Ctrl+C stops cleanly and prints the --resume command.

CSV: column names are matched ignoring case; a UTF-8 BOM, CRLF line ends, quoted fields
and spaces around values are fine; fields are separated by commas, semicolons or tabs
(whichever the first line uses); impu holds identities separated by spaces; msisdn is
read as msidn. A file without a header row needs --columns. JSON lines: one object per
line with the same field names, impu an array.

An unknown column (or JSON key) is refused. --ignore-columns drops the columns it names
(their values are never read), --rename-columns reads a column as a field (KI_ENC=ki);
both match names as the header does, apply to JSON keys too, and a name that matches
no column is an error. They are kept in the journal for --resume.

Every invalid record is reported with its line, field and reason; a value is shown only
when it has the shape of its own non-secret field (an ICCID of digits, say), since in a
file whose columns are not what we think any cell may be a Ki. An ICCID that occurs
twice makes both records invalid. With any invalid record
nothing is sent (exit 2) unless --skip-invalid, which sends the valid ones and lists the
others in DIR/rejected.csv.

DIR/journal.jsonl records every submission (ICCIDs, chunk states, batch codes; no
secrets), flushed to disk before and after each one. After a crash or kill, run the same
command with --resume: nothing is lost and nothing is sent twice. A batch whose
submission was interrupted has an unknown outcome; it is reported (exit 4) until you
resume with --resubmit-unknown, which sends it again. The platform keeps one profile per
ICCID, so a record the unanswered attempt already made comes back "already exists": its
profile was made but its code never reached us. Such a lost code gets no row and is
reported (exit 4) until you resume with --recover-lost-codes, which also resends unknown
batches, then reads each such profile: one still Available (never ordered, on no device)
is deleted and generated again, so every record ends with one usable code; any other is
left alone and gets a failed row with its status (exit 1).`,
  options: {
    "config-name": {
      type: "string",
      valueName: "NAME",
      description: "Profile configuration of the Simlessly console (not needed with --resume)",
    },
    input: {
      type: "string",
      valueName: "FILE|-",
      description: "CSV or JSON-lines file, `-` for stdin (stdin cannot be resumed)",
    },
    out: {
      type: "string",
      valueName: "DIR",
      description: "Folder for journal.jsonl, results.csv, rejected.csv and qr/ (created 0700)",
    },
    format: {
      type: "string",
      valueName: "csv|jsonl",
      description: "Input format (default: from the file name, else from the first character)",
    },
    columns: {
      type: "string",
      valueName: "NAMES",
      description:
        "The columns of a CSV file without a header row, e.g. iccid,imsi,ki,opc\n(not needed with --resume)",
    },
    "ignore-columns": {
      type: "string",
      valueName: "NAMES",
      description:
        "Columns or JSON keys to drop unread, e.g. ACC,IMPI (not needed with --resume;\nwith --columns, name them there too)",
    },
    "rename-columns": {
      type: "string",
      valueName: "PAIRS",
      description:
        "Read columns or JSON keys as fields, COLUMN=FIELD pairs, e.g.\nKI_ENC=ki,OPC_ENC=opc (not needed with --resume)",
    },
    "need-ac-link": {
      type: "boolean",
      description: "Also ask the platform for a link to a QR image of each code",
    },
    concurrency: {
      type: "string",
      valueName: "N",
      description: "Requests in flight at once, 1-64 (default 4)",
    },
    rate: {
      type: "string",
      valueName: "N/s",
      description:
        "At most N requests per second, submissions and polls together (default: no limit)",
    },
    "poll-interval": {
      type: "string",
      valueName: "SECONDS",
      description:
        "First wait before polling a batch until a batch time has been seen, doubled\nup to 30 s (default 1; 0.05-60, decimals allowed); later batches are polled\nnear the batch time observed",
    },
    "max-pending": {
      type: "string",
      valueName: "N",
      description: "Batches submitted and waiting for completion at once, at most (default 1000)",
    },
    "poll-timeout": {
      type: "string",
      valueName: "SECONDS",
      description: "Stop polling a batch after this long; --resume polls it again (default 3600)",
    },
    qr: {
      type: "string",
      valueName: "png|svg|none",
      description: "QR images of the activation codes in DIR/qr/ (default png)",
    },
    "dry-run": {
      type: "boolean",
      description: "Check the input and print the plan; send and write nothing",
    },
    "skip-invalid": {
      type: "boolean",
      description: "Send the valid records; list the invalid ones in DIR/rejected.csv",
    },
    resume: {
      type: "boolean",
      description: "Continue the run recorded in DIR/journal.jsonl (same input file)",
    },
    "resubmit-unknown": {
      type: "boolean",
      description: "With --resume: send again the batches whose outcome is unknown",
    },
    "recover-lost-codes": {
      type: "boolean",
      description:
        "With --resume: as --resubmit-unknown, and get the codes an unanswered\nattempt made: delete each such profile still Available and generate it again;\nreport one already ordered or on a device (exit 1)",
    },
  },
  maxPositionals: 0,
  sections: [exitCodesSection, environmentSection],
};

/** `simlessly sign`, run by sign-command.ts. */
export const signSpec: CommandSpec = {
  path: ["sign"],
  summary: "Print the signed headers for a request described as JSON on stdin",
  usage: "[FILE|-]",
  description: `Reads one JSON object from FILE or stdin:
  { "scheme": "rsp" | "appendix", "key": "…", "secret": "…",
    "timestamp": 1700000000000, "requestId": "…", "body": …, "token": "…" }
and prints the headers a request signed with it carries, as a JSON object, so you can
compare them with your own signer when the platform rejects a signature.

body: a string is signed exactly as given (pass the bytes you send). Any other JSON value
is serialized compactly with JSON.stringify first (no spaces, keys in the given order).
A missing or null body signs as the empty string. token is for the appendix (eIM) scheme.
The secret is only used for the HMAC; it is never printed.`,
  options: {},
  maxPositionals: 1,
  sections: [
    {
      title: "Example",
      body: `echo '{"scheme":"rsp","key":"11111","secret":"1111","timestamp":"1628670421",
  "requestId":"4ce9d9cdac9e4e17b3a2c66c358c1ce2","body":{"imsi":"326543826"}}' | simlessly sign`,
    },
    exitCodesSection,
  ],
};

/** `simlessly config show` (this CLI's own settings), run by config-show-command.ts. */
export const configShowSpec: CommandSpec = {
  path: ["config", "show"],
  summary: "Show the settings this CLI would use (not a platform configuration); sends nothing",
  usage: "[--product rsp|eim|cmp] [--json]",
  description: `Shows, for each product (or the one --product names), the settings a command
would use and where each came from: an environment variable, a key of a profile of the
config file, or the default. Secret keys, tokens and client secrets appear only as
fingerprints (sha256: and 12 hex digits, as \`simlessly sandbox\` prints them). A product
without credentials is shown with what is missing, not as an error. Also shows the config
file looked at, whether it exists, the profile used, and whether the environment or the
profile wins. Nothing is sent. Not to be confused with \`config list\`, the platform's
profile configurations.`,
  options: {
    product: {
      type: "string",
      valueName: "rsp|eim|cmp",
      description: "Only this product (default: all three)",
    },
  },
  maxPositionals: 0,
  sections: [
    examples(`simlessly config show
simlessly config show --profile production --product rsp --json`),
    {
      title: "Exit codes",
      body: `0  shown (also when a product lacks credentials)
2  invalid usage
3  the config file or the profile cannot be read`,
    },
    environmentSection,
  ],
};

/** `simlessly sandbox`, run by sandbox-command.ts. */
export const sandboxSpec: CommandSpec = {
  path: ["sandbox"],
  summary: "Run the local sandbox of the RSP, eIM and CMP APIs (signatures, state, faults)",
  usage: "[--port N] [options]",
  description: `Starts the stateful sandbox of @simlessly/mock on 127.0.0.1 and runs it until Ctrl+C.
It checks signatures, keeps profiles and batches, and fails on purpose when asked, so
that every command here can be tried before you have credentials. It prints its URL and
the demo credentials it accepts (SIMLESSLY_* variables replace them). \`simlessly sandbox
trigger\` plays device events on it (download, install …) from another shell.`,
  options: {
    port: {
      type: "string",
      valueName: "N",
      description: "Port (default 4020; 0 picks a free one)",
    },
    host: { type: "string", valueName: "HOST", description: "Interface (default 127.0.0.1)" },
    scheme: {
      type: "string",
      valueName: "rsp|appendix",
      description: "Signature scheme RSP requests must use (default rsp)",
    },
    "batch-delay": {
      type: "string",
      valueName: "MS",
      description: "How long batches stay PROCESSING (default 1000)",
    },
    seed: { type: "string", valueName: "N", description: "Seed of faults and activation codes" },
    data: { type: "string", valueName: "FILE", description: "Keep the state in FILE" },
    "webhook-url": {
      type: "string",
      valueName: "URL",
      description: "POST signed profile status notifications to URL",
    },
    "webhook-generation": {
      type: "string",
      valueName: "newest|middle|oldest",
      description: "Spell them as that docs generation does (default newest)",
    },
    "webhook-attempts": {
      type: "string",
      valueName: "N",
      description: "Attempts per notification the receiver does not take (default 3)",
    },
    "webhook-retry-delay": {
      type: "string",
      valueName: "MS",
      description: "Wait before retry n is n times MS (default 200)",
    },
    "smdp-host": {
      type: "string",
      valueName: "HOST",
      description: "SM-DP+ address in activation codes",
    },
    "token-ttl": { type: "string", valueName: "SECONDS", description: "Lifetime of CMP tokens" },
    latency: {
      type: "string",
      valueName: "MS|MIN-MAX",
      description: "Delay before every request",
    },
    "error-rate": {
      type: "string",
      valueName: "R",
      description: "Share answered with a 5xx (0-1)",
    },
    "error-status": {
      type: "string",
      valueName: "N",
      description: "That 5xx status (default 500)",
    },
    "rate-429": { type: "string", valueName: "R", description: "Share answered 429 (0-1)" },
    "retry-after": {
      type: "string",
      valueName: "SECONDS",
      description: "Retry-After of those answers (default 1)",
    },
    "reset-before-rate": {
      type: "string",
      valueName: "R",
      description: "Share of connections reset before processing",
    },
    "reset-after-rate": {
      type: "string",
      valueName: "R",
      description: "Share processed, then reset without an answer",
    },
    "no-fault-header": {
      type: "boolean",
      description: "Ignore the x-sandbox-fault request header",
    },
    strict: {
      type: "boolean",
      description:
        'Refuse the forms the docs do not show (msisdn, "1" for 1, …) instead of warning',
    },
  },
  maxPositionals: 0,
  sections: [
    {
      title: "Example",
      body: `simlessly sandbox --port 4020 --error-rate 0.05 --seed 7
SIMLESSLY_BASE_URL=http://127.0.0.1:4020 SIMLESSLY_ACCESS_KEY=… SIMLESSLY_SECRET_KEY=… \\
  simlessly ac generate-batch --config-name templateRegular01 --input sims.csv --out run1`,
    },
  ],
};

/** `simlessly sandbox trigger`, run by sandbox-trigger-command.ts. */
export const sandboxTriggerSpec: CommandSpec = {
  path: ["sandbox", "trigger"],
  summary: "Play a device event (download, install …) on a running sandbox",
  usage: "EVENT --iccid ICCID [--eid EID] [--url URL]",
  description: `Tells a running sandbox that a device did something with a profile, through its admin
API (POST /__sandbox/device-events): the profile changes status and the sandbox sends the
profile status webhook to its --webhook-url, as the platform does when a phone acts.
Prints the profile's new status, where the sandbox sent the webhook and how it went
(waiting for it up to --webhook-wait), or a warning on stderr when the sandbox has no
--webhook-url and sent none; --json prints the sandbox's answer (webhookUrl included) with
the delivery attempts.

EVENT is one of:
  download  the device downloads the profile (Available or Released → Downloaded)
  install   it installs it (Downloaded → Installed)
  enable    it enables it (Installed or Disabled → Enabled)
  disable   it disables it (Enabled → Disabled)
  delete    it deletes it (Downloaded, Installed, Enabled or Disabled → Deleted)
(the sandbox's names DOWNLOADED, INSTALLED, ENABLE, DISABLE and DELETE work too). An event
the status does not allow fails as the platform's does (exit 1), and its FAILED webhook
is still sent.

The sandbox is the RSP base URL (SIMLESSLY_BASE_URL or the profile's baseUrl) or --url.
It must be on this machine: any other address, and the platform's (*.simlessly.com) above
all, is refused (exit 2) with nothing sent. No credentials are used.`,
  options: {
    iccid: { type: "string", valueName: "ICCID", description: "The profile's ICCID" },
    eid: {
      type: "string",
      valueName: "EID",
      description:
        "The device's EID, 32 digits (default: the EID the profile is bound to, else an\nexample EID)",
    },
    url: {
      type: "string",
      valueName: "URL",
      description: "The sandbox's address (default: the RSP base URL)",
    },
    "webhook-wait": {
      type: "string",
      valueName: "SECONDS",
      description: "How long to wait for the webhook's delivery (default 2; 0 does not wait)",
    },
  },
  maxPositionals: 1,
  sections: [
    examples(`# one shell: the sandbox, sending its webhooks to your receiver
simlessly sandbox --port 4020 --webhook-url http://127.0.0.1:8080/simlessly/webhook
# another shell: a profile, then what a phone would do with it
export SIMLESSLY_BASE_URL=http://127.0.0.1:4020 SIMLESSLY_ACCESS_KEY=… SIMLESSLY_SECRET_KEY=…
simlessly ac generate --config-name templateRegular01 --input sim.json --out code.txt
simlessly sandbox trigger download --iccid 89860468152080349618
simlessly sandbox trigger install --iccid 89860468152080349618`),
    {
      title: "Exit codes",
      body: `0  the event was played
1  the sandbox refused it (the profile's status does not allow it, no profile has the
   ICCID) or no sandbox answers
2  invalid usage, unknown event, or an address that is not a local sandbox`,
    },
  ],
};

/** `simlessly listen`, run by listen-command.ts. */
export const listenSpec: CommandSpec = {
  path: ["listen"],
  summary: "Receive webhooks locally: verify, print and forward them (development)",
  usage: "[--port N] [--host ADDRESS] [--forward-to URL] [--json]",
  description: `A local webhook receiver for development. Listens on 127.0.0.1 (port 4040 unless
--port; 0 takes a free one) and prints on stderr the URL to give the sandbox's
--webhook-url. Every POST is verified over its exact bytes with the RSP secret key of the
resolved settings (SIMLESSLY_SECRET_KEY or the profile's secretKey; exit 3 when missing):
its signature, its timestamp (within 5 minutes) and its Request-ID (accepted once).

Each verified webhook prints one line on stdout: the time received, the kind
(profileStatus, recycle, eim), the ICCID and what happened (notificationType and
status, or the status); --json prints the parsed event as one JSON line instead, with
the fields the contract marks secret (matchingId) masked. A refused request prints one
line on stderr with the status answered and why (never its body): 401 a bad signature
or a stale timestamp, 409 a Request-ID already accepted, 400 a missing header or a body
that is no known notification.

--forward-to URL posts each verified webhook on to your endpoint with the same bytes
and the signing headers (Signature, Timestamp, Request-ID, Access-Key, Sign-Method), so
that it verifies them as it would the platform's, and adds the endpoint's status to the
event's line. The sender is answered after the forward, with the endpoint's status (502
when it cannot be reached or takes over 10 s): the sandbox's delivery log, and its
retries, then reflect your endpoint. A failing endpoint does not stop listening.
Without --forward-to, a verified webhook is answered 204.

Ctrl+C or SIGTERM closes the server and exits 0.`,
  options: {
    port: {
      type: "string",
      valueName: "N",
      description: "The port to listen on (default 4040; 0 takes a free port)",
    },
    host: {
      type: "string",
      valueName: "ADDRESS",
      description: "The address to listen on (default 127.0.0.1: this machine only)",
    },
    "forward-to": {
      type: "string",
      valueName: "URL",
      description:
        "Your endpoint: verified webhooks are posted on to it, bytes and headers as received",
    },
  },
  maxPositionals: 0,
  sections: [
    examples(`# one shell: the sandbox, sending its webhooks to listen
simlessly sandbox --port 4020 --webhook-url http://127.0.0.1:4040
# another: listen, passing them on to your app
export SIMLESSLY_BASE_URL=http://127.0.0.1:4020 SIMLESSLY_ACCESS_KEY=… SIMLESSLY_SECRET_KEY=…
simlessly listen --forward-to http://localhost:3000/hooks
# a third: what a phone would do with a profile
simlessly sandbox trigger install --iccid 89860468152080349618`),
    {
      title: "Exit codes",
      body: `0  stopped by Ctrl+C or SIGTERM
2  invalid usage, or the port cannot be listened on
3  no usable RSP credentials (the secret key verifies the webhooks)`,
    },
  ],
};
