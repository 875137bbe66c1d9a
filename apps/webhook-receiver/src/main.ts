// Entry point: settings from the environment, the SQLite store, the server, and a clean stop
// on SIGTERM or SIGINT (stop accepting, finish the requests in progress, close the database,
// exit 0).
import { ConfigError, readConfig } from "./config.ts";
import { createLogger } from "./log.ts";
import { createReceiver } from "./receiver.ts";
import { openSqliteEventStore } from "./sqlite-event-store.ts";

const log = createLogger();

async function main(): Promise<void> {
  const config = readConfig(process.env);
  const store = openSqliteEventStore(config.dbPath);
  const receiver = createReceiver({
    store,
    secretKey: config.secretKey,
    accessKey: config.accessKey,
    log,
  });
  const url = await receiver.listen(config.port, config.host);
  log("listening", { url, db: config.dbPath });

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log("stopping", { signal });
    receiver.stop().then(
      () => {
        log("stopped");
        process.exit(0);
      },
      (error: unknown) => {
        log("stop-failed", { error: error instanceof Error ? error.name : "error" });
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  // A ConfigError names the variable only; other errors by name, never a message with data.
  const message = error instanceof ConfigError ? error.message : undefined;
  log("start-failed", {
    error: error instanceof Error ? error.name : "error",
    ...(message === undefined ? {} : { message }),
  });
  process.exit(1);
});
