import { describe, expect, it } from "vitest";
import { extractOperations } from "./extract-operations.ts";
import { documentWith, postOperation, ref } from "./test-documents.ts";

const schemas = { Req: { type: "string" }, Res: { type: "string" }, Err: { type: "string" } };

describe("extractOperations", () => {
  it("lists each path and method with its body schemas", () => {
    const document = documentWith(schemas, {
      paths: {
        "/a": {
          ...postOperation("createA", "Req", "Res", {
            tags: ["A"],
            summary: "Create an A",
            responses: {
              "200": { $ref: "#/components/responses/Ok" },
              default: {
                description: "error",
                content: { "application/json": { schema: ref("Err") } },
              },
            },
          }),
          get: {
            operationId: "readA",
            deprecated: true,
            "x-read-only": true,
            responses: { "204": { description: "none" } },
          },
          parameters: [],
        },
        "/b": postOperation("createB", null, null, {
          responses: {
            "201": { description: "ok", content: { "application/json": { schema: ref("Res") } } },
            "404": {
              description: "missing",
              content: { "application/problem+json": { schema: ref("Err") } },
            },
            "401": { description: "no body" },
          },
        }),
      },
      webhooks: {
        notify: postOperation("notifyMe", "Req", null, { tags: ["Hooks"] }),
      },
    });
    (document.components as Record<string, unknown>).responses = {
      Ok: { description: "ok", content: { "application/json": { schema: ref("Res") } } },
    };
    expect(extractOperations(document)).toEqual({
      operations: [
        {
          operationId: "readA",
          method: "get",
          path: "/a",
          tags: [],
          deprecated: true,
          summary: null,
          requestSchema: null,
          responseSchema: null,
          errorSchema: null,
          readOnly: true,
        },
        {
          operationId: "createA",
          method: "post",
          path: "/a",
          tags: ["A"],
          deprecated: false,
          summary: "Create an A",
          requestSchema: "Req",
          responseSchema: "Res",
          errorSchema: "Err",
          readOnly: false,
        },
        {
          operationId: "createB",
          method: "post",
          path: "/b",
          tags: [],
          deprecated: false,
          summary: null,
          requestSchema: null,
          responseSchema: "Res",
          errorSchema: "Err",
          readOnly: false,
        },
      ],
      webhooks: [
        {
          name: "notify",
          operationId: "notifyMe",
          method: "post",
          tags: ["Hooks"],
          deprecated: false,
          summary: null,
          payloadSchema: "Req",
        },
      ],
    });
  });

  it.each([
    {
      name: "an operation without operationId",
      paths: { "/a": { post: { responses: {} } } },
      message: "#/paths/~1a/post: every operation needs an operationId.",
    },
    {
      name: "an inline body schema",
      paths: {
        "/a": {
          post: {
            operationId: "a",
            requestBody: { content: { "application/json": { schema: { type: "string" } } } },
            responses: {},
          },
        },
      },
      message:
        "#/paths/~1a/post/requestBody/content/application~1json/schema: bodies must be a $ref",
    },
    {
      name: "a body that is not JSON",
      paths: {
        "/a": {
          post: {
            operationId: "a",
            requestBody: { content: { "text/plain": { schema: ref("Req") } } },
            responses: {},
          },
        },
      },
      message: "expected exactly one JSON media type, got text/plain",
    },
    {
      name: "an x-read-only that is not a boolean",
      paths: { "/a": postOperation("a", null, null, { "x-read-only": "yes" }) },
      message: "#/paths/~1a/post/x-read-only: expected a boolean.",
    },
    {
      name: "an operationId used twice",
      paths: { "/a": postOperation("same", null, null), "/b": postOperation("same", null, null) },
      message: "operationId same is used twice.",
    },
  ])("throws for $name", ({ paths, message }) => {
    expect(() => extractOperations(documentWith(schemas, { paths }))).toThrow(message);
  });
});
