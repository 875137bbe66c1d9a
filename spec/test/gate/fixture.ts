// The small released document the gate's tests change, one way or another.
import { readFileSync } from "node:fs";

// Tests reach into fixture documents by paths they know; typing each path would hide them.
// biome-ignore lint/suspicious/noExplicitAny: a parsed OpenAPI document changed by tests
export type Json = any;

/** A fresh copy of fixtures/rsp.json to change. */
export function fixtureDocument(): Json {
  return JSON.parse(readFileSync(new URL("fixtures/rsp.json", import.meta.url), "utf8"));
}

/** One operation whose request body and answer are both `schema`. */
export function documentWith(schema: unknown): Json {
  const body = { content: { "application/json": { schema } } };
  return {
    openapi: "3.1.0",
    paths: { "/x": { post: { operationId: "x", requestBody: body, responses: { "200": body } } } },
  } as unknown as Json;
}
