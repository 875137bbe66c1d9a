// Records travel between the input readers and the passes in arrays, one a piece of the
// stream, because every value an async generator yields costs a promise and a trip through
// the microtask queue: about 0.5 µs, as much as reading and checking the record itself. These
// convert between that form and one value at a time, for readers and consumers that have
// only the one.

/** The items of `batches`, one at a time. */
export async function* oneByOne<T>(batches: AsyncIterable<readonly T[]>): AsyncGenerator<T> {
  for await (const batch of batches) yield* batch;
}

/**
 * The items of `items` in arrays of at most `size`, in order; never an empty one. When
 * `items` throws, the items before the error come out first, as they would one at a time.
 */
export async function* inBatches<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  try {
    for await (const item of items) {
      batch.push(item);
      if (batch.length === size) {
        const full = batch;
        batch = [];
        yield full;
      }
    }
  } catch (error) {
    if (batch.length > 0) yield batch;
    throw error;
  }
  if (batch.length > 0) yield batch;
}
