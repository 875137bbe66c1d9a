// Where received events are kept. The HTTP layer only sees this interface, so that the SQLite
// implementation (one process, one file) can be swapped for a shared database when several
// instances receive the same webhooks.
//
// An event is stored once. A second delivery is recognised two ways: by its Request-ID (the
// same request sent again), and by the notification itself (`eventKey`): a sender that
// retries signs each attempt afresh, as the sandbox does, with a new Request-ID around the
// same body. The docs say nothing of the platform's retries, so both are checked.

/** What a delivered notification said, as it is stored. The `matchingId` (a secret) is not. */
export interface NewEvent {
  /** The delivery's `Request-ID`: a second delivery under it is a duplicate. */
  readonly requestId: string;
  /** `profileStatus` or `recycle`: the notification it came from. */
  readonly kind: "profileStatus" | "recycle";
  readonly iccid: string;
  readonly eid: string;
  /** DOWNLOADED, INSTALLED, ENABLE, DISABLE or DELETE; `RECYCLE` for a recycle notification. */
  readonly notificationType: string;
  /** The notification's status: SUCCESS or FAILED for a profile event. */
  readonly status: string;
  /** When the event happened on the platform, milliseconds since the epoch. */
  readonly occurredAt: number;
  /** When this service stored it, milliseconds since the epoch. */
  readonly receivedAt: number;
  readonly configName: string;
  readonly deviceName: string | null;
  readonly clientIp: string | null;
  readonly installedTimes: number | null;
}

/** A stored event: what was delivered, numbered in the order it was stored. */
export interface StoredEvent extends NewEvent {
  readonly id: number;
}

/**
 * What identifies a notification across deliveries: which profile, what happened, and when
 * it happened on the platform (the payload's own `timestamp`, which a retry repeats). Two
 * real events of one profile never share all of these. The matching id is left out: it is a
 * secret, and it is not stored.
 */
export function eventKey(event: NewEvent): string {
  // JSON, so that no field's text can make two different events read alike.
  return JSON.stringify([
    event.kind,
    event.iccid,
    event.eid,
    event.notificationType,
    event.status,
    event.occurredAt,
  ]);
}

/** Whether `append` stored the event, or already had it (its `Request-ID` or its `eventKey`). */
export type AppendResult = "inserted" | "duplicate";

/** The storage the receiver needs. Every method may be synchronous or not. */
export interface EventStore {
  /** Stores the event unless its `requestId` or its `eventKey` is stored; durable when it resolves. */
  append(event: NewEvent): AppendResult | Promise<AppendResult>;
  /** Whether an event with this `requestId` is stored (the replay check of verification). */
  seen(requestId: string): boolean | Promise<boolean>;
  /** The profile's events, oldest first (by event time, then by arrival). */
  eventsFor(iccid: string): readonly StoredEvent[] | Promise<readonly StoredEvent[]>;
  /** The profile's newest event, or null when none is stored. */
  latestFor(iccid: string): StoredEvent | null | Promise<StoredEvent | null>;
  /** Releases the storage; called once, after the last request has been answered. */
  close(): void | Promise<void>;
}
