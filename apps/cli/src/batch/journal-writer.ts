import { closeSync, fsyncSync, ftruncateSync, writeSync } from "node:fs";
import { GroupSync } from "../output/group-sync.ts";
import { createPrivateFile, reopenPrivateFile } from "../output/private-files.ts";
import type { JournalEntry, StartEvent } from "./journal-events.ts";

/**
 * Appends events to the journal, each as one line written with a single write, in the order
 * `append` is called, and flushed to disk before the promise `append` returns resolves: once
 * it resolves, a crash cannot lose the event. Events appended together share one fsync.
 */
export class JournalWriter {
  readonly #fd: number;
  readonly #now: () => number;
  readonly #group: GroupSync;

  private constructor(fd: number, now: () => number) {
    this.#fd = fd;
    this.#now = now;
    this.#group = new GroupSync(fd);
  }

  /** Creates a new journal (fails if one exists) and writes its start event. */
  static create(path: string, start: StartEvent, now: () => number): JournalWriter {
    const writer = new JournalWriter(createPrivateFile(path), now);
    writer.#write(start);
    fsyncSync(writer.#fd);
    return writer;
  }

  /**
   * Opens an existing journal for appending after cutting it at `validBytes`: a torn last
   * line is dropped so the next event starts on a line of its own.
   */
  static reopen(path: string, validBytes: number, now: () => number): JournalWriter {
    const fd = reopenPrivateFile(path, "append", { holdsSecrets: false });
    ftruncateSync(fd, validBytes);
    fsyncSync(fd);
    return new JournalWriter(fd, now);
  }

  /** Appends one event; resolves once it is on disk. */
  append(entry: JournalEntry): Promise<void> {
    this.write(entry);
    return this.#group.sync();
  }

  /** Writes one event after the ones before it, without waiting for the disk; see {@link sync}. */
  write(entry: JournalEntry): void {
    const { event, ...fields } = entry;
    this.#write({ event, at: new Date(this.#now()).toISOString(), ...fields });
  }

  /** Resolves once every event written so far is on disk. */
  sync(): Promise<void> {
    return this.#group.sync();
  }

  close(): void {
    closeSync(this.#fd);
  }

  #write(event: object): void {
    const bytes = Buffer.from(`${JSON.stringify(event)}\n`);
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(this.#fd, bytes, offset);
  }
}
