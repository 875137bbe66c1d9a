import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { documentPath, isProduct, type Product } from "./documents.ts";

/** How Prism serves a document. */
export interface PrismOptions {
  /** The product whose bundled document to serve, or a path to any OpenAPI document. */
  readonly document: Product | (string & {});
  /** `mock` answers from the document; `proxy` forwards to `upstream` and checks both directions. */
  readonly mode?: "mock" | "proxy";
  /** Base URL of the server behind the proxy (proxy mode only). */
  readonly upstream?: string;
  /** Proxy mode: turn every contract violation into an error response instead of a header. */
  readonly errors?: boolean;
  /** Mock mode: invent responses from the schemas instead of serving the examples. */
  readonly dynamic?: boolean;
  /** Port to listen on; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Interface to listen on; loopback by default. */
  readonly host?: string;
  /** How long to wait for Prism to listen before giving up. */
  readonly startTimeoutMs?: number;
  /**
   * Folder of the `@stoplight/prism-cli` package to run; by default the one this package
   * depends on. Whichever it is, it gets the fixes Prism needs here (prism-server-fix.ts).
   */
  readonly prismPackage?: string;
}

/** A running Prism server. */
export interface RunningPrism {
  /** Base URL, e.g. `http://127.0.0.1:4010`, without a trailing slash. */
  readonly url: string;
  /** Stops the server and resolves once its process has exited. */
  stop(): Promise<void>;
}

const listeningLine = /Prism is listening on (http:\/\/\S+)/;
const require = createRequire(import.meta.url);
// Beside this module: `.ts` when run from source, `.js` once built.
const launcher = fileURLToPath(
  new URL(`./prism-launcher${extname(fileURLToPath(import.meta.url))}`, import.meta.url),
);

/**
 * Starts Prism in its own process (it holds hundreds of MB and must not share the caller's
 * event loop), through prism-launcher.ts, and resolves once it listens.
 */
export async function startPrism(options: PrismOptions): Promise<RunningPrism> {
  const { mode = "mock", port = 0, host = "127.0.0.1", startTimeoutMs = 60_000 } = options;
  if (mode === "proxy" && options.upstream === undefined) {
    throw new Error("startPrism: proxy mode needs an upstream URL");
  }
  const args = [
    launcher,
    prismEntry(options.prismPackage),
    mode,
    "--host",
    host,
    "--port",
    String(port),
  ];
  if (options.errors) args.push("--errors");
  if (options.dynamic) args.push("--dynamic");
  args.push(resolveDocument(options.document));
  if (mode === "proxy" && options.upstream !== undefined) args.push(options.upstream);

  // The Node that runs this code runs Prism too: under pnpm that is the project's pinned Node.
  const child = spawn(process.execPath, args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  const url = await waitForListening(child, startTimeoutMs);
  return { url, stop: () => stopChild(child) };
}

function prismEntry(prismPackage: string | undefined): string {
  if (prismPackage !== undefined) return join(prismPackage, "dist", "index.js");
  return require.resolve("@stoplight/prism-cli/dist/index.js");
}

function resolveDocument(document: PrismOptions["document"]): string {
  return isProduct(document) ? documentPath(document) : document;
}

function waitForListening(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // Prism's last output lines explain a failed start; keep a short tail of them.
    let tail = "";
    const onData = (chunk: Buffer) => {
      tail = (tail + chunk.toString("utf8")).slice(-4000);
      const match = listeningLine.exec(tail);
      if (match?.[1] !== undefined) {
        cleanup();
        // Keep draining output so that Prism never blocks on a full pipe.
        child.stdout?.resume();
        child.stderr?.resume();
        resolve(match[1].replace(/\/$/, ""));
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`Prism exited (code ${code}) before listening:\n${tail}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      child.kill("SIGKILL");
      reject(new Error(`Prism did not listen within ${timeoutMs} ms:\n${tail}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.stderr?.off("data", onData);
      child.off("exit", onExit);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", onExit);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
