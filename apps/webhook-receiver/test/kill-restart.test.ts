// The receiver killed with SIGKILL in the middle of a burst of device events for many
// profiles, then started again on the same database and port: the sandbox's retries deliver
// what the dead process never answered, and each event ends up stored exactly once, whether
// it was committed before the kill, lost with it, or committed without its answer arriving.
import { join } from "node:path";
import { createRspClient } from "@simlessly/client";
import { adminHeaderName, adminHeaderValue, createSandbox, type Sandbox } from "@simlessly/mock";
import { afterEach, describe, expect, it } from "vitest";
import { openSqliteEventStore } from "../src/sqlite-event-store.ts";
import { type RunningMain, secretKey, spawnMain, temporaryFolder } from "./helpers.ts";

const profileCount = 40;
const eventTypes = ["DOWNLOADED", "INSTALLED", "ENABLE"] as const;
const eid = "89049032000001000000012345678901";

let folder: ReturnType<typeof temporaryFolder> | undefined;
let sandbox: Sandbox | undefined;
const running: RunningMain[] = [];

afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
  for (const main of running.splice(0)) {
    if (main.child.exitCode === null && main.child.signalCode === null) {
      main.child.kill("SIGKILL");
      await main.exited;
    }
  }
  folder?.remove();
});

const iccidOf = (index: number) => `898604681520803${String(index).padStart(5, "0")}`;

describe("kill -9 in the middle of a burst", () => {
  it("stores every event exactly once after a restart, through the sandbox's retries", async () => {
    folder = temporaryFolder();
    const dbPath = join(folder.path, "events.sqlite");
    const first = await spawnMain(dbPath);
    running.push(first);
    const port = Number(new URL(first.url).port);

    sandbox = await createSandbox({
      env: {},
      seed: 11,
      batchDelayMs: 0,
      credentials: { rsp: { secretKey } },
      webhookUrl: `${first.url}/webhooks`,
      // Retries spread over about 20 s: long enough for the restart below.
      webhookRetry: { attempts: 20, delayMs: 100 },
    });
    const rsp = createRspClient({
      baseUrl: sandbox.url,
      accessKey: sandbox.credentials.rsp.accessKey,
      secretKey,
    });
    for (let index = 0; index < profileCount; index++) {
      await rsp.generateAc({
        configName: "templateRegular01",
        iccid: iccidOf(index),
        imsi: `46004886${String(index).padStart(7, "0")}`,
        ki: "6BE2053E8580B135CD43443380DB7111",
      });
    }

    // Each round plays one event on every profile; the webhooks go out in the background, so
    // the kill lands while deliveries are in flight, and the later rounds find nobody there.
    const total = profileCount * eventTypes.length;
    let played = 0;
    for (const event of eventTypes) {
      for (let index = 0; index < profileCount; index++) {
        const answer = await fetch(`${sandbox.url}/__sandbox/device-events`, {
          method: "POST",
          headers: { "content-type": "application/json", [adminHeaderName]: adminHeaderValue },
          body: JSON.stringify({ iccid: iccidOf(index), eid, event }),
        });
        expect(answer.status).toBe(200);
        played++;
        if (played === Math.floor(total / 3)) first.child.kill("SIGKILL");
      }
    }
    expect(await first.exited).toBeNull();
    expect(first.child.signalCode).toBe("SIGKILL");

    const second = await spawnMain(dbPath, port);
    running.push(second);
    expect(second.url).toBe(first.url);
    // Stopping the sandbox waits for every delivery to end: delivered, or out of attempts.
    await sandbox.stop();
    const attempts = sandbox.admin.webhookDeliveries();
    const answered = (attempt: (typeof attempts)[number]) =>
      attempt.httpStatus !== null && attempt.httpStatus >= 200 && attempt.httpStatus < 300;
    // The kill cost deliveries, and every notification got through in the end.
    expect(attempts.some((attempt) => !answered(attempt))).toBe(true);
    const delivered = new Set(
      attempts.filter(answered).map((attempt) => `${attempt.iccid} ${attempt.notificationType}`),
    );
    expect(delivered.size).toBe(total);

    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);

    const store = openSqliteEventStore(dbPath);
    try {
      let stored = 0;
      for (let index = 0; index < profileCount; index++) {
        const events = store.eventsFor(iccidOf(index));
        stored += events.length;
        expect(
          events.map((event) => event.notificationType),
          iccidOf(index),
        ).toEqual([...eventTypes]);
        expect(events.every((event) => event.status === "SUCCESS")).toBe(true);
      }
      expect(stored).toBe(total);
    } finally {
      store.close();
    }
  }, 60_000);
});
