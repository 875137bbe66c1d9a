import { fsync } from "node:fs";

/**
 * Flushes one file to disk for many writers at once (group commit). A writer writes its bytes
 * synchronously, in order, then awaits `sync()`, which resolves once an fsync that started
 * after that write has finished. Writers that arrive while an fsync runs share the next one,
 * so a burst of events costs one or two fsyncs instead of one each, and the main thread never
 * blocks on the disk.
 */
export class GroupSync {
  readonly #fd: number;
  #waiting: { resolve: () => void; reject: (error: Error) => void }[] = [];
  #syncing = false;

  constructor(fd: number) {
    this.#fd = fd;
  }

  /** Resolves once every byte written to the file before this call is on disk. */
  sync(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ resolve, reject });
      if (!this.#syncing) this.#flush();
    });
  }

  #flush(): void {
    const batch = this.#waiting;
    this.#waiting = [];
    this.#syncing = true;
    fsync(this.#fd, (error) => {
      this.#syncing = false;
      for (const waiter of batch) {
        if (error === null) waiter.resolve();
        else waiter.reject(error);
      }
      if (this.#waiting.length > 0) this.#flush();
    });
  }
}
