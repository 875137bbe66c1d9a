// The credentials the sandbox accepts, one set per product. They come from the options, else
// from the environment (the same variables the simlessly CLI reads), else from built-in demo
// values that are safe to print because they are published in the README. A secret that is
// not a demo value is never printed: only a fingerprint of it, so two runs can still be told
// apart.
import { createHash } from "node:crypto";
import type { SigningScheme } from "@simlessly/signing";

/** RSP: the AccessKey / SecretKey pair of the HMAC signature (also signs webhooks). */
export interface RspCredentials {
  readonly accessKey: string;
  readonly secretKey: string;
}

/** eIM: the public-key / ackey pair of the Appendix 1 signature, and the token. */
export interface EimCredentials {
  readonly publicKey: string;
  readonly secretKey: string;
  readonly token: string;
}

/** CMP: the client credentials exchanged for bearer tokens. */
export interface CmpCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** Everything the sandbox accepts. */
export interface SandboxCredentials {
  readonly rsp: RspCredentials;
  readonly eim: EimCredentials;
  readonly cmp: CmpCredentials;
}

/** Credentials given in code; any field left out comes from the environment or the demo set. */
export interface SandboxCredentialsInput {
  readonly rsp?: Partial<RspCredentials>;
  readonly eim?: Partial<EimCredentials>;
  readonly cmp?: Partial<CmpCredentials>;
}

/** The built-in demo credentials (published, so printing them reveals nothing). */
export const demoCredentials: SandboxCredentials = {
  rsp: {
    accessKey: "sandboxaccesskey0000000000000001",
    secretKey: "sandboxsecretkey0000000000000001",
  },
  eim: {
    publicKey: "sandboxeimpublickey0000000000001",
    secretKey: "sandboxeimackey00000000000000001",
    token: "sandboxeimtoken00000000000000001",
  },
  cmp: {
    clientId: "sandboxcmpclientid00000000000001",
    clientSecret: "sandboxcmpclientsecret0000000001",
  },
};

/** The environment variable behind each credential: the names the simlessly CLI reads. */
export const credentialEnvironment = {
  rsp: { accessKey: "SIMLESSLY_ACCESS_KEY", secretKey: "SIMLESSLY_SECRET_KEY" },
  eim: {
    // The eIM docs call it the public-key; the CLI calls it the eIM access key.
    publicKey: "SIMLESSLY_EIM_ACCESS_KEY",
    secretKey: "SIMLESSLY_EIM_SECRET_KEY",
    token: "SIMLESSLY_EIM_TOKEN",
  },
  cmp: { clientId: "SIMLESSLY_CMP_CLIENT_ID", clientSecret: "SIMLESSLY_CMP_CLIENT_SECRET" },
} as const;

// What each credential must look like. Keys and ids travel in headers and (for the RSP
// AccessKey) in the webhook's Access-Key, whose contract pattern is alphanumeric; CMP client
// credentials have a contract pattern of their own.
const formats = {
  rsp: { accessKey: /^[A-Za-z0-9]{1,64}$/, secretKey: /^\P{Cc}{1,256}$/u },
  eim: {
    publicKey: /^[A-Za-z0-9]{1,64}$/,
    secretKey: /^\P{Cc}{1,256}$/u,
    token: /^[\x21-\x7e]{1,256}$/,
  },
  cmp: { clientId: /^[A-Za-z0-9]{32}$/, clientSecret: /^[A-Za-z0-9]{32}$/ },
} as const;

/**
 * Resolves the credentials: explicit values first, then the environment, then the demo set.
 * Throws when a value has the wrong form; the message names the setting, never the value.
 */
export function resolveCredentials(
  input: SandboxCredentialsInput = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
): SandboxCredentials {
  const pick = (
    setting: string,
    given: string | undefined,
    envName: string,
    demoValue: string,
    format: RegExp,
  ): string => {
    const fromEnv = env[envName] === "" ? undefined : env[envName];
    const value = given ?? fromEnv ?? demoValue;
    if (!format.test(value)) {
      const source = given !== undefined ? `credentials.${setting}` : envName;
      throw new Error(`sandbox: ${source} does not have the expected form ${format}`);
    }
    return value;
  };
  const names = credentialEnvironment;
  const demo = demoCredentials;
  return {
    rsp: {
      accessKey: pick(
        "rsp.accessKey",
        input.rsp?.accessKey,
        names.rsp.accessKey,
        demo.rsp.accessKey,
        formats.rsp.accessKey,
      ),
      secretKey: pick(
        "rsp.secretKey",
        input.rsp?.secretKey,
        names.rsp.secretKey,
        demo.rsp.secretKey,
        formats.rsp.secretKey,
      ),
    },
    eim: {
      publicKey: pick(
        "eim.publicKey",
        input.eim?.publicKey,
        names.eim.publicKey,
        demo.eim.publicKey,
        formats.eim.publicKey,
      ),
      secretKey: pick(
        "eim.secretKey",
        input.eim?.secretKey,
        names.eim.secretKey,
        demo.eim.secretKey,
        formats.eim.secretKey,
      ),
      token: pick(
        "eim.token",
        input.eim?.token,
        names.eim.token,
        demo.eim.token,
        formats.eim.token,
      ),
    },
    cmp: {
      clientId: pick(
        "cmp.clientId",
        input.cmp?.clientId,
        names.cmp.clientId,
        demo.cmp.clientId,
        formats.cmp.clientId,
      ),
      clientSecret: pick(
        "cmp.clientSecret",
        input.cmp?.clientSecret,
        names.cmp.clientSecret,
        demo.cmp.clientSecret,
        formats.cmp.clientSecret,
      ),
    },
  };
}

/** A short, one-way fingerprint of a secret, to tell configurations apart without showing it. */
export function secretFingerprint(secret: string): string {
  return `sha256:${createHash("sha256").update(secret, "utf8").digest("hex").slice(0, 12)}`;
}

/**
 * A shell block that points the simlessly CLI (or any script reading the same variables) at
 * the sandbox at `url`: every product's base URL and credentials. Demo secrets are printed,
 * since they are published; any other secret appears only as a comment with its fingerprint,
 * as the shell that started the sandbox already holds it.
 */
export function exportBlock(
  url: string,
  credentials: SandboxCredentials,
  rspScheme: SigningScheme,
): string[] {
  const names = credentialEnvironment;
  const demo = demoCredentials;
  const plain = (name: string, value: string) => `export ${name}=${shellWord(value)}`;
  const secret = (name: string, value: string, demoValue: string) =>
    value === demoValue
      ? plain(name, value)
      : `# ${name}: yours, not shown (${secretFingerprint(value)})`;
  return [
    plain("SIMLESSLY_BASE_URL", url),
    plain("SIMLESSLY_EIM_BASE_URL", url),
    plain("SIMLESSLY_CMP_BASE_URL", url),
    plain("SIMLESSLY_SIGNING_SCHEME", rspScheme),
    plain(names.rsp.accessKey, credentials.rsp.accessKey),
    secret(names.rsp.secretKey, credentials.rsp.secretKey, demo.rsp.secretKey),
    plain(names.eim.publicKey, credentials.eim.publicKey),
    secret(names.eim.secretKey, credentials.eim.secretKey, demo.eim.secretKey),
    secret(names.eim.token, credentials.eim.token, demo.eim.token),
    plain(names.cmp.clientId, credentials.cmp.clientId),
    secret(names.cmp.clientSecret, credentials.cmp.clientSecret, demo.cmp.clientSecret),
  ];
}

// Keys and ids are alphanumeric by their formats, and URLs rarely need quotes; anything else
// is single-quoted so that the pasted line sets exactly the printed value.
function shellWord(value: string): string {
  return /^[A-Za-z0-9_.:/@%+=,-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}
