// Writes that arrive together are committed together. Every commit waits for the disk (an
// fsync), and node:sqlite waits on the event loop's thread, so one commit per event caps the
// receiver at one disk wait per event whatever the number of senders. Here, the writes
// requested during one turn of the event loop are handed over as one group, and each caller
// is answered only once its group is durable: the promise an answer waits for is unchanged,
// the disk waits are shared.

/** Queues items for `writeGroup` and resolves each with its own result. */
export interface GroupCommit<Item, Result> {
  /** Resolves once the group holding `item` is written; rejects if that group failed. */
  write(item: Item): Promise<Result>;
  /** Writes what is queued now, without waiting for the turn to end. */
  flush(): void;
}

interface Waiting<Item, Result> {
  readonly item: Item;
  readonly resolve: (result: Result) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * `writeGroup` writes all the items or none (one transaction) and returns their results in
 * order; an error it throws fails every write of the group.
 */
export function createGroupCommit<Item, Result>(
  writeGroup: (items: readonly Item[]) => readonly Result[],
): GroupCommit<Item, Result> {
  let queued: Waiting<Item, Result>[] = [];

  function flush(): void {
    const group = queued;
    queued = [];
    if (group.length === 0) return;
    let results: readonly Result[];
    try {
      results = writeGroup(group.map((waiting) => waiting.item));
    } catch (error) {
      for (const waiting of group) waiting.reject(error);
      return;
    }
    group.forEach((waiting, index) => {
      waiting.resolve(results[index] as Result);
    });
  }

  return {
    write(item) {
      return new Promise<Result>((resolve, reject) => {
        // After the I/O of this turn: every request whose body has arrived joins the group.
        if (queued.length === 0) setImmediate(flush);
        queued.push({ item, resolve, reject });
      });
    },
    flush,
  };
}
