// The store on a database written before events had an `event_key`: opening it keys the
// stored events without losing any, and from then on a retry of a stored event is a duplicate.
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterEach, describe, expect, it } from "vitest";
import type { NewEvent } from "../src/event-store.ts";
import { openSqliteEventStore } from "../src/sqlite-event-store.ts";
import { temporaryFolder } from "./helpers.ts";

let folder: ReturnType<typeof temporaryFolder> | undefined;
afterEach(() => folder?.remove());

// The table as the first version of the receiver created it.
const tableWithoutKeys = `
CREATE TABLE events (
  id INTEGER PRIMARY KEY AUTOINCREMENT, request_id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
  iccid TEXT NOT NULL, eid TEXT NOT NULL, notification_type TEXT NOT NULL, status TEXT NOT NULL,
  occurred_at INTEGER NOT NULL, received_at INTEGER NOT NULL, config_name TEXT NOT NULL,
  device_name TEXT, client_ip TEXT, installed_times INTEGER);
CREATE INDEX events_by_profile ON events (iccid, occurred_at, id);`;

const installed: NewEvent = {
  requestId: "6f1c3d1e-0000-4000-8000-000000000001",
  kind: "profileStatus",
  iccid: "89860468152080340101",
  eid: "89049032000001000000012345678901",
  notificationType: "INSTALLED",
  status: "SUCCESS",
  occurredAt: 1_765_000_000_000,
  receivedAt: 1_765_000_000_100,
  configName: "templateRegular01",
  deviceName: null,
  clientIp: null,
  installedTimes: 1,
};

describe("openSqliteEventStore", () => {
  it("keys the events of an older database, keeping every row, and dedupes from then on", async () => {
    folder = temporaryFolder();
    const path = join(folder.path, "events.sqlite");
    const old = new DatabaseSync(path);
    old.exec(tableWithoutKeys);
    const insert = old.prepare(`INSERT INTO events (request_id, kind, iccid, eid,
      notification_type, status, occurred_at, received_at, config_name) VALUES
      (?, 'profileStatus', ?, ?, ?, 'SUCCESS', ?, ?, 'templateRegular01')`);
    // The same event twice (a retry stored under the old rule), then another one.
    for (const [requestId, type] of [
      ["6f1c3d1e-0000-4000-8000-00000000000a", "INSTALLED"],
      ["6f1c3d1e-0000-4000-8000-00000000000b", "INSTALLED"],
      ["6f1c3d1e-0000-4000-8000-00000000000c", "ENABLE"],
    ] as const) {
      insert.run(requestId, installed.iccid, installed.eid, type, installed.occurredAt, 0);
    }
    old.close();

    const store = openSqliteEventStore(path);
    try {
      expect(store.eventsFor(installed.iccid).map((event) => event.notificationType)).toEqual([
        "INSTALLED",
        "INSTALLED",
        "ENABLE",
      ]);
      expect(await store.append(installed)).toBe("duplicate");
      expect(await store.append({ ...installed, requestId: "x", notificationType: "ENABLE" })).toBe(
        "duplicate",
      );
      expect(
        await store.append({ ...installed, requestId: "y", notificationType: "DISABLE" }),
      ).toBe("inserted");
      expect(store.eventsFor(installed.iccid)).toHaveLength(4);
    } finally {
      store.close();
    }
    // A second opening finds the keys in place.
    const again = openSqliteEventStore(path);
    try {
      expect(await again.append({ ...installed, requestId: "z" })).toBe("duplicate");
    } finally {
      again.close();
    }
  });

  it("writes concurrent appends in one group, each with its own result, all durable", async () => {
    folder = temporaryFolder();
    const path = join(folder.path, "events.sqlite");
    const store = openSqliteEventStore(path);
    const events = Array.from({ length: 50 }, (_, index) => ({
      ...installed,
      requestId: `6f1c3d1e-0000-4000-8000-${String(index).padStart(12, "0")}`,
      occurredAt: installed.occurredAt + index,
    }));
    // The last one repeats the first under a new Request-ID, in the same group.
    const results = await Promise.all(
      [...events, { ...installed, requestId: "retry" }].map((event) => store.append(event)),
    );
    expect(results.filter((result) => result === "inserted")).toHaveLength(50);
    expect(results.at(-1)).toBe("duplicate");
    store.close();
    const reopened = openSqliteEventStore(path);
    try {
      expect(reopened.eventsFor(installed.iccid)).toHaveLength(50);
    } finally {
      reopened.close();
    }
  });
});
