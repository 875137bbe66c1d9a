// Option names that would carry a secret on the command line, where shell history, `ps` and
// CI logs keep it. Loaded only when an unknown option is met: the contract is not needed to
// parse a correct command line.
import { cmpMetadata, eimMetadata, rspMetadata } from "@simlessly/contract";

// Words that suggest a credential, whatever the command.
const credentialWords = /secret|password|passwd|token|private|access-?key|api-?key/i;

// The contract's `x-secret` properties (ki, opc, pin1, activationCode, …), compared without
// dashes, underscores or case, so `--activation-code`, `--activationCode` and `--ACTIVATION_CODE`
// all count.
const secretProperties = new Set(
  [
    ...rspMetadata.secretPropertyNames,
    ...eimMetadata.secretPropertyNames,
    ...cmpMetadata.secretPropertyNames,
  ].map(comparable),
);

/**
 * What secret an option names: a credential (`--secret-key`, `--token`), a secret field of
 * the contract (`--ki`, `--pin1`, `--ac`), or none.
 */
export function secretOptionKind(rawName: string): "credential" | "field" | undefined {
  if (credentialWords.test(rawName)) return "credential";
  return secretProperties.has(comparable(rawName)) ? "field" : undefined;
}

function comparable(name: string): string {
  return name.replace(/^-+/, "").replace(/[-_]/g, "").toLowerCase();
}
