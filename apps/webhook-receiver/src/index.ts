// The receiver as a library: the server, its storage interface and the SQLite store.
export {
  ConfigError,
  defaultDbPath,
  defaultHost,
  defaultPort,
  type ReceiverConfig,
  readConfig,
} from "./config.ts";
export {
  type AppendResult,
  type EventStore,
  eventKey,
  type NewEvent,
  type StoredEvent,
} from "./event-store.ts";
export { createLogger, type LogFields, type Logger, silentLogger } from "./log.ts";
export { type Answer, maxBodyBytes } from "./receive-webhook.ts";
export { createReceiver, type Receiver, type ReceiverOptions } from "./receiver.ts";
export { openSqliteEventStore, type SqliteEventStore } from "./sqlite-event-store.ts";
