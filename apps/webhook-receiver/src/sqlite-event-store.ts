// The EventStore on node:sqlite: one file, WAL (readers do not block the writer, and a
// committed event survives a crash), the schema created when it opens. DatabaseSync is
// synchronous, so an event is on disk when `append` returns: before the receiver answers.
import { DatabaseSync } from "node:sqlite";
import {
  type AppendResult,
  type EventStore,
  eventKey,
  type NewEvent,
  type StoredEvent,
} from "./event-store.ts";
import { createGroupCommit } from "./group-commit.ts";

const table = `
CREATE TABLE IF NOT EXISTS events (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  request_id      TEXT    NOT NULL UNIQUE,
  event_key       TEXT,
  kind            TEXT    NOT NULL,
  iccid           TEXT    NOT NULL,
  eid             TEXT    NOT NULL,
  notification_type TEXT  NOT NULL,
  status          TEXT    NOT NULL,
  occurred_at     INTEGER NOT NULL,
  received_at     INTEGER NOT NULL,
  config_name     TEXT    NOT NULL,
  device_name     TEXT,
  client_ip       TEXT,
  installed_times INTEGER
)`;

// event_key may be null only in rows stored before the column existed (see addEventKeys).
const indexes = `
CREATE UNIQUE INDEX IF NOT EXISTS events_by_key ON events (event_key);
CREATE INDEX IF NOT EXISTS events_by_profile ON events (iccid, occurred_at, id);
`;

const columns = `id, request_id, kind, iccid, eid, notification_type, status, occurred_at,
  received_at, config_name, device_name, client_ip, installed_times`;

/** The EventStore on SQLite: every method but `append` answers at once. */
export interface SqliteEventStore extends EventStore {
  append(event: NewEvent): Promise<AppendResult>;
  seen(requestId: string): boolean;
  eventsFor(iccid: string): readonly StoredEvent[];
  latestFor(iccid: string): StoredEvent | null;
  close(): void;
}

/** Opens (creating when absent) the SQLite database at `path`; `:memory:` for a throwaway. */
export function openSqliteEventStore(path: string): SqliteEventStore {
  const db = new DatabaseSync(path);
  db.exec("PRAGMA journal_mode = WAL");
  // FULL: a commit is fsynced before `append` resolves, which is what answering 2xx promises.
  db.exec("PRAGMA synchronous = FULL");
  db.exec("PRAGMA busy_timeout = 5000");
  db.exec(table);
  addEventKeys(db);
  db.exec(indexes);

  // ON CONFLICT DO NOTHING, on either unique column, makes the duplicate check and the write
  // one atomic statement.
  const insert = db.prepare(`INSERT INTO events (request_id, event_key, kind, iccid, eid,
    notification_type, status, occurred_at, received_at, config_name, device_name, client_ip,
    installed_times) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
  const byRequest = db.prepare("SELECT 1 AS found FROM events WHERE request_id = ?");
  const byProfile = db.prepare(
    `SELECT ${columns} FROM events WHERE iccid = ? ORDER BY occurred_at, id`,
  );
  const latest = db.prepare(
    `SELECT ${columns} FROM events WHERE iccid = ? ORDER BY occurred_at DESC, id DESC LIMIT 1`,
  );

  const insertOne = (event: NewEvent): AppendResult => {
    const result = insert.run(
      event.requestId,
      eventKey(event),
      event.kind,
      event.iccid,
      event.eid,
      event.notificationType,
      event.status,
      event.occurredAt,
      event.receivedAt,
      event.configName,
      event.deviceName,
      event.clientIp,
      event.installedTimes,
    );
    return result.changes === 0 ? "duplicate" : "inserted";
  };
  // One transaction per group of concurrent deliveries (group-commit.ts). Two deliveries of
  // one event in the same group are told apart by the unique columns, in order.
  const appends = createGroupCommit<NewEvent, AppendResult>((events) => {
    db.exec("BEGIN IMMEDIATE");
    try {
      const results = events.map(insertOne);
      db.exec("COMMIT");
      return results;
    } catch (error) {
      try {
        db.exec("ROLLBACK");
      } catch {
        // SQLite rolls back by itself after some errors (a full disk, an I/O error).
      }
      throw error;
    }
  });

  return {
    append: (event) => appends.write(event),
    seen: (requestId) => byRequest.get(requestId) !== undefined,
    eventsFor: (iccid) => byProfile.all(iccid).map(toEvent),
    latestFor(iccid) {
      const row = latest.get(iccid);
      return row === undefined ? null : toEvent(row);
    },
    close() {
      appends.flush();
      db.close();
    },
  };
}

type Row = Record<string, unknown>;

function toEvent(row: Row): StoredEvent {
  return {
    id: Number(row.id),
    requestId: String(row.request_id),
    kind: row.kind === "recycle" ? "recycle" : "profileStatus",
    iccid: String(row.iccid),
    eid: String(row.eid),
    notificationType: String(row.notification_type),
    status: String(row.status),
    occurredAt: Number(row.occurred_at),
    receivedAt: Number(row.received_at),
    configName: String(row.config_name),
    deviceName: row.device_name === null ? null : String(row.device_name),
    clientIp: row.client_ip === null ? null : String(row.client_ip),
    installedTimes: row.installed_times === null ? null : Number(row.installed_times),
  };
}

/**
 * Gives a database from before `event_key` existed its keys. Each event keeps its row: where
 * earlier retries were stored twice, the first row gets the key and the others keep none, so
 * nothing stored is lost and every new delivery of that event is a duplicate.
 */
function addEventKeys(db: DatabaseSync): void {
  const names = db
    .prepare("PRAGMA table_info(events)")
    .all()
    .map((column) => column.name);
  if (names.includes("event_key")) return;
  db.exec("BEGIN IMMEDIATE");
  try {
    db.exec("ALTER TABLE events ADD COLUMN event_key TEXT");
    const rows = db.prepare(`SELECT ${columns} FROM events ORDER BY id`).all().map(toEvent);
    const setKey = db.prepare("UPDATE events SET event_key = ? WHERE id = ?");
    const keyed = new Set<string>();
    for (const row of rows) {
      const key = eventKey(row);
      if (keyed.has(key)) continue;
      keyed.add(key);
      setKey.run(key, row.id);
    }
    db.exec("COMMIT");
  } catch (error) {
    db.exec("ROLLBACK");
    throw error;
  }
}
