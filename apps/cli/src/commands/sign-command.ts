import { isSigningScheme, SigningInputError, signRequest } from "@simlessly/signing";
import { InputError } from "../core/cli-error.ts";
import type { Invocation } from "../core/command-spec.ts";
import { ExitCode } from "../core/exit-code.ts";
import { readTextInput } from "../core/read-text-input.ts";
import type { CliContext } from "./command-module.ts";

const knownKeys = new Set(["scheme", "key", "secret", "timestamp", "requestId", "body", "token"]);

/**
 * `simlessly sign`: prints the headers `@simlessly/signing` produces for a request described
 * as JSON, so a user can compare them with their own signer.
 */
export async function run(invocation: Invocation, context: CliContext): Promise<number> {
  const text = await readTextInput(invocation.positionals[0], context.stdin, context.cwd);
  const input = parseSignInput(text);
  try {
    const headers = await signRequest(input);
    context.stdout.write(`${JSON.stringify(headers, null, 2)}\n`);
    return ExitCode.ok;
  } catch (error) {
    // SigningInputError names the field and the rule, never the value.
    if (error instanceof SigningInputError) throw new InputError(error.message);
    throw error;
  }
}

/** The signing input read by `simlessly sign`; a non-string body is serialized compactly. */
export function parseSignInput(text: string) {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // The parser's message quotes the text around the error, and that may be the secret.
    throw new InputError("the input is not valid JSON; expected one object");
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new InputError("the input must be a JSON object");
  }
  const record = data as Record<string, unknown>;
  const unknown = Object.keys(record).filter((key) => !knownKeys.has(key));
  if (unknown.length > 0) {
    throw new InputError(
      `unknown key${unknown.length === 1 ? "" : "s"} ${unknown.map((key) => `"${key}"`).join(", ")}; expected scheme, key, secret, timestamp, requestId, body, token`,
    );
  }
  const { scheme, key, secret, timestamp, requestId, body, token } = record;
  if (!isSigningScheme(scheme)) throw new InputError('scheme must be "rsp" or "appendix"');
  for (const [name, value] of [
    ["key", key],
    ["secret", secret],
    ["requestId", requestId],
  ] as const) {
    if (typeof value !== "string") throw new InputError(`${name} must be a string`);
  }
  if (typeof timestamp !== "string" && typeof timestamp !== "number") {
    throw new InputError("timestamp must be a number or a string of digits (milliseconds)");
  }
  if (token !== undefined && typeof token !== "string")
    throw new InputError("token must be a string");
  return {
    scheme,
    key: key as string,
    secret: secret as string,
    timestamp,
    requestId: requestId as string,
    body:
      body === undefined || body === null
        ? ""
        : typeof body === "string"
          ? body
          : JSON.stringify(body),
    ...(token === undefined ? {} : { token: token as string }),
  };
}
