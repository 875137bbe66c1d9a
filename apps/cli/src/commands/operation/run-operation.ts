import { UsageError } from "../../core/cli-error.ts";
import type { Invocation } from "../../core/command-spec.ts";
import { ExitCode } from "../../core/exit-code.ts";
import { stderrLogging } from "../../wiring/client-logging.ts";
import type { CliContext, CommandModule } from "../command-module.ts";
import { cliErrorFrom } from "./client-errors.ts";
import { type CommandArgs, commandArgs } from "./command-args.ts";
import { type Confirmation, confirmAction } from "./confirm-action.ts";
import { formatReport, type Report } from "./format-report.ts";
import { connect, type ProductClients } from "./product-clients.ts";
import {
  answerHoldsSecret,
  type Product,
  productLabel,
  requestSchemaOf,
  secretNamesOf,
} from "./product-contract.ts";
import { mergeBody, validateBody } from "./request-body.ts";
import { reserveSecretFile, type SecretFile } from "./secret-file.ts";
import { maskSecrets, scrubText, secretValuesIn } from "./secret-masking.ts";

/** Where a command's request body may come from besides flags. */
export interface BodyInput {
  /** `--input` must be given (the body holds secrets, which are never flags). */
  readonly required: boolean;
  /** A JSON list in `--input` is taken as this field of the body (e.g. `acInfos`). */
  readonly listField?: string;
}

/** One command = one operation: a body from flags and `--input`, one call, one report. */
export interface OperationSpec<P extends Product, Body, Answer> {
  readonly product: P;
  readonly operationId: string;
  readonly input?: BodyInput;
  /** Body fields from flags and arguments; undefined values are left out. */
  readonly fields?: (
    args: CommandArgs,
  ) => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** The call (default: the client method named by the operation id). */
  readonly call?: (client: ProductClients[P], body: Body, args: CommandArgs) => Promise<Answer>;
  readonly report?: (answer: Answer, body: Body) => Report;
  /**
   * The command keeps the answer's secrets out of the terminal itself (batch info writes them
   * to its results CSV); otherwise an answer the contract marks secret needs `--out FILE`.
   */
  readonly ownsSecretOutput?: boolean;
  /**
   * Hides what the exact secret values cannot: for answers whose free text may echo secrets
   * the command never held (batch info's reasons). Applied to the log lines of the call.
   */
  readonly scrubLog?: (text: string) => string;
  /**
   * For a call that destroys, irreversibly changes or cuts off something on the platform: what
   * to ask before it (undefined: this form needs no question). See {@link confirmAction}.
   */
  readonly confirm?: (body: Body, args: CommandArgs) => Confirmation | undefined;
}

/** A command module running `spec`. */
export function operationCommand<P extends Product, Body, Answer>(
  spec: OperationSpec<P, Body, Answer>,
): CommandModule {
  return { run: (invocation, context) => runOperation(spec, invocation, context) };
}

/**
 * Runs one operation: builds and checks the body (exit 2 before anything is sent), connects
 * (exit 3 without credentials), reserves `--out` when the answer holds a secret, calls, and
 * prints the report with every secret masked: the contract's secret names in data, and the
 * exact secret values of the request, the answer and the credentials in any text.
 */
export async function runOperation<P extends Product, Body, Answer>(
  spec: OperationSpec<P, Body, Answer>,
  invocation: Invocation,
  context: CliContext,
): Promise<number> {
  const args = commandArgs(invocation, context);
  const secretNames = secretNamesOf(spec.product);
  const body = (await buildBody(spec, args)) as Body;
  // Filled as secrets become known; log lines are scrubbed against it when written.
  const secrets = secretValuesIn(body, secretNames);
  const scrubLog = spec.scrubLog ?? ((text: string) => text);
  const logging = stderrLogging(invocation.global, context.env, context.stderr, (text) =>
    scrubLog(scrubText(text, secrets)),
  );
  const connection = connect(spec.product, invocation, context, logging);
  await confirmAction(spec.confirm?.(body, args), connection.baseUrl, invocation, context);
  secrets.push(...connection.credentials);
  const secretFile = reserveAnswerFile(spec, args);
  let answer: Answer;
  try {
    const call = spec.call ?? (defaultCall(spec.operationId) as NonNullable<typeof spec.call>);
    answer = await call(connection.client, body, args);
  } catch (error) {
    secretFile?.discard();
    throw cliErrorFrom(error, secrets);
  }
  secretFile?.write(`${JSON.stringify(answer, null, 2)}\n`);
  secrets.push(...secretValuesIn(answer, secretNames));
  const report = spec.report?.(answer, body) ?? { headline: `${spec.operationId}: done` };
  const text = formatReport(report, {
    operationId: spec.operationId,
    json: invocation.global.json,
    result: maskSecrets(report.result ?? answer, secretNames),
    secretsFile: secretFile?.path,
    target: connection.target,
  });
  context.stdout.write(scrubText(text, secrets));
  return report.exitCode ?? ExitCode.ok;
}

async function buildBody(
  spec: Pick<
    OperationSpec<Product, unknown, unknown>,
    "product" | "operationId" | "input" | "fields"
  >,
  args: CommandArgs,
): Promise<unknown> {
  const fromFile = spec.input === undefined ? undefined : await readBodyFile(spec.input, args);
  const fromFlags = (await spec.fields?.(args)) ?? {};
  const schema = requestSchemaOf(spec.product, spec.operationId);
  return validateBody(schema, mergeBody(fromFile, fromFlags), spec.operationId);
}

async function readBodyFile(
  input: BodyInput,
  args: CommandArgs,
): Promise<Record<string, unknown> | undefined> {
  const data = await args.readJsonInput();
  if (data === undefined) {
    if (input.required) throw new UsageError("--input FILE|- is required; see --help");
    return undefined;
  }
  if (Array.isArray(data) && input.listField !== undefined) return { [input.listField]: data };
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    const list = input.listField === undefined ? "" : ` or a list of ${input.listField}`;
    throw new UsageError(`--input must hold a JSON object (the request body)${list}`);
  }
  return data as Record<string, unknown>;
}

// An answer with a secret the platform gives once (an activation code) goes to a private file
// named by --out, never to the terminal; without --out nothing is sent.
function reserveAnswerFile(
  spec: Pick<
    OperationSpec<Product, unknown, unknown>,
    "product" | "operationId" | "ownsSecretOutput"
  >,
  args: CommandArgs,
): SecretFile | undefined {
  if (spec.ownsSecretOutput === true || !answerHoldsSecret(spec.product, spec.operationId)) {
    return undefined;
  }
  const name = args.text("out");
  if (name === undefined) {
    throw new UsageError(
      `--out FILE is required: the ${productLabel(spec.product)} answer holds a secret that is never printed`,
    );
  }
  return reserveSecretFile(name, args.context.cwd);
}

// The client method named by the operation id; the typed front doors tie its types.
function defaultCall(operationId: string) {
  return (client: unknown, body: unknown) => {
    const method = (client as Record<string, (body: unknown) => Promise<unknown>>)[operationId];
    if (method === undefined) throw new Error(`the client has no method ${operationId}`);
    return method.call(client, body);
  };
}
