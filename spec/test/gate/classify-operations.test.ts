// The document-level rules: operations, webhooks, security, named schemas, text-only
// changes, and differences no rule judges. Each row changes the released fixture once.
import { describe, expect, it } from "vitest";
import type { Change } from "../../scripts/gate/change.ts";
import { classify } from "../../scripts/gate/classify.ts";
import { fixtureDocument, type Json } from "./fixture.ts";

const operation = "/api/v1/profile/detail";
const webhook = "profileStatusNotification";

interface Row {
  readonly rule: string;
  readonly change: (document: Json) => void;
  /** Compare the changed document with the fixture instead (the change undone). */
  readonly reverse?: boolean;
  readonly expected: Pick<Change, "level" | "what">;
}

const rows: Row[] = [
  {
    rule: "an operation removed",
    change: (d) => delete d.paths[operation],
    expected: { level: "breaking", what: "operation removed" },
  },
  {
    rule: "an operation added",
    change: (d) => {
      d.paths["/api/v1/profile/log"] = structuredClone(d.paths[operation]);
      d.paths["/api/v1/profile/log"].post.operationId = "getProfileLog";
    },
    expected: { level: "minor", what: "operation added" },
  },
  {
    rule: "a webhook removed",
    change: (d) => delete d.webhooks[webhook],
    expected: { level: "breaking", what: "operation removed" },
  },
  {
    rule: "a webhook added",
    change: (d) => {
      d.webhooks.recycleNotification = structuredClone(d.webhooks[webhook]);
      d.webhooks.recycleNotification.post.operationId = "recycleNotification";
    },
    expected: { level: "minor", what: "operation added" },
  },
  // A webhook payload is sent by the platform to the user's receiver: widening it breaks.
  {
    rule: "a webhook payload enum value added",
    change: (d) =>
      d.components.schemas.Notification.properties.notificationType.enum.push("ENABLED"),
    expected: { level: "breaking", what: 'enum value "ENABLED" added' },
  },
  {
    rule: "a webhook payload field no longer required",
    change: (d) => d.components.schemas.Notification.required.pop(),
    expected: { level: "breaking", what: "field no longer required" },
  },
  {
    rule: "a webhook payload field newly required",
    change: (d) => {
      d.components.schemas.Notification.properties.note = { type: "string" };
      d.components.schemas.Notification.required.push("note");
    },
    expected: { level: "minor", what: "required field added" },
  },
  {
    rule: "a request enum value added",
    change: (d) => d.components.schemas.ProfileQuery.properties.kind.enum.push("ISIM"),
    expected: { level: "minor", what: 'enum value "ISIM" added' },
  },
  {
    rule: "an answer enum value removed",
    change: (d) => d.components.schemas.ProfileAnswer.properties.state.enum.pop(),
    expected: { level: "breaking", what: 'enum value "Installed" removed' },
  },
  {
    rule: "an optional answer field added",
    change: (d) => {
      d.components.schemas.ProfileAnswer.properties.eid = { type: "string" };
    },
    expected: { level: "minor", what: "optional field added" },
  },
  {
    rule: "the security requirement changed",
    change: (d) => {
      d.security = [{ AccessKey: [], Signature: [] }];
    },
    expected: { level: "breaking", what: "security requirement changed" },
  },
  {
    rule: "an operation's own security changed",
    change: (d) => {
      d.paths[operation].post.security = [];
    },
    expected: { level: "breaking", what: "security requirement changed" },
  },
  {
    rule: "a security scheme changed",
    change: (d) => {
      d.components.securitySchemes.AccessKey.name = "Access-Key";
    },
    expected: { level: "breaking", what: "security scheme changed" },
  },
  {
    rule: "a security scheme added",
    change: (d) => {
      d.components.securitySchemes.Signature = { type: "apiKey", in: "header", name: "Signature" };
    },
    expected: { level: "minor", what: "security scheme added" },
  },
  {
    rule: "an operation id renamed",
    change: (d) => {
      d.paths[operation].post.operationId = "profileDetail";
    },
    expected: { level: "breaking", what: "operationId getProfileDetail → profileDetail" },
  },
  {
    rule: "a required request header added",
    change: (d) => {
      d.paths[operation].post.parameters = [
        { in: "header", name: "Tenant", required: true, schema: { type: "string" } },
      ];
    },
    expected: { level: "breaking", what: "required parameter added" },
  },
  {
    rule: "an optional request header added",
    change: (d) => {
      d.paths[operation].post.parameters = [
        { in: "header", name: "Tenant", schema: { type: "string" } },
      ];
    },
    expected: { level: "minor", what: "optional parameter added" },
  },
  {
    rule: "a named schema added",
    change: (d) => {
      d.components.schemas.Spare = { type: "string" };
    },
    expected: { level: "minor", what: "schema added" },
  },
  {
    rule: "a named schema removed",
    reverse: true,
    change: (d) => {
      d.components.schemas.Spare = { type: "string" };
    },
    expected: { level: "breaking", what: "schema removed" },
  },
  {
    rule: "a request body no longer required",
    change: (d) => {
      d.paths[operation].post.requestBody.required = false;
    },
    expected: { level: "minor", what: "body no longer required" },
  },
  {
    rule: "a request body newly required",
    reverse: true,
    change: (d) => {
      d.paths[operation].post.requestBody.required = false;
    },
    expected: { level: "breaking", what: "body newly required" },
  },
  {
    rule: "a description changed",
    change: (d) => {
      d.paths[operation].post.description = "Reads one profile.";
    },
    expected: { level: "patch", what: "descriptions or examples changed" },
  },
  {
    rule: "an unjudged extension added",
    change: (d) => {
      d.paths[operation].post["x-read-only"] = true;
    },
    expected: { level: "minor", what: "changed (no rule judges it: counted as an addition)" },
  },
];

describe.each(rows)("$rule", ({ change, reverse, expected }) => {
  it("is classified", () => {
    const changed = fixtureDocument();
    change(changed);
    const [base, head] = reverse ? [changed, fixtureDocument()] : [fixtureDocument(), changed];
    const changes = classify({ rsp: base }, { rsp: head });
    expect(changes.map(({ level, what }) => ({ level, what }))).toContainEqual({
      level: expected.level,
      what: expect.stringContaining(expected.what),
    });
  });
});

it("counts a document removed as breaking and one added as an addition", () => {
  expect(classify({ rsp: fixtureDocument() }, {})).toEqual([
    { level: "breaking", where: "rsp", what: "document removed" },
  ]);
  expect(classify({}, { rsp: fixtureDocument() })).toEqual([
    { level: "minor", where: "rsp", what: "document added" },
  ]);
});

it("names the operation and the field", () => {
  const head = fixtureDocument();
  head.components.schemas.ProfileQuery.required.push("kind");
  expect(classify({ rsp: fixtureDocument() }, { rsp: head })).toEqual([
    {
      level: "breaking",
      where: `rsp POST ${operation} request application/json.kind`,
      what: "field newly required",
    },
  ]);
});

it("finds nothing between a document and its copy", () => {
  expect(classify({ rsp: fixtureDocument() }, { rsp: fixtureDocument() })).toEqual([]);
});
