import {
  cmpMetadata,
  cmpSchemas,
  eimMetadata,
  eimSchemas,
  rspMetadata,
  rspSchemas,
} from "@simlessly/contract";
import type { BodyIssue } from "../../validate/issue-reason.ts";

/** The three Simlessly products, each with its own API, credentials and contract. */
export type Product = "rsp" | "eim" | "cmp";

/** A zod schema as far as the commands use one. */
export interface BodySchema {
  safeParse(
    data: unknown,
  ): { success: true; data: unknown } | { success: false; error: { issues: readonly BodyIssue[] } };
}

/** What the CLI reads of one product's generated contract. */
interface ProductContract {
  readonly label: string;
  readonly schemas: Readonly<Record<string, unknown>>;
  readonly operations: readonly {
    readonly operationId: string;
    readonly requestSchema: string | null;
    readonly responseSchema: string | null;
  }[];
  readonly secretPaths: Readonly<Record<string, readonly string[]>>;
  readonly secretPropertyNames: readonly string[];
}

const contracts: Readonly<Record<Product, ProductContract>> = {
  rsp: { label: "RSP", schemas: rspSchemas, ...rspMetadata },
  eim: { label: "eIM", schemas: eimSchemas, ...eimMetadata },
  cmp: { label: "CMP", schemas: cmpSchemas, ...cmpMetadata },
};

/** The product's name as people write it: RSP, eIM, CMP. */
export function productLabel(product: Product): string {
  return contracts[product].label;
}

/**
 * Every property name the product's contract marks secret (`x-secret`): values under these
 * keys are never printed, whichever answer or request they turn up in.
 */
export function secretNamesOf(product: Product): ReadonlySet<string> {
  return new Set(contracts[product].secretPropertyNames);
}

/** The zod schema of an operation's request body, looked up by the contract's own name. */
export function requestSchemaOf(product: Product, operationId: string): BodySchema {
  const name = operationOf(product, operationId).requestSchema;
  const schema = name === null ? undefined : contracts[product].schemas[name];
  if (schema === undefined) throw new Error(`${operationId} has no request schema`);
  return schema as BodySchema;
}

/**
 * Whether the operation's answer holds a secret (an activation code, say), from the secret
 * paths the contract lists for its response schema.
 */
export function answerHoldsSecret(product: Product, operationId: string): boolean {
  const name = operationOf(product, operationId).responseSchema;
  return name !== null && (contracts[product].secretPaths[name]?.length ?? 0) > 0;
}

function operationOf(product: Product, operationId: string) {
  const operation = contracts[product].operations.find(
    (candidate) => candidate.operationId === operationId,
  );
  if (operation === undefined) throw new Error(`${operationId} is not a ${product} operation`);
  return operation;
}
