// The EventStore on node:sqlite: one file, WAL (readers do not block the writer, and a
// committed event survives a crash), the schema created when it opens. DatabaseSync is
// synchronous, so an event is on disk when `append` returns: before the receiver answers.
import { DatabaseSync } from "node:sqlite";
import type { AppendResult, EventStore, NewEvent, StoredEvent } from "./event-store.ts";

const schema = `
CREATE TABLE IF NOT EXISTS events (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  request_id      TEXT    NOT NULL UNIQUE,
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
);
CREATE INDEX IF NOT EXISTS events_by_profile ON events (iccid, occurred_at, id);
`;

const columns = `id, request_id, kind, iccid, eid, notification_type, status, occurred_at,
  received_at, config_name, device_name, client_ip, installed_times`;

/** Opens (creating when absent) the SQLite database at `path`; `:memory:` for a throwaway. */
export function openSqliteEventStore(path: string): EventStore {
  const db = new DatabaseSync(path);
  db.exec("PRAGMA journal_mode = WAL");
  // FULL: a commit is fsynced before `append` returns, which is what answering 2xx promises.
  db.exec("PRAGMA synchronous = FULL");
  db.exec("PRAGMA busy_timeout = 5000");
  db.exec(schema);

  // ON CONFLICT DO NOTHING makes the duplicate check and the write one atomic statement.
  const insert = db.prepare(`INSERT INTO events (request_id, kind, iccid, eid, notification_type,
    status, occurred_at, received_at, config_name, device_name, client_ip, installed_times)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING`);
  const byRequest = db.prepare("SELECT 1 AS found FROM events WHERE request_id = ?");
  const byProfile = db.prepare(
    `SELECT ${columns} FROM events WHERE iccid = ? ORDER BY occurred_at, id`,
  );
  const latest = db.prepare(
    `SELECT ${columns} FROM events WHERE iccid = ? ORDER BY occurred_at DESC, id DESC LIMIT 1`,
  );

  return {
    append(event: NewEvent): AppendResult {
      const result = insert.run(
        event.requestId,
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
    },
    seen: (requestId) => byRequest.get(requestId) !== undefined,
    eventsFor: (iccid) => byProfile.all(iccid).map(toEvent),
    latestFor(iccid) {
      const row = latest.get(iccid);
      return row === undefined ? null : toEvent(row);
    },
    close: () => db.close(),
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
