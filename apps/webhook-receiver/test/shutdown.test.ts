// The service as it runs in production: src/main.ts in a child process, configured from the
// environment, stopped with SIGTERM. It must exit 0 with what it acknowledged on disk, and
// its log must hold neither the secret key nor the payload's matching id.
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openSqliteEventStore } from "../src/sqlite-event-store.ts";
import { deliver, notification, secretKey, spawnMain, temporaryFolder } from "./helpers.ts";

let folder: ReturnType<typeof temporaryFolder> | undefined;
afterEach(() => folder?.remove());

describe("main", () => {
  it("stores, then exits 0 on SIGTERM with the event on disk and no secret in its log", async () => {
    folder = temporaryFolder();
    const dbPath = join(folder.path, "events.sqlite");
    const { child, url, output, exited } = await spawnMain(dbPath);
    const iccid = "89860468152080340005";
    expect((await deliver(url, notification(iccid))).status).toBe(200);
    expect((await deliver(url, notification(iccid), { key: "x".repeat(32) })).status).toBe(401);

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output()).toContain('"event":"stopped"');
    expect(output()).not.toContain(secretKey);
    expect(output()).not.toContain("MATCHINGIDSECRET0001");
    expect(
      output()
        .trim()
        .split("\n")
        .every((line) => line.startsWith("{")),
    ).toBe(true);

    const store = openSqliteEventStore(dbPath);
    try {
      expect(store.eventsFor(iccid)).toHaveLength(1);
    } finally {
      store.close();
    }
  });
});
