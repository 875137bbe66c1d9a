/** Something due at a time. */
export interface Due {
  readonly dueAt: number;
}

/** The batches waiting for their next poll, earliest first (a binary min-heap on `dueAt`). */
export class PollQueue<T extends Due> {
  readonly #items: T[] = [];

  get size(): number {
    return this.#items.length;
  }

  /** The item due first, without taking it. */
  peek(): T | undefined {
    return this.#items[0];
  }

  push(item: T): void {
    const items = this.#items;
    items.push(item);
    let index = items.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if ((items[parent] as T).dueAt <= item.dueAt) break;
      items[index] = items[parent] as T;
      index = parent;
    }
    items[index] = item;
  }

  /** Takes the item due first. */
  pop(): T | undefined {
    const items = this.#items;
    const first = items[0];
    const last = items.pop();
    if (first === undefined || last === undefined || items.length === 0) return first;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child =
        right < items.length && (items[right] as T).dueAt < (items[left] as T).dueAt ? right : left;
      if ((items[child] as T).dueAt >= last.dueAt) break;
      items[index] = items[child] as T;
      index = child;
    }
    items[index] = last;
    return first;
  }

  /** Takes every item, in no particular order. */
  drain(): T[] {
    return this.#items.splice(0);
  }
}
