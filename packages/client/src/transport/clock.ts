// The clock that stamps requests. With skew correction on, it follows the server's `Date`
// header: a machine whose clock is minutes off would otherwise have every request refused
// once it falls outside the server's 10-minute window.

/** The signing clock of a client. */
export interface Clock {
  /** Milliseconds since the epoch, corrected by the measured skew. */
  now(): number;
  /**
   * Learns from an answer's `Date` header (second resolution), sent at `sentAt` and received
   * at `receivedAt` (uncorrected local milliseconds). Returns the new offset when it changed.
   */
  observe(dateHeader: string | null, sentAt: number, receivedAt: number): number | null;
  /** The current correction in milliseconds (server minus local). */
  readonly offsetMs: number;
  /** Whether {@link Clock.observe} can change anything: skew correction is on. */
  readonly correctsSkew: boolean;
}

/** Options of {@link createClock}. */
export interface ClockOptions {
  /** Local time; default Date.now. */
  readonly now?: (() => number) | undefined;
  /** Follow the server's `Date` header; default false. */
  readonly correctSkew?: boolean | undefined;
}

/** Creates the signing clock. */
export function createClock(options: ClockOptions = {}): Clock {
  const localNow = options.now ?? Date.now;
  let offset = 0;
  return {
    now: () => localNow() + offset,
    observe(dateHeader, sentAt, receivedAt) {
      if (!options.correctSkew || dateHeader === null) return null;
      const serverSecond = Date.parse(dateHeader);
      if (Number.isNaN(serverSecond)) return null;
      // The header truncates to the second: the server's time lay somewhere in that second,
      // and our reading somewhere between sending and receiving.
      const serverMid = serverSecond + 500;
      const localMid = (sentAt + receivedAt) / 2 + offset;
      const uncertainty = 500 + (receivedAt - sentAt) / 2;
      const difference = serverMid - localMid;
      if (Math.abs(difference) <= uncertainty) return null;
      offset = Math.round(offset + difference);
      return offset;
    },
    get offsetMs() {
      return offset;
    },
    correctsSkew: options.correctSkew === true,
  };
}
