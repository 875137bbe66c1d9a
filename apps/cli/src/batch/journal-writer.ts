import { closeSync, fsyncSync, ftruncateSync, writeSync } from "node:fs";
import { createPrivateFile, reopenPrivateFile } from "../output/private-files.ts";
import type { JournalEntry, StartEvent } from "./journal-events.ts";

/**
 * Appends events to the journal, each as one line written with a single write and flushed to
 * disk (fsync) before the call returns: once `append` returns, a crash cannot lose the event.
 */
export class JournalWriter {
  readonly #fd: number;
  readonly #now: () => number;

  private constructor(fd: number, now: () => number) {
    this.#fd = fd;
    this.#now = now;
  }

  /** Creates a new journal (fails if one exists) and writes its start event. */
  static create(path: string, start: StartEvent, now: () => number): JournalWriter {
    const writer = new JournalWriter(createPrivateFile(path), now);
    writer.#write(start);
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

  /** Appends one event and flushes it to disk. */
  append(entry: JournalEntry): void {
    const { event, ...fields } = entry;
    this.#write({ event, at: new Date(this.#now()).toISOString(), ...fields });
  }

  close(): void {
    closeSync(this.#fd);
  }

  #write(event: object): void {
    const bytes = Buffer.from(`${JSON.stringify(event)}\n`);
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(this.#fd, bytes, offset);
    fsyncSync(this.#fd);
  }
}
